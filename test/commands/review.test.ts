import {execFile} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {UsageError} from '../../src/commands/io.js';
import {run} from '../../src/commands/review.js';
import {requireOrSkip} from '../helpers/e2e.js';
import {memoryIO} from './io.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'review');

describe('review (in-process)', () => {
	it('a good answer exits 0 and says yes three times', async () => {
		const memory = memoryIO(FIXTURES);
		expect(await run(['good.md'], memory.io)).toBe(0);
		expect(memory.out().match(/ {2}yes {2}/g)).toHaveLength(3);
		expect(memory.out()).toMatch(/Verdict: pass/);
	});

	it('a bad answer exits 1; json carries the questions and findings at the answer lines', async () => {
		const memory = memoryIO(FIXTURES);
		expect(await run(['five-field.md', '--format', 'json'], memory.io)).toBe(1);
		const review = JSON.parse(memory.out());
		expect(review.questions.map((question: {answer: string}) => question.answer)).toEqual(['no', 'no', 'no']);
		const five = review.check.labs[0].findings.find((finding: {ruleId: string}) => finding.ruleId === 'cron/five-field');
		expect(five.file).toBe('five-field.md');
		expect(readFileSync(join(FIXTURES, 'five-field.md'), 'utf8').split('\n')[five.line - 1]).toContain('*/5 * * * *');
	});

	it('reads standard input with -', async () => {
		const memory = memoryIO(FIXTURES);
		const code = await run(['-', '--format', 'json'], memory.io, {stdin: async () => readFileSync(join(FIXTURES, 'async-client.md'), 'utf8')});
		expect(code).toBe(1);
		const review = JSON.parse(memory.out());
		expect(review.answer).toBe('answer.md');
		expect(review.questions.find((question: {id: string}) => question.id === 'sync-client').answer).toBe('no');
	});

	it('usage errors', async () => {
		await expect(run([], memoryIO(FIXTURES).io)).rejects.toThrow(UsageError);
		await expect(run(['nope.md'], memoryIO(FIXTURES).io)).rejects.toThrow(/cannot read/);
		await expect(run(['good.md', '--format', 'xml'], memoryIO(FIXTURES).io)).rejects.toThrow(/--format/);
	});
});

describe('review (the built bin)', () => {
	it('pipes an answer through stdin', async (context) => {
		if (!requireOrSkip(existsSync(join(ROOT, 'dist', 'cli.js')), 'the built bundle (dist/cli.js; run `npm run build`)')) return context.skip();
		const result = await new Promise<{code: number; stdout: string}>((resolve) => {
			const child = execFile(process.execPath, [join(ROOT, 'bin', 'dapr-labs.js'), 'review', '-'], (error, stdout) => resolve({code: error ? Number((error as {code?: number}).code) : 0, stdout}));
			child.stdin!.end(readFileSync(join(FIXTURES, 'untagged.md')));
		});
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/Does it use 6-field cron syntax\?\s+yes/);
	});
});
