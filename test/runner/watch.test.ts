import {mkdir, mkdtemp, rename, rm, unlink, writeFile} from 'node:fs/promises';
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

/** Resolves once a call after the first `from` names `path`; rejects after a generous cap. */
async function seen(calls: (readonly string[])[], from: number, path: string): Promise<void> {
	for (let waited = 0; waited <= 10_000; waited += 10) {
		if (calls.slice(from).flat().includes(path)) return;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`${path} was not seen; calls since: ${JSON.stringify(calls.slice(from))}`);
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

		// Editors save in four ways; each must be seen every time, not just the first (Node 20's recursive watch lost
		// a file once something was renamed over it, so the second `sed -i` went unseen).
		const strategies: Record<string, (file: string, text: string) => Promise<void>> = {
			'in place': (file, text) => writeFile(file, text),
			'rename over (sed -i, vim, Emacs)': async (file, text) => {
				await writeFile(`${file}.sedtmp`, text);
				await rename(`${file}.sedtmp`, file);
			},
			'backup then write (vim backupcopy=no)': async (file, text) => {
				await rename(file, `${file}~`);
				await writeFile(file, text);
				await unlink(`${file}~`);
			},
			'delete then create': async (file, text) => {
				await unlink(file);
				await writeFile(file, text);
			},
		};
		for (const [name, save] of Object.entries(strategies)) {
			for (const where of ['app.py', 'components/cron.yaml']) {
				it(`sees every save by ${name}, five in a row (${where})`, async () => {
					await writeFile(join(dir, where), 'start\n');
					const controller = new AbortController();
					const calls: (readonly string[])[] = [];
					const watcher = watchFolder(dir, {signal: controller.signal, mode, onChange: (paths) => calls.push(paths), debounceMs: 20, pollIntervalMs: 30});
					await settle(150);
					for (let i = 1; i <= 5; i++) {
						const before = calls.length;
						await save(join(dir, where), `save ${i} ${'x'.repeat(i)}\n`);
						// The save may come as one burst or two (the temp file, then the rename): it must be seen.
						await seen(calls, before, where);
						await settle(80); // the burst is over before the next save
					}
					controller.abort();
					await watcher.closed;
				});
			}
		}

		it('watches a folder created after it started', async () => {
			const controller = new AbortController();
			const calls: (readonly string[])[] = [];
			const watcher = watchFolder(dir, {signal: controller.signal, mode, onChange: (paths) => calls.push(paths), debounceMs: 20, pollIntervalMs: 30});
			await settle(150);
			await mkdir(join(dir, 'extra'));
			await settle(150);
			const before = calls.length;
			await writeFile(join(dir, 'extra', 'more.yaml'), 'a: 1\n');
			await nextChange(calls, before + 1);
			expect(calls.slice(before).flat()).toContain('extra/more.yaml');
			controller.abort();
			await watcher.closed;
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
