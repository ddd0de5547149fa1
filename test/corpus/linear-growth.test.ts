/**
 * Every place the code applies regexes to student text, fed pathological inputs (long runs of spaces, repeated
 * prefixes, nested indentation) at two sizes, n and 8n: the cost must grow about linearly. Not wall-clock: the
 * assertion is on the RATIO of the two costs (linear gives ~8, quadratic 64), each the minimum of interleaved
 * samples, each sample repeated until the small size costs a measurable time, so a loaded machine slows both
 * sizes alike. Inputs stay bounded (at most 8n = 160k characters), under the readers' 1 MiB cap.
 */
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {beforeAll, describe, expect, test} from 'vitest';
import {checkWorkspace, joinLines} from '../../src/core/check.js';
import {analyzeDockerfile} from '../../src/core/dockerfile/model.js';
import type {LabDef} from '../../src/core/labs.js';
import {classifyLine} from '../../src/core/log/classify.js';
import {answerWorkspace, extractCodeBlocks, reviewAnswer} from '../../src/core/markdown-answer.js';
import {stripControl} from '../../src/core/text.js';
import type {SourceFile, Workspace} from '../../src/core/types.js';
import {safeName} from '../../src/core/text.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {packageRoot} from '../../src/runner/package-root.js';

/** The two sizes are n and FACTOR * n: linear costs 8 times more, quadratic 64 times. */
const FACTOR = 8;
/** Four times linear, half of quadratic: room for GC and a machine busy with other test files. */
const MAX_RATIO = 32;
const N = 20_000;

/** Milliseconds for `reps` calls of fn(input). */
function cost(fn: (input: string) => unknown, input: string, reps: number): number {
	const start = performance.now();
	for (let i = 0; i < reps; i++) fn(input);
	return performance.now() - start;
}

/** The ratio cost(FACTOR n) / cost(n): repetitions calibrated so the small input costs >= 40 ms, minimum of 5 interleaved samples. */
function growth(fn: (input: string) => unknown, make: (n: number) => string, n = N): number {
	const small = make(n);
	const large = make(FACTOR * n);
	// Warm up both sizes (JIT and regexp tier-up), so neither size is measured on a colder tier.
	for (let i = 0; i < 3; i++) {
		fn(small);
		fn(large);
	}
	let reps = 1;
	while (reps < 1 << 20 && cost(fn, small, reps) < 40) reps *= 2;
	let a = Number.POSITIVE_INFINITY;
	let b = Number.POSITIVE_INFINITY;
	for (let sample = 0; sample < 5; sample++) {
		a = Math.min(a, cost(fn, small, reps));
		b = Math.min(b, cost(fn, large, reps));
	}
	return b / a;
}

const NOW = new Date(Date.UTC(2026, 10, 30));
let labs: readonly LabDef[] = [];
let solution = new Map<string, string>();

function workspaceOf(files: ReadonlyMap<string, string>): Workspace {
	const map = new Map<string, SourceFile>();
	for (const [path, text] of files) map.set(path, {path, kind: 'text', text, size: text.length});
	return {files: map};
}

function checkWith(slot: string) {
	return (text: string) => {
		const files = new Map(solution);
		files.set(slot, text);
		return checkWorkspace(workspaceOf(files), labs, {workspaceLabel: 'x', version: '0.0.0', now: NOW});
	};
}

beforeAll(async () => {
	labs = await loadLabs();
	const dir = join(packageRoot(), 'labs', 'combined', 'solution');
	for (const path of ['app.py', 'Dockerfile', 'requirements.txt', 'components/cron-binding.yaml', 'components/http-binding.yaml', 'components/pubsub.yaml']) {
		solution.set(path, await readFile(join(dir, path), 'utf8').catch(() => ''));
	}
	solution = new Map([...solution].filter(([, text]) => text !== ''));
}, 60_000);

const spaces = (n: number) => ' '.repeat(n);

describe('regexes on student text grow linearly (cost ratio of 8n to n)', () => {
	const cases: Record<string, [(input: string) => unknown, (n: number) => string, number?]> = {
		// Finding factory: a value with a long run of spaces (the component name) once took a minute for 200k spaces.
		'joinLines: spaces without a newline': [joinLines, (n) => `a${spaces(n)}b`],
		'joinLines: spaces around newlines': [joinLines, (n) => `a${' \n'.repeat(n / 2)}b`],
		'check: a quoted component name followed by spaces': [checkWith('components/cron-binding.yaml'), (n) => `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: "cron${spaces(n)}x"\nspec:\n  type: bindings.cron\n  version: v1\n  metadata:\n  - name: schedule\n    value: "@every 10s"\n`],
		// YAML duplicate-key text: a plain key of 300k spaces once ran past two minutes.
		'check: a duplicate complex key of spaces': [checkWith('components/cron-binding.yaml'), (n) => `kind: Component\nmetadata:\n  a${spaces(n)}b: 1\n  a${spaces(n)}b: 2\n`],
		'check: nested indentation in YAML': [checkWith('components/extra.yaml'), (n) => Array.from({length: Math.sqrt(n) | 0}, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')],
		'check: repeated "- " prefixes in YAML': [checkWith('components/extra.yaml'), (n) => `${'- '.repeat(n / 2)}x\n`],
		'check: app.py with a long run of spaces in a call': [checkWith('app.py'), (n) => `from fastapi import FastAPI\napp = FastAPI()\n@app.post("/x${spaces(n)}")\ndef f(): return {}\n`],
		'check: app.py with repeated dotted prefixes': [checkWith('app.py'), (n) => `import ${'a.'.repeat(n / 2)}b\n`],
		'check: Dockerfile with a long run of spaces': [checkWith('Dockerfile'), (n) => `FROM python:3.12\nCMD uvicorn${spaces(n)}app:app\n`],
		'dockerfile model: repeated "RUN pip install -r " prefixes': [(text) => analyzeDockerfile('Dockerfile', text), (n) => `FROM python\nRUN ${'pip install -r '.repeat(n / 16)}x\n`],
		'check: requirements with a long run of spaces': [checkWith('requirements.txt'), (n) => `fastapi${spaces(n)}==1.0\n`],
		// review: a component block's metadata.name once backtracked exponentially on indented lines.
		'review: a component fence with many indented lines': [(text) => answerWorkspace(text, 'a.md'), (n) => `\`\`\`yaml\nkind: Component\nmetadata:\n${'    a\n'.repeat(n / 6)}\`\`\`\n`, 4000],
		'review: a prose line of a/a/a before a fence': [extractCodeBlocks, (n) => `${'a/'.repeat(n / 2)}\n\`\`\`python\nx = 1\n\`\`\`\n`],
		'review: a prose line of a.a.a before a fence': [extractCodeBlocks, (n) => `${'a.'.repeat(n / 2)}\n\`\`\`python\nx = 1\n\`\`\`\n`],
		'review: an info string of spaces': [extractCodeBlocks, (n) => `\`\`\`yaml title${spaces(n)}x\nkind: Component\n\`\`\`\n`],
		'review: the whole review of an answer with spaces after a name': [(text) => reviewAnswer(text, labs, {answerPath: 'a.md', version: '0.0.0', now: NOW}), (n) => `\`\`\`yaml\napiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: "cron${spaces(n)}"\n\`\`\`\n`],
		'log lines: a long run of spaces': [classifyLine, (n) => `time="2026" level=info msg="x${spaces(n)}" app_id=a`],
		'log lines: repeated key= prefixes': [classifyLine, (n) => `${'level='.repeat(n / 6)}info`],
		'stripControl: repeated OSC openers': [stripControl, (n) => '\u001b]'.repeat(n / 2)],
		'stripControl: repeated CSI parameters': [stripControl, (n) => `\u001b[${'0;'.repeat(n / 2)}`],
		'report names: spaces and colons': [safeName, (n) => `::${' :'.repeat(n / 2)}`],
	};
	test.each(Object.keys(cases))('%s', (name) => {
		const [fn, make, n] = cases[name]!;
		// A quadratic cost exceeds the bound on every measurement; a burst of load from other processes rarely does
		// three times in a row, so a high ratio is measured again (at most twice) before it counts.
		let ratio = growth(fn, make, n);
		for (let again = 0; again < 2 && ratio >= MAX_RATIO; again++) ratio = Math.min(ratio, growth(fn, make, n));
		expect(ratio, `${name}: cost(8n)/cost(n) = ${ratio.toFixed(1)}`).toBeLessThan(MAX_RATIO);
	}, 120_000);
});

describe('joinLines does what the quadratic regex did', () => {
	const regex = (text: string) => text.replace(/\s*\n\s*/g, ' ');
	test('on edge cases and 3,000 random short texts of blanks, breaks and letters', () => {
		for (const text of ['a', 'a\nb', ' a \n b ', '\n', '\n\n', 'a \n \n b', ' \n', '\n ', 'a\u00a0\n\u2028b', '\t\nx\n\ny\n', 'x \r\n y']) expect(joinLines(text), JSON.stringify(text)).toBe(regex(text));
		let seed = 7;
		for (let i = 0; i < 3000; i++) {
			let text = '';
			for (let k = 0; k < 12; k++) {
				seed = (seed * 1103515245 + 12345) & 0x7fffffff;
				text += ' \n\ta\u00a0'[seed % 5];
			}
			expect(joinLines(text), JSON.stringify(text)).toBe(regex(text));
		}
	});
});
