// Bundles src/cli.ts into dist/ with esbuild. Code splitting keeps Ink and React in a chunk that only
// `start` loads, so `check`, `cron` and `grade` start nearly as fast as bare node.
import {build} from 'esbuild';
import {rmSync} from 'node:fs';

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
