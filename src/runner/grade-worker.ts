/**
 * Worker thread entry for `grade` (bundled to dist/grade-worker.js): grades one submission per message with the
 * same gradeOne() the in-thread fallback uses, and replies with the GradedSubmission.
 */
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Script} from 'node:vm';
import {parentPort, workerData} from 'node:worker_threads';
import type {GradedSubmission} from '../core/grade.js';
import type {GradeOneOptions, SubmissionSource, WorkerData, WorkerReady, WorkerReply, WorkerRequest} from './grade.js';

type Grader = {readonly gradeOne: (source: SubmissionSource, options?: GradeOneOptions) => Promise<GradedSubmission>};

/**
 * The grader compiled from dist/grade-vm.js with the V8 code cache scripts/build.mjs wrote next to it, or null
 * (no such files, e.g. a partial build). Node 20 caches no compiled code for ES modules, so every worker compiled
 * the grade bundle afresh (~130 ms each, per grading run); with the cache a worker is ready in a fraction of it.
 * V8 checks the cache itself and compiles as usual when it does not fit this node.
 */
function loadCachedGrader(): Grader | null {
	const url = new URL('./grade-vm.js', import.meta.url);
	let file: string;
	let source: string;
	let cachedData: Buffer;
	try {
		file = fileURLToPath(url);
		source = readFileSync(file, 'utf8');
		cachedData = readFileSync(`${file}.cache`);
	} catch {
		return null;
	}
	const module = {exports: {} as Partial<Grader>};
	try {
		const wrapper = new Script(source, {filename: file, cachedData}).runInThisContext() as (...args: unknown[]) => void;
		wrapper(module.exports, createRequire(file), module, file, dirname(file), url.href);
	} catch {
		// A file cut short by a rebuild in progress: the ES module chunk is the same code.
		return null;
	}
	return typeof module.exports.gradeOne === 'function' ? (module.exports as Grader) : null;
}

if (parentPort) {
	const port = parentPort;
	const grader: Grader = loadCachedGrader() ?? (await import('./grade.js'));
	// Blocking reads: this thread only grades, and they cost a tenth of promise-based ones (no thread-pool hop).
	const options = {...((workerData ?? {}) as WorkerData), syncRead: true};
	port.on('message', (request: WorkerRequest) => {
		void grader.gradeOne(request.source, options).then((submission) => port.postMessage({index: request.index, submission} satisfies WorkerReply));
	});
	port.postMessage({ready: true} satisfies WorkerReady);
}
