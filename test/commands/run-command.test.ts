import {afterAll, describe, expect, it} from 'vitest';
import {createServer, type Server} from 'node:net';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {run} from '../../src/commands/run.js';
import type {CommandIO} from '../../src/commands/io.js';
import {cronComponent, e2ePython, fakeEnv, freePort, LAB_A_APP, makeLab, missing, removeLab} from '../runner/e2e-helpers.js';

const dirs: string[] = [];
afterAll(async () => {
	for (const dir of dirs) await removeLab(dir);
});

function io(cwd: string, env: Record<string, string | undefined>): CommandIO & {stdout: string[]; stderr: string[]} {
	const stdout: string[] = [];
	const stderr: string[] = [];
	return {out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), cwd, env, isTTY: false, stdoutColumns: 80, stdout, stderr};
}

describe('dapr-labs run', () => {
	it('refuses to start without dapr (exit 2, env/dapr-missing)', async () => {
		const dir = await makeLab({'components/cron-binding.yaml': cronComponent('@every 1s'), 'app.py': LAB_A_APP});
		dirs.push(dir);
		const empty = await mkdtemp(join(tmpdir(), 'dapr-labs-nopath-'));
		dirs.push(empty);
		const out = io(dir, {...process.env, PATH: `${empty}:/usr/bin:/bin`});
		const code = await run(['lab-a', '--format', 'json', '--app-port', String(await freePort()), '--dapr-http-port', String(await freePort()), '--dapr-grpc-port', String(await freePort())], out);
		expect(code).toBe(2);
		const doc = JSON.parse(out.stdout.join(''));
		expect(doc.status).toBe('not-ready');
		expect(doc.findings.map((f: {ruleId: string}) => f.ruleId)).toContain('env/dapr-missing');
	});

	it('names the process holding a busy port (exit 2, env/port-in-use)', async (context) => {
		if (!(await e2ePython())) return context.skip(missing('no python3 on this machine imports fastapi and uvicorn'));
		const dir = await makeLab({'components/cron-binding.yaml': cronComponent('@every 1s'), 'app.py': LAB_A_APP});
		dirs.push(dir);
		const busy: Server = createServer();
		await new Promise<void>((ok) => busy.listen(0, '0.0.0.0', () => ok()));
		const address = busy.address();
		const port = typeof address === 'object' && address ? address.port : 0;
		try {
			const out = io(dir, fakeEnv('1.18'));
			const code = await run(['lab-a', '--format', 'json', '--app-port', String(port), '--dapr-http-port', String(await freePort()), '--dapr-grpc-port', String(await freePort())], out);
			expect(code).toBe(2);
			const doc = JSON.parse(out.stdout.join(''));
			const finding = doc.findings.find((f: {ruleId: string}) => f.ruleId === 'env/port-in-use');
			expect(finding.message).toContain(`Port ${port} is in use by`);
			expect(finding.message).toContain(`pid ${process.pid}`);
		} finally {
			await new Promise<void>((ok) => busy.close(() => ok()));
		}
	});

	it('rejects a missing lab as a usage error', async () => {
		await expect(run([], io(process.cwd(), {}))).rejects.toThrow(/expected one lab/);
	});
});

describe('run results in the folder\'s progress', () => {
	it('a passed run from the shell reaches state.json and check; a changed file makes check say "not yet verified" again', async (context) => {
		if (!(await e2ePython())) return context.skip(missing('no python3 on this machine imports fastapi and uvicorn'));
		const {cp, readFile, appendFile} = await import('node:fs/promises');
		const {packageRoot} = await import('../../src/runner/package-root.js');
		const {run: check} = await import('../../src/commands/check.js');
		const {loadProgress} = await import('../../src/runner/state-store.js');
		const dir = await mkdtemp(join(tmpdir(), 'dapr-labs-record-'));
		dirs.push(dir);
		await cp(join(packageRoot(), 'labs', 'lab-a', 'solution'), dir, {recursive: true});
		const checkText = async () => {
			const out = io(dir, {});
			await check(['--lab', 'lab-a'], out);
			return out.stdout.join('');
		};
		const before = await checkText();
		expect(before).toContain('○ Build and run with Dapr  10/10 (credited, not yet verified: `dapr-labs run lab-a` verifies it)');
		expect(before).not.toContain('verified by');

		const out = io(dir, fakeEnv('1.18'));
		const code = await run(['lab-a', '--no-build', '--timeout', '40', '--app-port', String(await freePort()), '--dapr-http-port', String(await freePort()), '--dapr-grpc-port', String(await freePort())], out);
		expect(code, out.stdout.join('')).toBe(0);
		expect(out.stdout.join('')).toContain('Recorded in .dapr-labs/state.json');
		const state = JSON.parse(await readFile(join(dir, '.dapr-labs', 'state.json'), 'utf8'));
		expect(state.runs['lab-a']).toMatchObject({status: 'pass'});
		// The workbook reads the same progress: the runtime steps are passed.
		const {progress} = await loadProgress(dir);
		expect(progress.labs['lab-a']?.passed).toEqual(expect.arrayContaining(['run', 'triggers']));

		const after = await checkText();
		expect(after).toContain('✔ Build and run with Dapr  10/10 (verified by `dapr-labs run`)');
		const json = io(dir, {});
		await check(['--lab', 'lab-a', '--format', 'json'], json);
		const doc = JSON.parse(json.stdout.join(''));
		expect(doc.labs[0].steps.find((s: {id: string}) => s.id === 'run')).toEqual({id: 'run', title: 'Build and run with Dapr', status: 'pass', verified: true});
		expect(doc.labs[0].steps.find((s: {id: string}) => s.id === 'handler').verified).toBeUndefined();

		await appendFile(join(dir, 'app.py'), '\n# edited after the run\n');
		expect(await checkText()).toContain('(credited, not yet verified');
	});
});
