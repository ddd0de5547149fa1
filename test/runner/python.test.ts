import {afterAll, describe, expect, it} from 'vitest';
import {chmod, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {choosePython, findPythons, pickPython, pythonCandidatePaths} from '../../src/runner/python.js';

const dirs: string[] = [];
afterAll(async () => {
	for (const dir of dirs) await rm(dir, {recursive: true, force: true});
});

/** A stand-in interpreter: a shell script answering the probe like a python with the given modules would. */
async function fakePython(modules: {fastapi: boolean; uvicorn: boolean; dapr: boolean}, version: string): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'dapr-labs-py-'));
	dirs.push(dir);
	const path = join(dir, 'python3');
	await writeFile(path, `#!/bin/sh\necho '${JSON.stringify({version, ...modules})}'\n`);
	await chmod(path, 0o755);
	return dir;
}

describe('python discovery', () => {
	it('looks at every python3 in PATH order and picks the first with fastapi and uvicorn', async () => {
		const bare = await fakePython({fastapi: false, uvicorn: false, dapr: false}, '3.11.7');
		const full = await fakePython({fastapi: true, uvicorn: true, dapr: false}, '3.11.2');
		const env = {PATH: `${bare}:${full}`};
		const paths = await pythonCandidatePaths(env);
		expect(paths.slice(0, 2)).toEqual([join(bare, 'python3'), join(full, 'python3')]);
		const found = await findPythons({env});
		expect(found[0]).toMatchObject({path: join(bare, 'python3'), version: '3.11.7', modules: {fastapi: false}});
		expect(pickPython(found)?.path).toBe(join(full, 'python3'));
		const {chosen} = await choosePython(undefined, {env});
		expect(chosen?.path).toBe(join(full, 'python3'));
	});

	it('uses only the override when given, and reports a broken one', async () => {
		const {chosen, candidates} = await choosePython('/nonexistent/python3');
		expect(chosen).toBeNull();
		expect(candidates).toHaveLength(1);
		expect(candidates[0]!.error).toBeTruthy();
	});

	it('finds the lab folder\'s .venv first and keeps the system python it links to as a separate candidate', async (context) => {
		const {existsSync} = await import('node:fs');
		const {execa} = await import('execa');
		if (!existsSync('/usr/bin/python3')) return context.skip('no /usr/bin/python3 to build a venv from');
		const lab = await mkdtemp(join(tmpdir(), 'dapr-labs-venv-'));
		dirs.push(lab);
		// A real venv (no pip needed): its python3 is a link to /usr/bin/python3, but sys.prefix differs.
		const made = await execa('/usr/bin/python3', ['-m', 'venv', '--without-pip', '--system-site-packages', join(lab, '.venv')], {reject: false});
		if (made.exitCode !== 0) {
			if (process.env['DAPR_LABS_REQUIRE_E2E'] === '1') throw new Error(`python3 -m venv failed: ${made.stderr}`);
			return context.skip(`python3 -m venv failed here: ${String(made.stderr).split('\n').pop()}`);
		}
		const env = {PATH: '/usr/bin'};
		const paths = await pythonCandidatePaths(env, lab);
		expect(paths[0]).toBe(join(lab, '.venv', 'bin', 'python3'));
		expect(paths).toContain('/usr/bin/python3');
		const found = await findPythons({env, dir: lab});
		expect(found[0]).toMatchObject({path: join(lab, '.venv', 'bin', 'python3'), venv: true});
		expect(found.find((p) => p.path === '/usr/bin/python3')?.venv).toBeUndefined();
		const {chosen} = await choosePython(undefined, {env, dir: lab});
		// --system-site-packages: the venv sees the system's fastapi and uvicorn, so it is chosen.
		if (found[0]!.modules.fastapi && found[0]!.modules.uvicorn) expect(chosen?.path).toBe(join(lab, '.venv', 'bin', 'python3'));
	});
});
