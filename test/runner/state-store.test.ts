import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Progress} from '../../src/core/session/state.js';
import {loadProgress, parseProgress, resetProgress, saveProgress, statePath} from '../../src/runner/state-store.js';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'dapr-labs-state-'));
});
afterEach(async () => rm(dir, {recursive: true, force: true}));

const progress: Progress = {version: 1, lastLab: 'lab-b', labs: {'lab-a': {passed: ['component', 'handler'], hints: {dockerfile: 2}, current: 'dockerfile'}, 'lab-b': {passed: [], hints: {}}}};

const IDS = ['lab-a', 'lab-b', 'combined'];

describe('state store', () => {
	it('starts empty, then round-trips what it saved, leaving no temp files', async () => {
		expect(await loadProgress(dir)).toEqual({progress: {version: 1, labs: {}}, warning: null});
		await saveProgress(dir, progress);
		expect((await loadProgress(dir)).progress).toEqual(progress);
		expect(await readdir(join(dir, '.dapr-labs'))).toEqual(['state.json']);
	});

	it('survives many concurrent saves with a whole file (atomic rename)', async () => {
		await Promise.all(Array.from({length: 20}, (_, i) => saveProgress(dir, {...progress, labs: {'lab-a': {passed: [], hints: {x: i}}}})));
		const loaded = await loadProgress(dir);
		expect(loaded.warning).toBeNull();
		expect(loaded.progress.labs['lab-a']!.hints['x']).toBeGreaterThanOrEqual(0);
		expect((await readdir(join(dir, '.dapr-labs'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
	});

	it('moves a corrupt file aside with a warning', async () => {
		await mkdir(join(dir, '.dapr-labs'));
		await writeFile(statePath(dir), '{"version": 1, "labs": {"lab-a": {"passed": "oops"');
		const loaded = await loadProgress(dir, new Date('2026-03-14T15:09:26.535Z'));
		expect(loaded.progress).toEqual({version: 1, labs: {}});
		expect(loaded.warning).toContain('state.json.corrupt-2026-03-14T15-09-26-535Z');
		const files = await readdir(join(dir, '.dapr-labs'));
		expect(files).toEqual(['state.json.corrupt-2026-03-14T15-09-26-535Z']);
		expect(await readFile(join(dir, '.dapr-labs', files[0]!), 'utf8')).toContain('oops');
	});

	it('rejects wrong shapes and drops unknown labs and bad hint counts', () => {
		expect(parseProgress(null, IDS)).toBeNull();
		expect(parseProgress({version: 2, labs: {}}, IDS)).toBeNull();
		expect(parseProgress({version: 1, labs: {'lab-a': {passed: [1]}}}, IDS)).toBeNull();
		expect(parseProgress({version: 1, labs: {'lab-z': {passed: []}, 'lab-a': {passed: ['x'], hints: {a: -1, b: 2, c: 'x'}}}}, IDS)).toEqual({version: 1, labs: {'lab-a': {passed: ['x'], hints: {b: 2}}}});
	});

	it('reset clears one lab or all', async () => {
		await saveProgress(dir, progress);
		expect((await resetProgress(dir, 'lab-a')).cleared).toEqual(['lab-a']);
		const after = (await loadProgress(dir)).progress;
		expect(Object.keys(after.labs)).toEqual(['lab-b']);
		expect(after.lastLab).toBe('lab-b');
		expect((await resetProgress(dir)).cleared).toEqual(['lab-b']);
		expect((await loadProgress(dir)).progress).toEqual({version: 1, labs: {}});
		expect((await resetProgress(dir, 'combined')).cleared).toEqual([]);
	});
});
