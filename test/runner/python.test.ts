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
});
