// Bundles src/cli.ts into dist/ with esbuild. Code splitting keeps Ink and React in a chunk that only
// `start` loads, so `check`, `cron` and `grade` start nearly as fast as bare node; the build fails when a heavy
// package leaks into what `check` loads (see the metafile check at the end).
import {build} from 'esbuild';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import Ajv from 'ajv';

rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});

// Every `string-width` import of the bundle (Ink, wrap-ansi, cli-truncate, widest-line, ours) goes through
// src/ui/fast-width.ts, which measures text whose code points stand alone without string-width's Intl.Segmenter and
// emoji regex (about 70 ms before the workbook's first frame); string-width itself loads on the first text that
// needs it (a require, which esbuild turns into a lazy module init).
const repoDir = (await import('node:url')).fileURLToPath(new URL('..', import.meta.url));
const fastStringWidth = {
	name: 'fast-string-width',
	setup(builder) {
		builder.onResolve({filter: /^string-width$/}, (args) => (args.kind === 'require-call' ? undefined : {path: 'string-width', namespace: 'fast-string-width'}));
		builder.onLoad({filter: /.*/, namespace: 'fast-string-width'}, () => ({
			resolveDir: repoDir,
			loader: 'js',
			contents: `import {fastStringWidth} from './src/ui/fast-width.ts';
let slow;
export default function stringWidth(text, options) {
	const fast = fastStringWidth(text, options);
	if (fast !== undefined) return fast;
	slow ??= require('string-width').default;
	return slow(text, options);
}`,
		}));
	},
};

// Ink's line tokenizers (@alcalzone/ansi-tokenize, slice-ansi) create an Intl.Segmenter when they load, which costs
// tens of milliseconds before the first frame: they get src/ui/fast-width.ts's graphemeSegmenter(), which splits
// text where nothing joins per code point and makes the real segmenter only for text that needs it.
const SEGMENTER = /new Intl\.Segmenter\(undefined, ?\{ ?granularity: ?["']grapheme["'] ?\}\)/g;
const lazySegmenters = {
	name: 'lazy-segmenters',
	setup(builder) {
		builder.onLoad({filter: /node_modules[\\/](?:@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize|slice-ansi[\\/]tokenize-ansi)\.js$/}, (args) => {
			const source = readFileSync(args.path, 'utf8');
			if (!source.match(SEGMENTER)) throw new Error(`build: ${args.path} no longer creates its Intl.Segmenter as expected; update lazySegmenters in scripts/build.mjs.`);
			const fast = JSON.stringify(`${repoDir}/src/ui/fast-width.ts`);
			return {contents: `import {graphemeSegmenter as __dlGraphemes} from ${fast};\n${source.replace(SEGMENTER, '__dlGraphemes()')}`, loader: 'js'};
		});
	},
};

// yoga-layout (Ink's layout) holds its wasm as a data: URL and loads it with fetch(), which pulls in undici (~50 ms
// before the first frame); without fetch it decodes the same bytes itself.
const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(builder) {
		builder.onLoad({filter: /node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, (args) => {
			const source = readFileSync(args.path, 'utf8');
			const uses = source.split('"function"!=typeof fetch').length - 1;
			if (uses !== 2) throw new Error(`build: ${args.path} tests for fetch ${uses} times, not 2; update yogaWithoutFetch in scripts/build.mjs.`);
			// The instantiateWasm hook also gets the decoder of the bytes the module carries (for a synchronous set-up).
			return {contents: patch(args.path, source.replaceAll('"function"!=typeof fetch', '!0'), 'return h.instantiateWasm(d,\na)}', 'return h.instantiateWasm(d,\na,wa)}'), loader: 'js'};
		});
	},
};

// Ink and yoga-layout wait at their top level (a dev-only devtools import, yoga's asynchronous wasm set-up), which a
// CommonJS bundle (the workbook's code-cached ui-vm.js below) cannot do: the dev-only branches go (they load
// react-devtools-core, which is not shipped), and yoga compiles its wasm synchronously from the bytes it carries.
function patch(path, source, from, to) {
	const count = source.split(from).length - 1;
	if (count !== 1) throw new Error(`build: expected ${JSON.stringify(from.slice(0, 60))} once in ${path}, found it ${count} times; update inkWithoutTopLevelAwait in scripts/build.mjs.`);
	return source.replace(from, to);
}
const inkWithoutTopLevelAwait = {
	name: 'ink-without-top-level-await',
	setup(builder) {
		builder.onLoad({filter: /node_modules[\\/]ink[\\/]build[\\/]reconciler\.js$/}, (args) => {
			let source = readFileSync(args.path, 'utf8');
			source = patch(args.path, source, "await import('./devtools.js');", 'void 0;');
			source = patch(args.path, source, 'await loadPackageJson()', '{name: undefined, version: undefined}');
			return {contents: source, loader: 'js'};
		});
		builder.onLoad({filter: /node_modules[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/}, (args) => {
			const source = patch(
				args.path,
				readFileSync(args.path, 'utf8'),
				'const Yoga = wrapAssembly(await loadYoga());',
				'const yogaModule = {instantiateWasm(imports, receive, bytes) { const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes()), imports); receive(instance); return instance.exports; }};\nloadYoga(yogaModule);\nconst Yoga = wrapAssembly(yogaModule);',
			);
			return {contents: source, loader: 'js'};
		});
	},
};

/**
 * Loads a TypeScript module of src/ in this build (bundled by esbuild into a temporary file of dist/), so the build
 * uses the very code the CLI runs (the lab loader and its validation) instead of a second copy.
 */
async function importSource(entry) {
	const out = new URL(`../dist/.build-${entry.replaceAll(/[^a-z0-9]+/gi, '-')}.mjs`, import.meta.url);
	await build({entryPoints: [entry], outfile: (await import('node:url')).fileURLToPath(out), bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning', banner: {js: "import {createRequire as __dlCreateRequire} from 'node:module'; const require = __dlCreateRequire(import.meta.url);"}});
	try {
		return await import(out.href);
	} finally {
		rmSync(out, {force: true});
	}
}

const built = await build({
	entryPoints: {cli: 'src/cli.ts', 'grade-worker': 'src/runner/grade-worker.ts'},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	sourcemap: 'linked',
	jsx: 'automatic',
	logLevel: 'warning',
	// react-devtools-core is an optional import inside Ink that is never taken at run time.
	external: ['react-devtools-core'],
	banner: {js: "import {createRequire as __dlCreateRequire} from 'node:module'; const require = __dlCreateRequire(import.meta.url);"},
	define: {'process.env.NODE_ENV': '"production"'},
	// Whitespace and syntax minification halve the bytes node must read, decode and pre-parse at every start
	// (~1 MB of JavaScript on the check path). Identifiers are kept, so stack traces stay readable without the map.
	minifyWhitespace: true,
	minifySyntax: true,
	legalComments: 'none',
	metafile: true,
	plugins: [fastStringWidth, lazySegmenters, yogaWithoutFetch, inkWithoutTopLevelAwait],
});

// What `check` loads at startup is the static-import closure of its chunk; none of these may be in it (they cost
// tens of milliseconds to load and `check` never needs them).
const HEAVY = ['ink', 'react', 'react-reconciler', 'yoga-layout', 'redis', '@redis/client', 'tar', 'yauzl', 'execa'];
const outputs = built.metafile.outputs;
const checkChunk = Object.keys(outputs).find((path) => outputs[path].entryPoint === 'src/commands/check.ts');
if (!checkChunk) throw new Error('build: no chunk for src/commands/check.ts in the metafile.');
const seen = new Set();
for (const stack = [checkChunk]; stack.length > 0; ) {
	const path = stack.pop();
	if (seen.has(path)) continue;
	seen.add(path);
	for (const imported of outputs[path].imports) if (imported.kind === 'import-statement' && outputs[imported.path]) stack.push(imported.path);
}
const leaked = new Set();
for (const path of seen) {
	for (const input of Object.keys(outputs[path].inputs)) {
		const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
		if (pkg && HEAVY.includes(pkg)) leaked.add(pkg);
	}
}
if (leaked.size > 0) throw new Error(`build: \`check\` would load ${[...leaked].join(', ')} at startup; import them lazily.`);

// Pre-parsed lab definitions: every folder labs/<id>/ with a lab.yaml is a lab (no id is named here). Each is
// checked against labs/lab.schema.json (ajv) and by the loader's own validation, with file:line errors, and written
// to dist/labs.json, which runner/labs-loader.ts reads instead of parsing YAML at every start (~50 ms of a `check`
// run); a lab folder added or edited after the build is parsed from its YAML by the loader.
const labTools = await importSource('src/runner/labs-loader.ts');
const labFolders = await labTools.labFolders(repoDir);
const schema = JSON.parse(readFileSync(new URL('../labs/lab.schema.json', import.meta.url), 'utf8'));
const validateSchema = new Ajv({allErrors: true, strict: true}).compile(schema);
const labData = {};
const labProblems = [];
for (const folder of labFolders.sort((a, b) => (a.id < b.id ? -1 : 1))) {
	const {data, where} = labTools.readLabYaml(readFileSync(folder.file, 'utf8'), folder.file);
	if (!validateSchema(data)) {
		for (const error of validateSchema.errors) {
			const path = error.instancePath.split('/').slice(1).map((key) => (/^\d+$/.test(key) ? Number(key) : key.replaceAll('~1', '/').replaceAll('~0', '~')));
			if (error.keyword === 'additionalProperties') path.push(error.params.additionalProperty);
			labProblems.push(`${where(path)}: ${path.join('.') || 'the lab'} ${error.message} (lab.schema.json ${error.schemaPath})`);
		}
	}
	try {
		labTools.parseLabYaml(folder.id, readFileSync(folder.file, 'utf8'), folder.file);
	} catch (error) {
		labProblems.push(error.message);
	}
	labData[folder.id] = data;
}
if (labFolders.length === 0) labProblems.push('no lab folder (labs/<id>/lab.yaml) found.');
if (labProblems.length > 0) throw new Error(`build: bad lab definitions:\n  ${labProblems.join('\n  ')}`);
writeFileSync(new URL('../dist/labs.json', import.meta.url), JSON.stringify(labData));
const labIds = (await labTools.loadLabsFrom(repoDir)).map((lab) => lab.id);

// `check` with a V8 code cache. Node 20 caches no compiled code for ES modules, so every `check` compiled its
// ~600 KB of JavaScript afresh (~50 ms, a third of its own time). dist/check-vm.js is the check command as one
// CommonJS function expression that src/cli.ts compiles with node:vm and the cached data in check-vm.js.cache,
// which is taken from a real check run here, so it holds the functions a check executes, not only the top level.
// The cache is an optimisation only: V8 rejects it when node or its flags differ, and then compiles as usual;
// when either file is missing the CLI loads the ES module chunk.
/**
 * Bundles `entry` as one CommonJS function expression into dist/<name>.js, compiles and loads it here, runs
 * `warm` on its exports and writes the V8 code cache V8 then holds for it to dist/<name>.js.cache (so the cache
 * holds the functions a real run executes, not only the top level).
 */
async function writeVmBundle(entry, name, warm, extra = {}) {
	const vmFile = new URL(`../dist/${name}.js`, import.meta.url);
	const cjs = await build({
		entryPoints: [entry],
		write: false,
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		logLevel: 'warning',
		define: {'process.env.NODE_ENV': '"production"', 'import.meta.url': '__dlImportMetaUrl'},
		minifyWhitespace: true,
		minifySyntax: true,
		legalComments: 'none',
		...extra,
	});
	writeFileSync(vmFile, `(function (exports, require, module, __filename, __dirname, __dlImportMetaUrl) {${cjs.outputFiles[0].text}\n})`);
	const {Script} = await import('node:vm');
	const {createRequire} = await import('node:module');
	const {fileURLToPath} = await import('node:url');
	const {dirname} = await import('node:path');
	const file = fileURLToPath(vmFile);
	const script = new Script(readFileSync(file, 'utf8'), {filename: file});
	const module = {exports: {}};
	script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), vmFile.href);
	await warm(module.exports);
	writeFileSync(new URL(`../dist/${name}.js.cache`, import.meta.url), script.createCachedData());
}

const repoRoot = (await import('node:url')).fileURLToPath(new URL('..', import.meta.url));
await writeVmBundle('src/commands/check.ts', 'check-vm', async (check) => {
	const io = {out: () => undefined, err: () => undefined, cwd: repoRoot, env: {}, isTTY: false, stdoutColumns: 80};
	// A passing and a failing folder of every lab, in both formats, so that the cache covers the paths a check takes.
	for (const id of labIds) for (const dir of [`labs/${id}/solution`, `labs/${id}/starter`]) for (const format of ['json', 'text']) await check.run(['--dir', dir, '--format', format], io);
});

// The same for `grade`'s workers (src/runner/grade-worker.ts loads dist/grade-vm.js with its cache): each worker
// compiled the grade bundle afresh, ~130 ms per worker per grading run. Warmed the way a worker grades (blocking
// reads), on every lab's solution and starter, so the cache covers passing and failing checks of every lab.
await writeVmBundle('src/runner/grade.ts', 'grade-vm', async (grade) => {
	const {join} = await import('node:path');
	for (const id of labIds) {
		for (const dir of [join(repoRoot, 'labs', id, 'solution'), join(repoRoot, 'labs', id, 'starter')]) {
			const submission = await grade.gradeOne({kind: 'folder', name: id, path: dir}, {cwd: repoRoot, syncRead: true});
			if (!submission.result) throw new Error(`build: warming the grade cache failed on ${dir}: ${submission.error}`);
		}
	}
});

// The workbook's Ink app (src/ui/render.tsx, what `start` loads on a terminal) the same way: compiling its ~1 MB of
// Ink, React and yoga afresh cost ~50 ms before the first frame. src/runner/cached-module.ts loads it; the cache
// holds what loading it runs (React's and Ink's set-up).
await writeVmBundle('src/ui/render.tsx', 'ui-vm', async () => undefined, {jsx: 'automatic', external: ['react-devtools-core'], plugins: [fastStringWidth, lazySegmenters, yogaWithoutFetch, inkWithoutTopLevelAwait]});
