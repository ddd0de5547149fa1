import {describe, expect, test} from 'vitest';
import {checkWorkspace, compareFindings, evaluateSteps, fileInStep} from '../../src/core/check.js';
import type {LabDef, StepDef} from '../../src/core/labs.js';
import type {Finding} from '../../src/core/types.js';
import {rules} from '../../src/core/rules/index.js';
import {APP_PY, complete, CRON_YAML, NOW, workspaceOf} from '../helpers/rules.js';

const ALL_RULES = rules.map((rule) => rule.id);

const step = (id: string, kind: 'static' | 'runtime', files: string[], rules: string[], points: number): StepDef => ({id, title: id, kind, files, rules, points, instructions: '', hints: [], solutionFiles: []});

const LAB: LabDef = {
	id: 'lab-a',
	order: 10,
	title: 'Lab A',
	summary: '',
	appId: 'cron-app',
	requiredComponents: [['bindings.cron']],
	needsDaprSdk: false,
	steps: [
		step('component', 'static', ['components/'], ['lab/missing-component', 'file/unreadable', 'cron/five-field', 'component/version'], 30),
		step('handler', 'static', ['app.py'], ['lab/missing-file', 'file/unreadable', 'input-binding/route-mismatch'], 30),
		step('dockerfile', 'static', ['Dockerfile'], ['lab/missing-file', 'file/unreadable', 'dockerfile/cmd'], 20),
		step('run', 'runtime', [], ['*'], 20),
	],
};

const finding = (ruleId: string, file: string, severity: Finding['severity'] = 'error', line = 1, column = 1): Finding => ({ruleId, severity, message: 'X.', file, line, column});
const options = {workspaceLabel: 'my-lab', version: '9.9.9', now: NOW};

describe('fileInStep', () => {
	test('folder entries match the folder and what is under it, files match exactly', () => {
		const s = step('x', 'static', ['components/', 'app.py'], [], 0);
		expect(fileInStep('components', s)).toBe(true);
		expect(fileInStep('components/a.yaml', s)).toBe(true);
		expect(fileInStep('components-old/a.yaml', s)).toBe(false);
		expect(fileInStep('app.py', s)).toBe(true);
		expect(fileInStep('app.pyc', s)).toBe(false);
	});
});

describe('evaluateSteps', () => {
	test('a rule in one static step fails that step wherever the finding is', () => {
		expect(evaluateSteps(LAB, [finding('cron/five-field', 'elsewhere.yaml')]).map((s) => s.status)).toEqual(['fail', 'pass', 'pass', 'fail']);
	});
	test('a rule in several static steps fails only the step whose files hold the finding', () => {
		expect(evaluateSteps(LAB, [finding('lab/missing-file', 'Dockerfile')]).map((s) => s.status)).toEqual(['pass', 'pass', 'fail', 'fail']);
		expect(evaluateSteps(LAB, [finding('file/unreadable', 'components/x.yaml')]).map((s) => s.status)).toEqual(['fail', 'pass', 'pass', 'fail']);
	});
	test('warnings fail nothing', () => {
		expect(evaluateSteps(LAB, [finding('component/version', 'components/a.yaml', 'warning')]).map((s) => s.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
	});
});

describe('checkWorkspace', () => {
	test('a passing folder: full score, the JSON fields as given', () => {
		const result = checkWorkspace(workspaceOf(complete()), [LAB], options);
		expect(result).toMatchObject({tool: 'dapr-labs', version: '9.9.9', workspace: 'my-lab', summary: {errors: 0, warnings: 0}});
		expect(result.labs[0]).toMatchObject({id: 'lab-a', status: 'pass', score: 100, maxScore: 100});
	});
	test('only the lab\'s own rules run', () => {
		// dockerfile/missing-package is not in LAB, so a Dockerfile without pip install is not reported.
		const result = checkWorkspace(workspaceOf(complete({Dockerfile: 'FROM python:3.12-slim\nCOPY app.py .\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]\n'})), [LAB], options);
		expect(result.labs[0]!.findings).toEqual([]);
	});
	test('a failing folder: steps, score, sorted findings, summary', () => {
		const files = complete({
			'components/cron-binding.yaml': CRON_YAML.replace('@every 30s', '*/30 * * * *').replace('  version: v1\n', ''),
			'app.py': APP_PY.replace('"/cleanup-cron"', '"/cleanup_cron"'),
		});
		const result = checkWorkspace(workspaceOf(files), [LAB, {...LAB, id: 'lab-b'}], options);
		const lab = result.labs[0]!;
		expect(lab.findings.map((f) => [f.ruleId, f.severity, f.file, f.line])).toEqual([
			['input-binding/route-mismatch', 'error', 'app.py', 12],
			['component/version', 'warning', 'components/cron-binding.yaml', 6],
			['cron/five-field', 'error', 'components/cron-binding.yaml', 9],
		]);
		expect(lab.steps.map((s) => s.status)).toEqual(['fail', 'fail', 'pass', 'fail']);
		expect(lab.score).toBe(20);
		expect(lab.status).toBe('fail');
		// Counted in each lab that reports them.
		expect(result.summary).toEqual({errors: 4, warnings: 2});
	});
	test('findings are sentences, free of control sequences, with hints', () => {
		const files = complete({'components/cron-binding.yaml': CRON_YAML.replace('name: cleanup-cron', 'name: "Cleanup\\e[2J\\e]0;pwned\\a-cron"')});
		const withName: LabDef = {...LAB, steps: [step('component', 'static', ['components/'], ['component/name'], 30)]};
		const findings = checkWorkspace(workspaceOf(files), [withName], options).labs[0]!.findings;
		expect(findings.map((f) => f.ruleId)).toEqual(['component/name']);
		for (const f of findings) {
			expect(f.message).toMatch(/^[A-Z0-9"`@]/);
			expect(f.message).toMatch(/[.?]$/);
			expect(f.message).not.toContain('\u001b');
			expect(f.hint).toBeTruthy();
		}
	});
	test('lineMap moves findings to the file and line they came from', () => {
		const workspace = {...workspaceOf(complete({'app.py': APP_PY.replace('"/cleanup-cron"', '"/cleanup_cron"')})), lineMap: new Map([['app.py', {mapTo: 'answer.md', offset: 40}]])};
		const result = checkWorkspace(workspace, [LAB], options);
		expect(result.labs[0]!.findings.map((f) => [f.file, f.line])).toEqual([['answer.md', 52]]);
	});
	test('never throws on garbage input', () => {
		const garbage = workspaceOf({
			'components/a.yaml': '- - - [\n\t{{{',
			'components/b.yaml': '*x\n&a [*a]',
			'components/c.yml': 'spec: [1, 2]\nmetadata: 5\n',
			'app.py': 'def (((\n@app.post(\nclass',
			Dockerfile: 'FROM\nCMD [\n',
		});
		expect(() => checkWorkspace(garbage, [LAB], options)).not.toThrow();
	});
	test('never throws on a hundred mangled copies of a real folder', () => {
		let seed = 42;
		const random = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % n;
		};
		const alphabet = ' \n\t:-[]{}()"\'#@*&!|>,.=/\\\u0000\u001b';
		const mangle = (text: string) => {
			let out = text;
			for (let i = 0; i < 6; i++) {
				const at = random(out.length + 1);
				out = random(2) === 0 ? out.slice(0, at) + alphabet[random(alphabet.length)]! + out.slice(at) : out.slice(0, at) + out.slice(at + 1 + random(8));
			}
			return out;
		};
		const labs: LabDef[] = [LAB, {...LAB, id: 'combined', steps: [step('all', 'static', ['components/', 'app.py', 'Dockerfile'], ALL_RULES, 100)]}];
		for (let round = 0; round < 100; round++) {
			const files = Object.fromEntries(Object.entries(complete()).map(([path, text]) => [path, random(3) === 0 ? mangle(String(text)) : text]));
			expect(() => checkWorkspace(workspaceOf(files), labs, options)).not.toThrow();
		}
	});
	test('compareFindings orders by file, line, column, rule id', () => {
		const list = [finding('b/x', 'b', 'error', 1, 1), finding('a/x', 'a', 'error', 2, 1), finding('a/x', 'a', 'error', 1, 5), finding('a/y', 'a', 'error', 1, 5)];
		expect(list.sort(compareFindings).map((f) => `${f.file}:${f.line}:${f.column}:${f.ruleId}`)).toEqual(['a:1:5:a/x', 'a:1:5:a/y', 'a:2:1:a/x', 'b:1:1:b/x']);
	});
});
