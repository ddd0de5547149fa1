/**
 * Worker thread entry for `grade` (bundled to dist/grade-worker.js): grades one submission per message with the
 * same gradeOne() the in-thread fallback uses, and replies with the GradedSubmission.
 */
import {parentPort, workerData} from 'node:worker_threads';
import {gradeOne, type WorkerData, type WorkerReady, type WorkerReply, type WorkerRequest} from './grade.js';

if (parentPort) {
	const port = parentPort;
	const options = (workerData ?? {}) as WorkerData;
	port.on('message', (request: WorkerRequest) => {
		void gradeOne(request.source, options).then((submission) => port.postMessage({index: request.index, submission} satisfies WorkerReply));
	});
	port.postMessage({ready: true} satisfies WorkerReady);
}
