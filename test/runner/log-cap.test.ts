/**
 * Issue 11, item 9: kept run logs are capped (a chatty app wrote 110 MB per run) and rotated (the oldest go).
 */
import {mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, expect, test} from 'vitest';
import {logsDir, MAX_KEPT_LOGS, openRunLog} from '../../src/runner/log-store.js';

const dirs: string[] = [];
afterEach(async () => {
	for (const dir of dirs.splice(0)) await rm(dir, {recursive: true, force: true});
});

test('a log stops at its cap and says how much was left out', async () => {
	const dir = await mkdtemp(join(tmpdir(), 'dapr-labs-logcap-'));
	dirs.push(dir);
	const log = await openRunLog(dir, 'lab-a', new Date(Date.UTC(2026, 0, 1)), 10_000);
	for (let i = 0; i < 5000; i++) log.write(`line ${i} of a chatty app's output`);
	await log.close();
	const text = await readFile(log.path, 'utf8');
	expect((await stat(log.path)).size).toBeLessThan(10_000 + 200);
	expect(text).toMatch(/^line 0 of/);
	expect(text).toMatch(/\[dapr-labs\] \d+ more line\(s\) \(\d+ KB\) were not kept/);
});

test('only the newest logs are kept when a run starts', async () => {
	const dir = await mkdtemp(join(tmpdir(), 'dapr-labs-logrotate-'));
	dirs.push(dir);
	await mkdir(logsDir(dir), {recursive: true});
	for (let i = 0; i < MAX_KEPT_LOGS + 5; i++) {
		const path = join(logsDir(dir), `lab-a-2025-01-01T00-00-${String(i).padStart(2, '0')}-000Z.log`);
		await writeFile(path, `old ${i}\n`);
		await utimes(path, 1_700_000_000 + i, 1_700_000_000 + i);
	}
	const log = await openRunLog(dir, 'lab-a', new Date(Date.UTC(2026, 0, 1)));
	await log.close();
	const names = await readdir(logsDir(dir));
	expect(names).toHaveLength(MAX_KEPT_LOGS);
	expect(names).toContain('lab-a-2026-01-01T00-00-00-000Z.log');
	expect(names).not.toContain('lab-a-2025-01-01T00-00-00-000Z.log');
});
