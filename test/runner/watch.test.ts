import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {preferPolling, watchFolder} from '../../src/runner/watch.js';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'dapr-labs-watch-'));
	await mkdir(join(dir, 'components'));
	await writeFile(join(dir, 'app.py'), 'print(1)\n');
});
afterEach(async () => rm(dir, {recursive: true, force: true}));

/** Resolves with the first onChange call's paths; rejects after a generous cap. */
function nextChange(calls: (readonly string[])[], count: number): Promise<void> {
	return new Promise((resolve, reject) => {
		let waited = 0;
		const timer = setInterval(() => {
			if (calls.length >= count) {
				clearInterval(timer);
				resolve();
			} else if ((waited += 10) > 10_000) {
				clearInterval(timer);
				reject(new Error('no change seen'));
			}
		}, 10);
	});
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const mode of ['native', 'poll'] as const) {
	describe(`watchFolder (${mode})`, () => {
		it('reports a save once per burst, with the path, and stops on abort', async () => {
			const controller = new AbortController();
			const calls: (readonly string[])[] = [];
			const watcher = watchFolder(dir, {signal: controller.signal, mode, onChange: (paths) => calls.push(paths), debounceMs: 50, pollIntervalMs: 30});
			expect(watcher.mode).toBe(mode);
			await settle(150); // let the poller take its first snapshot
			// An editor's burst: write, rewrite, touch another file.
			await writeFile(join(dir, 'app.py'), 'print(2)\n');
			await writeFile(join(dir, 'app.py'), 'print(22)\n');
			await writeFile(join(dir, 'components', 'cron.yaml'), 'kind: Component\n');
			await nextChange(calls, 1);
			await settle(200);
			expect(calls.length).toBeLessThanOrEqual(2);
			expect(calls.flat()).toContain('app.py');
			expect(calls.flat()).toContain('components/cron.yaml');
			controller.abort();
			await watcher.closed;
			const before = calls.length;
			await writeFile(join(dir, 'app.py'), 'print(3)\n');
			await settle(300);
			expect(calls.length).toBe(before);
		});

		it('ignores its own .dapr-labs folder', async () => {
			const controller = new AbortController();
			const calls: (readonly string[])[] = [];
			const watcher = watchFolder(dir, {signal: controller.signal, mode, onChange: (paths) => calls.push(paths), debounceMs: 30, pollIntervalMs: 30});
			await settle(150);
			await mkdir(join(dir, '.dapr-labs'), {recursive: true});
			await writeFile(join(dir, '.dapr-labs', 'state.json'), '{}');
			await settle(300);
			expect(calls.flat().filter((p) => p.startsWith('.dapr-labs'))).toEqual([]);
			await writeFile(join(dir, 'Dockerfile'), 'FROM python:3.12-slim\n');
			await nextChange(calls, 1);
			expect(calls.flat()).toContain('Dockerfile');
			controller.abort();
			await watcher.closed;
		});
	});
}

describe('preferPolling', () => {
	it('polls on WSL Windows drives and when asked', () => {
		expect(preferPolling('/home/me/lab', {})).toBe(false);
		expect(preferPolling('/home/me/lab', {DAPR_LABS_POLL: '1'})).toBe(true);
		expect(preferPolling('/mnt/c/Users/me/lab', {WSL_DISTRO_NAME: 'Ubuntu'})).toBe(process.platform === 'linux');
		expect(preferPolling('/mnt/c/Users/me/lab', {})).toBe(false);
	});
});
