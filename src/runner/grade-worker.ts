/**
 * Worker thread entry for `grade` (bundled to dist/grade-worker.js): grades one submission per message with the
 * same gradeOne() the in-thread fallback uses, and replies with the GradedSubmission.
 */
import {parentPort, workerData} from 'node:worker_threads';
import type {GradedSubmission} from '../core/grade.js';
import {loadCachedModule} from './cached-module.js';
import type {GradeOneOptions, SubmissionSource, WorkerData, WorkerReady, WorkerReply, WorkerRequest} from './grade.js';

type Grader = {readonly gradeOne: (source: SubmissionSource, options?: GradeOneOptions) => Promise<GradedSubmission>};

/**
 * The grader from dist/grade-vm.js with its V8 code cache (runner/cached-module.ts): node 20 caches no compiled code
 * for ES modules, so every worker compiled the grade bundle afresh (~130 ms each, per grading run).
 */
function loadCachedGrader(): Grader | null {
	const grader = loadCachedModule<Partial<Grader>>('grade-vm', import.meta.url);
	return typeof grader?.gradeOne === 'function' ? (grader as Grader) : null;
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
