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
import {oneOf, parse, UsageError, type CommandIO} from './io.js';

const USAGE = `Usage: dapr-labs review <answer.md|-> [--format text|json]

Reads an assistant's Markdown answer (a file, or standard input with -), builds a lab folder from its fenced code
blocks (component YAML, Python, Dockerfile), checks it by the lab rules and answers the lesson's questions: is the
endpoint name right, is the cron 6-field, is a Dockerfile included, and (with an output binding) is DaprClient
used synchronously. Findings point at the answer's own lines.
Exit codes: 0 every answer yes and no errors, 1 otherwise, 2 usage error.`;

/** Answers larger than this are not reviewed (an answer is a few kilobytes). */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

/** Where `review -` reads from; injected by tests. */
export type ReviewInput = {readonly stdin?: () => Promise<string>};

/** Runs `review`. */
export async function run(argv: readonly string[], io: CommandIO, input: ReviewInput = {}): Promise<number> {
	const {values, positionals} = parse(argv, {format: {type: 'string'}, help: {type: 'boolean', short: 'h'}});
	if (values.help) {
		io.out(USAGE + '\n');
		return 0;
	}
	if (positionals.length !== 1) throw new UsageError(`name one answer file, or - for standard input.\n\n${USAGE}`);
	const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
	const given = positionals[0]!;
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
