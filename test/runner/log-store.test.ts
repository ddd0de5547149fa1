import {afterEach, describe, expect, it} from 'vitest';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {BoundedTail, listRunLogs, logsDir, openRunLog} from '../../src/runner/log-store.js';
import {run as logsCommand} from '../../src/commands/logs.js';
import type {CommandIO} from '../../src/commands/io.js';

const dirs: string[] = [];
afterEach(async () => {
	for (const dir of dirs.splice(0)) await rm(dir, {recursive: true, force: true});
});

async function tempDir(): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'dapr-labs-logs-'));
	dirs.push(dir);
	return dir;
}

function io(cwd: string): CommandIO & {stdout: string[]; stderr: string[]} {
	const stdout: string[] = [];
	const stderr: string[] = [];
	return {out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), cwd, env: {}, isTTY: false, stdoutColumns: 80, stdout, stderr};
}

describe('BoundedTail', () => {
	it('keeps the last N items in order and counts the dropped ones', () => {
		const tail = new BoundedTail<string>(3);
		for (const item of ['a', 'b', 'c', 'd', 'e']) tail.push(item);
		expect(tail.toArray()).toEqual(['c', 'd', 'e']);
		expect(tail.size).toBe(3);
		expect(tail.pushed).toBe(5);
		expect(tail.dropped).toBe(2);
	});

	it('cuts very long lines', () => {
		const tail = new BoundedTail<string>(2, 5);
		tail.push('abcdefghij');
		expect(tail.toArray()).toEqual(['abcde…']);
	});

	it('rejects a non-positive capacity', () => {
		expect(() => new BoundedTail(0)).toThrow(RangeError);
	});
});

describe('run logs and `dapr-labs logs`', () => {
	it('writes a run log, lists it newest first and shows it with --grep', async () => {
		const dir = await tempDir();
		const older = await openRunLog(dir, 'lab-a', new Date('2026-11-30T00:00:00Z'));
		older.write('old line');
		await older.close();
		await new Promise((r) => setTimeout(r, 20));
		const newer = await openRunLog(dir, 'lab-a', new Date('2026-11-30T01:00:00Z'));
		newer.write('time="t" level=info msg="successful init for input binding (cleanup-cron (bindings.cron/v1))"');
		newer.write('INFO:     127.0.0.1:1 - "POST /cleanup-cron HTTP/1.1" 200 OK\u001b[31m');
		await newer.close();
		expect(newer.path.startsWith(logsDir(dir))).toBe(true);
		expect(await readFile(newer.path, 'utf8')).toContain('successful init');
		const listed = await listRunLogs(dir, 'lab-a');
		expect(listed.map((log) => log.path)).toEqual([newer.path, older.path]);
		expect(await listRunLogs(dir, 'lab-b')).toEqual([]);

		const all = io(dir);
		expect(await logsCommand([], all)).toBe(0);
		expect(all.stdout.join('')).toContain('POST /cleanup-cron');
		expect(all.stdout.join('')).not.toContain('\u001b');

		const grep = io(dir);
		expect(await logsCommand(['--lab', 'lab-a', '--grep', 'SUCCESSFUL'], grep)).toBe(0);
		expect(grep.stdout.join('').trim().split('\n')).toHaveLength(1);
		expect(await logsCommand(['--grep', 'no-such-word'], io(dir))).toBe(1);
	});

	it('says where it looked when there is no log, and mentions Kubernetes in --help', async () => {
		const dir = await tempDir();
		const none = io(dir);
		expect(await logsCommand([], none)).toBe(1);
		expect(none.stderr.join('')).toContain('.dapr-labs');
		const help = io(dir);
		expect(await logsCommand(['--help'], help)).toBe(0);
		expect(help.stdout.join('')).toContain('Kubernetes');
	});
});
