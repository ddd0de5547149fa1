/**
 * `dapr-labs review <answer.md|-> [--format text|json]`: grades an assistant's Markdown answer by the lab rules
 * (see core/markdown-answer.ts for how the answer becomes a lab folder and which lab is chosen). Exit 0 when every
 * question is answered yes and there is no error finding, 1 otherwise, 2 for usage errors.
 */
import {readFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import {reviewAnswer} from '../core/markdown-answer.js';
import {stripControl} from '../core/text.js';
import {formatReviewText} from '../report/review-text.js';
import {loadLabs} from '../runner/labs-loader.js';
import {VERSION} from '../version.js';
import {commandRunner} from './command.js';
import {reviewCommand} from './declarations/index.js';
import {UsageError, type CommandIO} from './io.js';

/** Answers larger than this are not reviewed (an answer is a few kilobytes). */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

/** Where `review -` reads from; injected by tests. */
export type ReviewInput = {readonly stdin?: () => Promise<string>};

/** Runs `review`. */
export async function run(argv: readonly string[], io: CommandIO, input: ReviewInput = {}): Promise<number> {
	return commandRunner(reviewCommand, ({values, positionals}) => review(values.format, positionals[0]!, io, input))(argv, io);
}

async function review(format: string, given: string, io: CommandIO, input: ReviewInput): Promise<number> {
	let markdown: string;
	if (given === '-') {
		markdown = await (input.stdin ?? readStdin)();
	} else {
		let bytes: Buffer;
		try {
			bytes = await readFile(resolve(io.cwd, given));
		} catch (error) {
			throw new UsageError(`cannot read ${stripControl(given)} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
		}
		if (bytes.length > MAX_ANSWER_BYTES) throw new UsageError(`${stripControl(given)} is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB; an answer is a few kilobytes.`);
		markdown = bytes.toString('utf8');
	}
	const review = reviewAnswer(markdown, await loadLabs(), {answerPath: given === '-' ? 'answer.md' : given.replaceAll('\\', '/'), version: VERSION, now: new Date()});
	io.out(format === 'json' ? JSON.stringify(review, null, 2) + '\n' : formatReviewText(review));
	return review.pass ? 0 : 1;
}

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of process.stdin) {
		size += (chunk as Buffer).length;
		if (size > MAX_ANSWER_BYTES) throw new UsageError(`standard input is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB; an answer is a few kilobytes.`);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}
