// The doctor against real processes: fake dapr/docker executables (docker's engine probe hangs), a real
// redis-server on a free port, a real listener holding a port. Runs the real bin.
import {spawn, type ChildProcess} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fastapiPython, hasTool, requireOrSkip} from '../helpers/e2e.js';

const repo = join(import.meta.dirname, '..', '..');
const bin = join(repo, 'bin', 'dapr-labs.js');

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

const canRun = requireOrSkip(hasTool('redis-server'), 'redis-server') && requireOrSkip(fastapiPython() !== null, 'a python3 with fastapi and uvicorn');

describe.skipIf(!canRun)('dapr-labs doctor (real processes)', () => {
	let dir: string;
	let redis: ChildProcess;
	let redisPort: number;
	let holder: Server;
	let busyPort: number;
	let freePortNumber: number;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'dapr-labs-doctor-'));
		const fakeBin = join(dir, 'bin');
		const home = join(dir, 'home');
		mkdirSync(fakeBin);
		mkdirSync(join(home, '.dapr', 'bin'), {recursive: true});
		writeFileSync(join(home, '.dapr', 'bin', 'daprd'), '');
		writeFileSync(join(fakeBin, 'dapr'), '#!/bin/sh\nprintf "CLI version: 1.18.0 \\nRuntime version: 1.18.3\\n"\n');
		// `docker info` hangs like a docker CLI whose engine socket never answers.
		writeFileSync(join(fakeBin, 'docker'), '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Docker version 28.2.2, build e6534b4"; exit 0; fi\nexec sleep 60\n');
		chmodSync(join(fakeBin, 'dapr'), 0o755);
		chmodSync(join(fakeBin, 'docker'), 0o755);
		redisPort = await freePort();
		redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {stdio: 'ignore'});
		mkdirSync(join(dir, 'lab', 'components'), {recursive: true});
		writeFileSync(join(dir, 'lab', 'components', 'pubsub.yaml'), `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: pubsub\nspec:\n  type: pubsub.redis\n  version: v1\n  metadata:\n    - name: redisHost\n      value: 127.0.0.1:${redisPort}\n`);
		holder = createServer();
		await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', () => resolve()));
		busyPort = (holder.address() as {port: number}).port;
		freePortNumber = await freePort();
		// wait for redis to accept connections
		for (let attempt = 0; attempt < 100; attempt++) {
			const ok = await execa('redis-cli', ['-p', String(redisPort), 'ping'], {reject: false});
			if (ok.stdout.trim() === 'PONG') break;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	});

	afterAll(() => {
		redis?.kill('SIGKILL');
		holder?.close();
		rmSync(dir, {recursive: true, force: true});
	});

	it('reports every check, survives a hanging tool, finds redis and names the port holder', async () => {
		const python = fastapiPython()!;
		const env = {PATH: `${join(dir, 'bin')}:/usr/local/bin:/usr/bin:/bin`, HOME: join(dir, 'home')};
		const result = await execa('node', [bin, 'doctor', '--format', 'json', '--dir', join(dir, 'lab'), '--ports', `${busyPort},${freePortNumber}`, '--lab', 'lab-a'], {env, extendEnv: false, reject: false, timeout: 30_000});
		expect(result.exitCode).toBe(1); // the busy port fails
		const report = JSON.parse(result.stdout) as {checks: {id: string; status: string; found: string; title: string}[]; summary: Record<string, number>};
		const find = (id: string, title?: string) => report.checks.find((check) => check.id === id && (!title || check.title === title));
		expect(find('env/dapr-missing')).toMatchObject({status: 'pass'});
		expect(find('env/dapr-missing')!.found).toContain('CLI 1.18.0, runtime 1.18.3');
		expect(find('env/docker-missing')).toMatchObject({status: 'pass'});
		expect(find('env/docker-engine-down')).toMatchObject({status: 'warn'});
		expect(find('env/docker-engine-down')!.found).toContain('did not answer');
		expect(find('env/redis-unreachable')).toMatchObject({status: 'pass'});
		expect(find('env/redis-unreachable')!.found).toContain(`127.0.0.1:${redisPort}`);
		expect(find('env/port-in-use', `Port ${busyPort}`)).toMatchObject({status: 'fail'});
		expect(find('env/port-in-use', `Port ${busyPort}`)!.found).toMatch(/in use by node \(pid \d+\)/);
		expect(find('env/port-in-use', `Port ${freePortNumber}`)).toMatchObject({status: 'pass'});
		expect(find('env/uvicorn-missing')).toMatchObject({status: 'pass'});
		expect(find('env/python-missing')!.found).toContain(python === 'python3' ? 'python3' : python);
		expect(find('env/pubsub-component-missing')).toMatchObject({status: 'pass'});
		// the hanging `sleep 60` was killed, not left behind
		const left = await execa('pgrep', ['-f', 'sleep 60'], {reject: false});
		expect(left.stdout.trim()).toBe('');
	});

	it('fails a missing dapr and an unreachable redis in text form, with the fixes', async () => {
		const env = {PATH: '/usr/bin:/bin', HOME: join(dir, 'nohome')};
		writeFileSync(join(dir, 'lab', 'components', 'pubsub.yaml'), `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: pubsub\nspec:\n  type: pubsub.redis\n  version: v1\n  metadata:\n    - name: redisHost\n      value: 127.0.0.1:${freePortNumber}\n`);
		const result = await execa('node', [bin, 'doctor', '--dir', join(dir, 'lab'), '--ports', String(freePortNumber)], {env, extendEnv: false, reject: false, timeout: 30_000});
		expect(result.exitCode).toBe(1);
		expect(result.stdout).toContain('✖ Dapr CLI: dapr is not on PATH.');
		expect(result.stdout).toContain('fix: Install the Dapr CLI');
		expect(result.stdout).toMatch(/✖ Redis at 127\.0\.0\.1:\d+: .* refuses connections\./);
		expect(result.stdout).not.toMatch(/\u001B\[/); // not a TTY: no colour
		// Failure ids only where something failed or warns; a passing line names no failure.
		expect(result.stdout).toContain('[env/dapr-missing]');
		for (const line of result.stdout.split('\n').filter((l) => l.startsWith('✔'))) expect(line).not.toMatch(/\[env\//);
		expect(result.stdout.split('\n').some((l) => l.startsWith('✔'))).toBe(true);
	});
});
