/**
 * Issue 11, item 7: children that leave the process group. Real processes (sh, setsid, sleep) started with
 * startGroup: a grandchild in a new session (`setsid -f`), one that holds the output pipe, and ones that ignore
 * SIGTERM. After stop() none is left (checked with ps), and stop() itself returns (no hang on the pipe).
 */
import {execFileSync} from 'node:child_process';
import {randomInt} from 'node:crypto';
import {afterEach, describe, expect, test} from 'vitest';
import {startGroup} from '../../src/runner/process-tree.js';

/** Running (non-zombie) processes whose command line holds `marker`. */
function running(marker: string): string[] {
	const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], {encoding: 'utf8'});
	return out.split('\n').filter((line) => line.includes(marker) && !/^\s*\d+\s+Z/.test(line) && !line.includes('ps -eo'));
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

const markers: string[] = [];
afterEach(() => {
	// Never leave a stray sleep behind, whatever the test did.
	for (const marker of markers.splice(0)) for (const line of running(marker)) process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
});

/** A unique `sleep` duration, so ps finds exactly this test's processes. */
function sleepMarker(): string {
	const marker = `${100_000 + randomInt(800_000)}`;
	markers.push(marker);
	return marker;
}

describe('stop() ends every descendant, also those that left the group', () => {
	test('a grandchild started with `setsid -f` (new session, re-parented to init) is stopped', async () => {
		const escaped = sleepMarker();
		const own = sleepMarker();
		const child = startGroup('sh', ['-c', `setsid -f sleep ${escaped}; exec sleep ${own}`], {cwd: '/', env: process.env});
		await until(() => running(escaped).length >= 1 && running(own).length >= 1);
		expect(running(escaped).length).toBeGreaterThanOrEqual(1);
		await child.stop(2000);
		expect(running(escaped)).toEqual([]);
		expect(running(own)).toEqual([]);
	}, 30_000);

	test('a grandchild in a new session that holds the output pipe does not make stop() hang', async () => {
		const holder = sleepMarker();
		const child = startGroup('sh', ['-c', `setsid sleep ${holder} & echo started; wait`], {cwd: '/', env: process.env});
		let output = '';
		child.subprocess.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		await until(() => output.includes("started") && running(holder).length >= 1);
		await child.stop(2000);
		expect(running(holder)).toEqual([]);
	}, 30_000);

	test('processes that ignore SIGTERM, in and out of the group, are killed after the grace period', async () => {
		const inside = sleepMarker();
		const outside = sleepMarker();
		const script = `trap '' TERM; setsid -f sh -c "trap '' TERM; exec sleep ${outside}"; sleep ${inside} & wait`;
		const child = startGroup('sh', ['-c', script], {cwd: '/', env: process.env});
		await until(() => running(inside).length >= 1 && running(outside).length >= 1);
		await child.stop(1000);
		expect(running(inside)).toEqual([]);
		expect(running(outside)).toEqual([]);
	}, 30_000);
});
