/**
 * Ctrl-C and SIGTERM mid-run: the CLI process (bundled from src/commands/run.ts, as the bin dispatches to it) gets
 * the signal, and afterwards no process of the run is left and the ports are free.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {spawn} from 'node:child_process';
import {mkdir, mkdtemp, rm} from 'node:fs/promises';
import {join} from 'node:path';
import {build} from 'esbuild';
import {execa} from 'execa';
import {isPortFree} from '../../src/runner/ports.js';
import {cronComponent, e2ePython, fakeEnv, LAB_A_APP, makeLab, missing, ports, removeLab, ROOT} from './e2e-helpers.js';

let skip: string | null = null;
let bundleDir = '';
const dirs: string[] = [];

beforeAll(async () => {
	if (!(await e2ePython())) {
		skip = missing('no python3 on this machine imports fastapi and uvicorn');
		return;
	}
	// Inside the repo (node_modules/.cache) so the bundle finds the package root (labs/) by walking up, as dist/ does.
	await mkdir(join(ROOT, 'node_modules', '.cache'), {recursive: true});
	bundleDir = await mkdtemp(join(ROOT, 'node_modules', '.cache', 'dapr-labs-signals-'));
	await build({
		stdin: {
			contents: "import {run} from './src/commands/run.ts'; import {defaultIO} from './src/commands/io.ts'; run(process.argv.slice(2), defaultIO()).then((code) => { process.exitCode = code; });",
			resolveDir: ROOT,
			loader: 'ts',
		},
		outfile: join(bundleDir, 'run.mjs'),
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		logLevel: 'error',
		banner: {js: "import {createRequire as __r} from 'node:module'; const require = __r(import.meta.url);"},
	});
});

afterAll(async () => {
	for (const dir of dirs) await removeLab(dir);
	if (bundleDir) await rm(bundleDir, {recursive: true, force: true});
});

/** Processes whose command line mentions the marker (the run's unique app port). */
async function processesWith(marker: string): Promise<string[]> {
	const {stdout} = await execa('ps', ['-eo', 'pid=,pgid=,args='], {reject: false});
	return String(stdout)
		.split('\n')
		.filter((line) => line.includes(marker) && !line.includes('ps -eo'));
}

describe.each([
	['SIGINT', 130, '1.18'],
	['SIGTERM', 143, '1.16'],
	// Closing the terminal (issue 11): without a SIGHUP handler Node died at once and dapr and the app kept the ports.
	['SIGHUP', 129, '1.18'],
] as const)('%s mid-run', (signal, code, style) => {
	it(`stops dapr, daprd and the app, frees the ports and exits ${code}`, async (context) => {
		if (skip) return context.skip(skip);
		const dir = await makeLab({'components/cron-binding.yaml': cronComponent('@every 30s'), 'app.py': LAB_A_APP});
		dirs.push(dir);
		const p = await ports();
		const child = spawn(process.execPath, [join(bundleDir, 'run.mjs'), 'lab-a', '--dir', dir, '--timeout', '120', '--no-build', '--app-port', String(p.appPort), '--dapr-http-port', String(p.daprHttpPort), '--dapr-grpc-port', String(p.daprGrpcPort)], {
			env: fakeEnv(style) as NodeJS.ProcessEnv,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
		const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
		// Mid-run: daprd has found the app and is waiting for the schedule.
		for (let i = 0; i < 600 && !out.includes('application discovered on port'); i++) await new Promise((r) => setTimeout(r, 100));
		expect(out).toContain('application discovered on port');
		expect((await processesWith(String(p.appPort))).length).toBeGreaterThanOrEqual(2);
		child.kill(signal);
		expect(await exited, out).toBe(code);
		expect(await processesWith(String(p.appPort))).toEqual([]);
		for (const port of [p.appPort, p.daprHttpPort, p.daprGrpcPort]) expect(await isPortFree(port)).toBe(true);
	});
});
