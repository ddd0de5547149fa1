import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import type {LabDef} from '../../src/core/labs.js';
import {answerWorkspace, extractCodeBlocks, guessLanguage, languageOfInfo, reviewAnswer, type ReviewResult} from '../../src/core/markdown-answer.js';
import {loadLabs} from '../../src/runner/labs-loader.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'review', name), 'utf8');
const NOW = new Date('2026-01-15T10:00:00Z');
let labs: readonly LabDef[];
beforeAll(async () => {
	labs = await loadLabs();
});

function review(name: string): ReviewResult {
	return reviewAnswer(fixture(name), labs, {answerPath: name, version: '0.1.0', now: NOW});
}
const answerOf = (result: ReviewResult, id: string) => result.questions.find((question) => question.id === id);
/** The 1-based line of the first Markdown line containing `needle`. */
const lineOf = (name: string, needle: string) => fixture(name).split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('extractCodeBlocks', () => {
	it('follows CommonMark fences: backticks and tildes, info strings, longer closers, unclosed fences', () => {
		const markdown = ['Intro', '```yaml title="components/x.yaml"', 'a: 1', '```', '', '~~~~ python', '```', 'print(1)', '~~~~', '````', 'inner ``` not a close', '````', '```js `x` ```', 'not a block', '```', 'unclosed', 'to the end'].join('\n');
		const blocks = extractCodeBlocks(markdown);
		expect(blocks.map((block) => [block.fenceLine, block.language, block.closed, block.text])).toEqual([
			[2, 'yaml', true, 'a: 1\n'],
			[6, 'python', true, '```\nprint(1)\n'],
			[10, 'text', true, 'inner ``` not a close\n'],
			[15, 'text', false, 'unclosed\nto the end\n'],
		]);
		expect(blocks[0]!.fileName).toBe('components/x.yaml');
	});

	it('removes a list item indentation from the content and handles CRLF', () => {
		const blocks = extractCodeBlocks('1. Step:\r\n\r\n   ```python\r\n   def f():\r\n       return 1\r\n   ```\r\n');
		expect(blocks[0]!.text).toBe('def f():\n    return 1\n');
		expect(blocks[0]!.fenceLine).toBe(3);
	});

	it('names blocks from the prose above, a first-line comment, or the info string', () => {
		const blocks = extractCodeBlocks(['Create **components/cron.yaml**:', '```yaml', 'kind: Component', '```', '```python', '# app.py', 'x = 1', '```', 'Save this as `Dockerfile`.', '```', 'FROM python:3.12', '```'].join('\n'));
		expect(blocks.map((block) => block.fileName)).toEqual(['components/cron.yaml', 'app.py', 'Dockerfile']);
	});

	it('guesses untagged languages and reads tags', () => {
		expect(guessLanguage('FROM python:3.12-slim\nRUN pip install fastapi\n')).toBe('dockerfile');
		expect(guessLanguage('from fastapi import FastAPI\napp = FastAPI()\n')).toBe('python');
		expect(guessLanguage('apiVersion: dapr.io/v1alpha1\nkind: Component\n')).toBe('yaml');
		expect(guessLanguage('$ dapr run --app-id x\n')).toBe('shell');
		expect(guessLanguage('hello world\n')).toBe('text');
		expect(languageOfInfo('Dockerfile')).toBe('dockerfile');
		expect(languageOfInfo('{.yml}')).toBe('yaml');
		expect(languageOfInfo('json')).toBe('other');
		expect(languageOfInfo('')).toBeNull();
	});
});

describe('answerWorkspace', () => {
	it('concatenates python blocks so app.py line L is Markdown line L + offset', () => {
		const built = answerWorkspace(fixture('untagged.md'), 'a.md');
		const app = built.workspace.files.get('app.py');
		const offset = built.workspace.lineMap!.get('app.py')!.offset;
		expect(app?.kind).toBe('text');
		const markdown = fixture('untagged.md').split('\n');
		const appLines = app!.kind === 'text' ? app!.text.split('\n') : [];
		appLines.forEach((line, index) => {
			if (line !== '') expect(markdown[index + offset]).toBe(line);
		});
		expect(appLines.some((line) => line.startsWith('@app.post'))).toBe(true);
		expect(appLines.some((line) => line.startsWith('from fastapi'))).toBe(true);
		expect([...built.workspace.files.keys()].sort()).toEqual(['Dockerfile', 'app.py', 'components/nightly.yaml']);
	});

	it('starts app.py over when a later block creates the app again, and names components by metadata.name', () => {
		const markdown = ['```python', 'from flask import Flask', 'app = Flask(__name__)', 'OLD = 1', '```', 'Fixed version:', '```python', 'from fastapi import FastAPI', 'app = FastAPI()', '```', '```yaml', 'apiVersion: dapr.io/v1alpha1', 'kind: Component', 'metadata:', '  name: my-cron', '```', '```yaml', 'services:', '  web: {}', '```'].join('\n');
		const built = answerWorkspace(markdown, 'a.md');
		const app = built.workspace.files.get('app.py')!;
		expect(app.kind === 'text' && app.text).toBe('from fastapi import FastAPI\napp = FastAPI()\n');
		expect(built.workspace.lineMap!.get('app.py')!.offset).toBe(7);
		expect(built.workspace.files.has('components/my-cron.yaml')).toBe(true);
		expect(built.unused).toEqual([0, 3]);
	});
});

describe('reviewAnswer', () => {
	it('a good answer: every question yes, no errors', () => {
		const result = review('good.md');
		expect(result.lab).toBe('lab-a');
		expect(result.questions.map((question) => [question.id, question.answer])).toEqual([
			['endpoint-name', 'yes'],
			['cron-six-field', 'yes'],
			['dockerfile', 'yes'],
		]);
		expect(result.check.summary.errors).toBe(0);
		expect(result.pass).toBe(true);
		expect(answerOf(result, 'endpoint-name')!.line).toBe(lineOf('good.md', '@app.post("/cleanup-cron")'));
		expect(answerOf(result, 'cron-six-field')!.line).toBe(lineOf('good.md', 'value: "0 */5'));
	});

	it('5-field cron, wrong endpoint, no Dockerfile: three noes, findings at the answer lines', () => {
		const result = review('five-field.md');
		expect(result.questions.map((question) => question.answer)).toEqual(['no', 'no', 'no']);
		expect(result.pass).toBe(false);
		const findings = result.check.labs.flatMap((lab) => lab.findings);
		const five = findings.find((finding) => finding.ruleId === 'cron/five-field')!;
		expect(five.file).toBe('five-field.md');
		expect(five.line).toBe(lineOf('five-field.md', '"*/5 * * * *"'));
		const route = findings.find((finding) => finding.ruleId === 'input-binding/route-mismatch')!;
		expect(route.line).toBe(lineOf('five-field.md', '@app.post("/cleanup_cron")'));
		expect(findings.some((finding) => finding.ruleId === 'lab/missing-file' && finding.file === 'Dockerfile')).toBe(true);
		// The lesson's "every 5 minutes": Dapr fires it every 5 minutes; the lab asks for the 6-field form (issue 9).
		const six = answerOf(result, 'cron-six-field')!;
		expect(six.detail).toContain('so it fires every 5 minutes');
		expect(six.detail).toContain('ask for the 6-field form');
		expect(six.detail).toContain('"0 */5 * * * *"');
	});

	it('async with the sync client: lab-b, the sync-client question is no at the with line', () => {
		const result = review('async-client.md');
		expect(result.lab).toBe('lab-b');
		const sync = answerOf(result, 'sync-client')!;
		expect(sync.answer).toBe('no');
		expect(sync.line).toBe(lineOf('async-client.md', 'async with DaprClient()'));
		expect(answerOf(result, 'endpoint-name')!.answer).toBe('yes');
		// The components were in an indented list: still found, named by prose and by metadata.name.
		expect(result.files.map((file) => file.path).sort()).toEqual(['Dockerfile', 'app.py', 'components/cron-binding.yaml', 'components/monitoring-webhook.yaml']);
		expect(result.pass).toBe(false);
	});

	it('untagged blocks are guessed and graded', () => {
		const result = review('untagged.md');
		expect(result.blocks.map((block) => block.language)).toEqual(['yaml', 'python', 'python', 'dockerfile', 'shell']);
		expect(result.blocks.every((block) => !block.tagged)).toBe(true);
		expect(result.pass).toBe(true);
	});

	it('an answer without code says no to everything and does not crash', () => {
		const result = reviewAnswer('Just use a cron job, it is easy.', labs, {answerPath: 'x.md', version: '0.1.0', now: NOW});
		expect(result.questions.every((question) => question.answer === 'no')).toBe(true);
		expect(result.pass).toBe(false);
	});
});
