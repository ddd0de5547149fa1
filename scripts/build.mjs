// Bundles src/cli.ts into dist/ with esbuild. Code splitting keeps Ink and React in a chunk that only
// `start` loads, so `check`, `cron` and `grade` start nearly as fast as bare node.
import {build} from 'esbuild';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {parse} from 'yaml';

rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});
await build({
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
});

// Pre-parsed lab definitions: runner/labs-loader.ts reads dist/labs.json (when it is newer than every lab.yaml)
// instead of parsing the three lab.yaml files with the yaml package at every start (~50 ms of a `check` run).
const labs = Object.fromEntries(['lab-a', 'lab-b', 'combined'].map((id) => [id, parse(readFileSync(new URL(`../labs/${id}/lab.yaml`, import.meta.url), 'utf8'))]));
writeFileSync(new URL('../dist/labs.json', import.meta.url), JSON.stringify(labs));
