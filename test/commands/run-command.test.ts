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
