import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {run} from '../../src/commands/reset.js';
import {loadProgress, saveProgress} from '../../src/runner/state-store.js';
import {memoryIO} from './io.js';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'dapr-labs-reset-'));
	await saveProgress(dir, {version: 1, labs: {'lab-a': {passed: ['component'], hints: {handler: 1}}, combined: {passed: [], hints: {components: 3}}}});
});
afterEach(async () => rm(dir, {recursive: true, force: true}));

describe('dapr-labs reset', () => {
	it('clears one lab with --lab', async () => {
		const {io, out} = memoryIO(dir);
		expect(await run(['--lab', 'lab-a'], io)).toBe(0);
		expect(out()).toContain('Cleared the progress of lab-a');
		expect(Object.keys((await loadProgress(dir)).progress.labs)).toEqual(['combined']);
	});

	it('clears everything without --lab, in --dir', async () => {
		const {io, out} = memoryIO(tmpdir());
		expect(await run(['--dir', dir], io)).toBe(0);
		expect(out()).toContain('lab-a, combined');
		expect((await loadProgress(dir)).progress.labs).toEqual({});
		const again = memoryIO(dir);
		expect(await run([], again.io)).toBe(0);
		expect(again.out()).toContain('Nothing to clear');
	});
});
