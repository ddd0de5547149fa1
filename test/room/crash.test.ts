// kill -9 of the room server (the real CLI) in the middle of a load, then a restart on the same --data: every event
// the server acknowledged is in the grid again, and the codes are the same.
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {packageRoot} from '../../src/runner/package-root.js';
import {builtSnapshot} from '../e2e/ensure-built.js';
import {freePort} from '../runner/e2e-helpers.js';
import {grid, hintEvent, post, until} from './helpers.js';

type Served = {child: ChildProcess; join: string; instructor: string; url: string};

async function serve(bin: string, dataDir: string, port: number): Promise<Served> {
	const child = spawn(process.execPath, [bin, 'room', 'serve', '--port', String(port), '--data', dataDir], {stdio: ['ignore', 'pipe', 'pipe']});
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	await until(async () => output, (text) => text.includes('#token=') || child.exitCode !== null, 'the room server to start');
	const join = /\/join\/([A-Za-z0-9_-]+)/.exec(output)?.[1];
	const instructor = /#token=([A-Za-z0-9_-]+)/.exec(output)?.[1];
	if (!join || !instructor) throw new Error(`room serve printed no codes:\n${output}`);
	return {child, join, instructor, url: `http://127.0.0.1:${port}`};
}

describe('room server crash safety', () => {
	let pkgDir = '';
	let dataDir = '';
	let bin = '';
	const children: ChildProcess[] = [];
	beforeAll(async () => {
		pkgDir = await mkdtemp(join(tmpdir(), 'dapr-labs-room-pkg-'));
		bin = join(await builtSnapshot(packageRoot(), pkgDir), 'bin', 'dapr-labs.js');
		dataDir = await mkdtemp(join(tmpdir(), 'dapr-labs-room-data-'));
	}, 180_000);
	afterAll(async () => {
		for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		if (pkgDir) await rm(pkgDir, {recursive: true, force: true});
		if (dataDir) await rm(dataDir, {recursive: true, force: true});
	});

	it('loses nothing it acknowledged when killed with SIGKILL mid-load', async () => {
		const port = await freePort();
		const first = await serve(bin, dataDir, port);
		children.push(first.child);
		const students = Array.from({length: 200}, (_, index) => `s${index}`);
		const acked = new Map<string, number>();
		const tried = new Map<string, number>();
		let stop = false;
		// Every student posts hints 1, 2, 3, … one request each, until the server dies.
		const load = Promise.all(
			students.map(async (student) => {
				for (let level = 1; !stop && level <= 1000; level++) {
					tried.set(student, level);
					try {
						const response = await post(first.url, first.join, [hintEvent(student, student, level)]);
						if (response.status !== 200) break;
						acked.set(student, level);
					} catch {
						break;
					}
				}
			}),
		);
		await until(async () => [...acked.values()].reduce((sum, n) => sum + n, 0), (total) => total >= 1500, 'acknowledged events before the kill', 1200, 25);
		first.child.kill('SIGKILL');
		await load;
		stop = true;
		const ackedTotal = [...acked.values()].reduce((sum, n) => sum + n, 0);
		expect(ackedTotal).toBeGreaterThanOrEqual(1500);

		const second = await serve(bin, dataDir, port);
		children.push(second.child);
		expect([second.join, second.instructor]).toEqual([first.join, first.instructor]);
		const view = await grid(second.url, second.instructor);
		const hints = new Map(view.rows.map((row) => [row.student, row.hints]));
		for (const [student, count] of acked) {
			// Everything acknowledged is there; at most the one in flight at the kill beyond it.
			expect(hints.get(student)).toBeGreaterThanOrEqual(count);
			expect(hints.get(student)).toBeLessThanOrEqual(tried.get(student)!);
		}
		expect(view.totals.events).toBeGreaterThanOrEqual(ackedTotal);
		// Resending everything tried (a client that never saw its acks) adds only what was lost unacknowledged.
		let added = 0;
		for (const [student, count] of tried) {
			const response = await post(second.url, second.join, Array.from({length: count}, (_, index) => hintEvent(student, student, index + 1)).slice(0, 100));
			added += ((await response.json()) as {added: number}).added;
		}
		const after = await grid(second.url, second.instructor);
		expect(after.totals.events).toBe(view.totals.events + added);
		second.child.kill('SIGTERM');
		await new Promise((resolve) => second.child.once('exit', resolve));
	}, 180_000);
});
