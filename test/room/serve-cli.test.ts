// `room serve` as a user starts it: the banner (join command, instructor address), the loopback default, the
// warning for a network-wide bind, clean stop on SIGTERM, and clear usage errors.
import {execFile, spawn} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {packageRoot} from '../../src/runner/package-root.js';
import {ensureBuilt} from '../e2e/ensure-built.js';
import {until} from './helpers.js';

const exec = promisify(execFile);
const bin = join(packageRoot(), 'bin', 'dapr-labs.js');

async function serveOnce(args: readonly string[], dataDir: string): Promise<{output: string; code: number | null}> {
	const child = spawn(process.execPath, [bin, 'room', 'serve', '--port', '0', '--data', dataDir, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	await until(async () => output, (text) => text.includes('Ctrl-C stops the room') || child.exitCode !== null, 'the banner');
	child.kill('SIGTERM');
	return {output, code: await exited};
}

describe('room serve (CLI)', () => {
	let dataDir = '';
	beforeAll(async () => {
		await ensureBuilt(packageRoot());
		dataDir = await mkdtemp(join(tmpdir(), 'dapr-labs-room-cli-'));
	}, 180_000);
	afterAll(async () => {
		if (dataDir) await rm(dataDir, {recursive: true, force: true});
	});

	it('listens on loopback by default and prints the join command and the instructor address', async () => {
		const {output, code} = await serveOnce([], dataDir);
		expect(output).toMatch(/npx dapr-labs join http:\/\/127\.0\.0\.1:\d+\/join\/[A-Za-z0-9_-]{12} --name/);
		expect(output).toMatch(/http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}/);
		expect(output).toContain('Listening on this machine only');
		expect(output).not.toContain('Warning');
		expect(code).toBe(0);
	});

	it('warns when it listens on every interface, and keeps the same codes on the same --data', async () => {
		const first = await serveOnce([], dataDir);
		const {output, code} = await serveOnce(['--host', '0.0.0.0'], dataDir);
		expect(output).toContain('Warning: listening on 0.0.0.0: the room is reachable from the network.');
		expect(/\/join\/([A-Za-z0-9_-]+)/.exec(output)?.[1]).toBe(/\/join\/([A-Za-z0-9_-]+)/.exec(first.output)?.[1]);
		expect(code).toBe(0);
	});

	it('says what is wrong with bad options (exit 2)', async () => {
		for (const [args, message] of [
			[['--store', 'http://nope'], '--store must be a redis:// or rediss:// URL'],
			[['--port', 'abc'], '--port must be a whole number'],
			[['--room', 'a b'], '--room must be'],
		] as const) {
			const failed = await exec(process.execPath, [bin, 'room', 'serve', '--data', dataDir, ...args]).catch((error: {code: number; stderr: string}) => error);
			expect(failed).toMatchObject({code: 2});
			expect((failed as {stderr: string}).stderr).toContain(message);
		}
		const join = await exec(process.execPath, [bin, 'join', 'http://127.0.0.1:1/join/abc', '--name', 'Ada', '--dir', dataDir]).catch((error: {code: number; stderr: string}) => error);
		expect(join).toMatchObject({code: 2});
		expect((join as {stderr: string}).stderr).toContain('does not answer');
	});
});
