import {cpSync, existsSync} from 'node:fs';
import {mkdir, mkdtemp, rm, symlink, truncate, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import * as tar from 'tar';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {submissionStatus} from '../../src/core/grade.js';
import {checkFolder} from '../../src/runner/check-folder.js';
import {discoverSubmissions, findLabRoot, gradeAll, gradeOne} from '../../src/runner/grade.js';
import {makeZip} from './zip-writer.js';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'dapr-labs-grade-'));
});
afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

/** A class folder: good and starter submissions, archives, and every kind of broken submission. */
async function makeClass(root: string): Promise<void> {
	await mkdir(root, {recursive: true});
	cpSync(join(ROOT, 'labs', 'lab-a', 'solution'), join(root, 'alice'), {recursive: true});
	cpSync(join(ROOT, 'labs', 'lab-a', 'starter'), join(root, 'bob'), {recursive: true});
	// A zip holding a wrapper folder, the way students zip their lab.
	const files = ['app.py', 'Dockerfile', 'components/cron-binding.yaml'];
	const {readFileSync} = await import('node:fs');
	await writeFile(join(root, 'carol.zip'), makeZip(files.map((file) => ({name: `lab-a/${file}`, data: readFileSync(join(ROOT, 'labs', 'lab-a', 'solution', file))}))));
	// A tar.gz of the same.
	await tar.c({file: join(root, 'dan.tar.gz'), cwd: join(ROOT, 'labs', 'lab-a'), gzip: true, portable: true}, ['solution']);
	// Broken ones.
	await writeFile(join(root, 'erin.zip'), Buffer.from('this is not a zip file at all'));
	await writeFile(join(root, 'frank.zip'), makeZip([{name: '../../../escaped.py', data: 'pwned'}]));
	await writeFile(join(root, 'grace.zip'), makeZip([{name: 'app.py', data: Buffer.alloc(30 * 1024 * 1024)}]));
	cpSync(join(ROOT, 'labs', 'lab-a', 'solution'), join(root, 'heidi'), {recursive: true});
	await writeFile(join(root, 'heidi', 'app.py'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff, 0xfe, 0, 0, 3]));
	cpSync(join(ROOT, 'labs', 'lab-a', 'solution'), join(root, 'ivan'), {recursive: true});
	// A 1 GB file, sparse so the test costs nothing on disk.
	await writeFile(join(root, 'ivan', 'Dockerfile'), '');
	await truncate(join(root, 'ivan', 'Dockerfile'), 1024 ** 3);
	cpSync(join(ROOT, 'labs', 'lab-a', 'solution'), join(root, 'judy'), {recursive: true});
	await rm(join(root, 'judy', 'app.py'));
	await symlink('app.py', join(root, 'judy', 'app.py'));
	await symlink('loop-b.yaml', join(root, 'judy', 'components', 'loop-a.yaml'));
	await symlink('loop-a.yaml', join(root, 'judy', 'components', 'loop-b.yaml'));
	await symlink(join(root, 'alice'), join(root, 'mallory'));
	await writeFile(join(root, 'README.md'), 'not a submission');
}

describe('discoverSubmissions', () => {
	it('finds folders and archives in a class folder; ignores other files; reports links', async () => {
		const root = join(dir, 'class-discover');
		await makeClass(root);
		const found = await discoverSubmissions(['class-discover'], dir);
		expect(found.map((source) => [source.name, source.kind])).toEqual([
			['alice', 'folder'],
			['bob', 'folder'],
			['carol', 'archive'],
			['dan', 'archive'],
			['erin', 'archive'],
			['frank', 'archive'],
			['grace', 'archive'],
			['heidi', 'folder'],
			['ivan', 'folder'],
			['judy', 'folder'],
			['mallory', 'invalid'],
		]);
		// One submission folder given directly is one submission; the same name twice is made unique.
		const direct = await discoverSubmissions([join(root, 'alice'), join(root, 'alice')], '/');
		expect(direct.map((source) => source.name)).toEqual(['alice', 'alice (2)']);
		await expect(discoverSubmissions(['nope'], dir)).rejects.toThrow(/does not exist/);
	});

	it('descends through a single wrapper folder', async () => {
		const wrapper = join(dir, 'wrap', 'outer', 'inner');
		cpSync(join(ROOT, 'labs', 'lab-a', 'solution'), wrapper, {recursive: true});
		expect(await findLabRoot(join(dir, 'wrap'))).toBe(wrapper);
	});
});

describe('gradeAll (in this thread, as under vitest)', () => {
	it('grades good, failing and broken submissions without crashing; results equal check on the same folder', async () => {
		const root = join(dir, 'class-grade');
		await makeClass(root);
		const sources = await discoverSubmissions([root], '/');
		let progress = 0;
		const graded = await gradeAll(sources, {labs: ['lab-a'], jobs: 3, mode: 'in-thread', onProgress: (done) => (progress = done)});
		expect(progress).toBe(sources.length);
		const by = Object.fromEntries(graded.map((submission) => [submission.name, submission]));
		expect(submissionStatus(by['alice']!)).toBe('pass');
		expect(by['alice']!.result).toEqual((await checkFolder(join(root, 'alice'), {labs: ['lab-a'], workspaceLabel: join(root, 'alice')})).result);
		expect(submissionStatus(by['bob']!)).toBe('fail');
		expect(submissionStatus(by['carol']!)).toBe('pass');
		expect(by['carol']!.result!.workspace).toBe('carol.zip:lab-a');
		expect(submissionStatus(by['dan']!)).toBe('pass');
		expect(by['erin']).toMatchObject({result: null, error: expect.stringMatching(/^The archive could not be read/)});
		expect(by['frank']).toMatchObject({result: null, error: expect.stringMatching(/zip-slip|\.\./)});
		expect(by['grace']).toMatchObject({result: null, error: expect.stringMatching(/at most 5\.0 MB/)});
		expect(by['mallory']).toMatchObject({result: null, error: expect.stringMatching(/symbolic link/)});
		// Broken files inside a folder are graded failures with file/unreadable findings.
		for (const name of ['heidi', 'ivan', 'judy']) {
			expect(submissionStatus(by[name]!)).toBe('fail');
			expect(by[name]!.result!.labs[0]!.findings.some((finding) => finding.ruleId === 'file/unreadable')).toBe(true);
		}
		expect(existsSync(join(dir, 'escaped.py'))).toBe(false);
		expect(existsSync(join(root, '..', '..', 'escaped.py'))).toBe(false);
	});
});

describe('gradeAll with worker threads', () => {
	it('grades through a real worker bundle (built here with esbuild) and matches the in-thread results', async () => {
		// The bundle goes inside the package so that the worker finds labs/ the way dist/grade-worker.js does.
		const out = await mkdtemp(join(ROOT, 'node_modules', '.cache-grade-worker-'));
		try {
			await build({entryPoints: {'grade-worker': join(ROOT, 'src/runner/grade-worker.ts')}, outdir: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent', banner: {js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);"}});
			const root = join(dir, 'class-workers');
			await makeClass(root);
			const sources = await discoverSubmissions([root], '/');
			const workerUrl = pathToFileURL(join(out, 'grade-worker.js'));
			const threaded = await gradeAll(sources, {labs: ['lab-a'], jobs: 2, workerUrl, now: '2026-01-15T10:00:00Z'});
			const inThread = await gradeAll(sources, {labs: ['lab-a'], jobs: 2, mode: 'in-thread', now: '2026-01-15T10:00:00Z'});
			expect(threaded).toEqual(inThread);
		} finally {
			await rm(out, {recursive: true, force: true});
		}
	});

	it('grades through the built dist/grade-worker.js (code-cached grader, blocking reads) the same as in this thread', async (context) => {
		const worker = join(ROOT, 'dist', 'grade-worker.js');
		if (!existsSync(worker) || !existsSync(join(ROOT, 'dist', 'grade-vm.js.cache'))) {
			if (process.env.DAPR_LABS_REQUIRE_E2E === '1') throw new Error('dist/grade-worker.js or dist/grade-vm.js.cache is missing; run `npm run build`.');
			console.log('skipped: dist/grade-worker.js or its code cache is missing (run `npm run build`).');
			context.skip();
		}
		const root = join(dir, 'class-dist-workers');
		await makeClass(root);
		const sources = await discoverSubmissions([root], '/');
		const threaded = await gradeAll(sources, {jobs: 2, workerUrl: pathToFileURL(worker), now: '2026-01-15T10:00:00Z'});
		const inThread = await gradeAll(sources, {jobs: 2, mode: 'in-thread', now: '2026-01-15T10:00:00Z'});
		expect(threaded).toEqual(inThread);
	});

	it('gives up a submission that hangs and carries on', async () => {
		const out = await mkdtemp(join(ROOT, 'node_modules', '.cache-grade-hang-'));
		try {
			// A worker that never answers for a submission named "hang" and answers the others.
			await writeFile(
				join(out, 'hang-worker.mjs'),
				"import {parentPort} from 'node:worker_threads';\nparentPort.postMessage({ready: true});\nparentPort.on('message', (r) => { if (r.source.name !== 'hang') parentPort.postMessage({index: r.index, submission: {name: r.source.name, result: null, error: 'stub'}}); });\n",
			);
			const sources = ['a', 'hang', 'b', 'c'].map((name) => ({kind: 'folder' as const, name, path: '/nonexistent'}));
			const graded = await gradeAll(sources, {jobs: 2, timeoutMs: 1500, workerUrl: pathToFileURL(join(out, 'hang-worker.mjs'))});
			expect(graded.map((submission) => [submission.name, submission.error])).toEqual([
				['a', 'stub'],
				['hang', expect.stringMatching(/took longer than/)],
				['b', 'stub'],
				['c', 'stub'],
			]);
		} finally {
			await rm(out, {recursive: true, force: true});
		}
	});
});

describe('gradeAll when a worker dies', () => {
	it('retries the other submissions and fails only the one that kills its worker', async () => {
		const out = await mkdtemp(join(ROOT, 'node_modules', '.cache-grade-crash-'));
		try {
			await writeFile(
				join(out, 'crash-worker.mjs'),
				"import {parentPort} from 'node:worker_threads';\nparentPort.postMessage({ready: true});\nparentPort.on('message', (r) => { if (r.source.name === 'crash') setTimeout(() => process.exit(7), 20); else setTimeout(() => parentPort.postMessage({index: r.index, submission: {name: r.source.name, result: null, error: 'stub'}}), 50); });\n",
			);
			const sources = ['a', 'crash', 'b', 'c', 'd'].map((name) => ({kind: 'folder' as const, name, path: '/nonexistent'}));
			const graded = await gradeAll(sources, {jobs: 1, workerUrl: pathToFileURL(join(out, 'crash-worker.mjs'))});
			expect(graded.map((submission) => [submission.name, submission.error])).toEqual([
				['a', 'stub'],
				['crash', expect.stringMatching(/exited with code 7/)],
				['b', 'stub'],
				['c', 'stub'],
				['d', 'stub'],
			]);
		} finally {
			await rm(out, {recursive: true, force: true});
		}
	});
});

describe('gradeOne', () => {
	it('grades the same with blocking reads (what workers use) as with promise-based ones', async () => {
		const root = join(dir, 'class-sync');
		await makeClass(root);
		const sources = await discoverSubmissions([root], '/');
		const now = '2026-01-15T10:00:00Z';
		const blocking = await Promise.all(sources.map((source) => gradeOne(source, {labs: ['lab-a'], now, syncRead: true})));
		const promised = await Promise.all(sources.map((source) => gradeOne(source, {labs: ['lab-a'], now})));
		expect(blocking).toEqual(promised);
		// Not a vacuous comparison: the class holds passing, failing and unreadable submissions.
		expect(new Set(blocking.map((submission) => submissionStatus(submission)))).toEqual(new Set(['pass', 'fail', 'error']));
	});

	it('an invalid source and a missing folder are graded failures with reasons', async () => {
		expect(await gradeOne({kind: 'invalid', name: 'x', path: '/x', reason: 'Nope.'})).toEqual({name: 'x', result: null, error: 'Nope.'});
		const missing = await gradeOne({kind: 'folder', name: 'gone', path: join(dir, 'does-not-exist')});
		expect(missing.result).toBeNull();
		expect(missing.error).toBeTruthy();
	});
});
