import {describe, expect, it, test} from 'vitest';
import type {CheckResult} from '../../src/core/result.js';
import {codeFrame, formatText} from '../../src/report/text.js';
import {workspaceOf} from '../helpers/rules.js';

const plain = (_code: string, text: string) => text;

describe('codeFrame', () => {
	test('two lines of context each side and a caret under the column', () => {
		const text = 'a\nb\nc\n\tdef x(\ne\nf\ng';
		expect(codeFrame(text, 4, 6, plain)).toEqual(['  2 | b', '  3 | c', '> 4 |     def x(', '    |         ^', '  5 | e', '  6 | f']);
	});
	test('lines out of range give no frame; control sequences are stripped', () => {
		expect(codeFrame('a', 3, 1, plain)).toEqual([]);
		expect(codeFrame('x\u001b[2Jy', 1, 1, plain).join('\n')).not.toContain('\u001b');
	});
});

describe('formatText', () => {
	const result: CheckResult = {
		tool: 'dapr-labs',
		version: '1.2.3',
		workspace: 'lab\u001b[31m',
		labs: [
			{
				id: 'lab-a',
				title: 'Lab A',
				status: 'fail',
				score: 0,
				maxScore: 10,
				steps: [{id: 's', title: 'Step', status: 'fail'}],
				findings: [
					{ruleId: 'x/y', severity: 'error', message: 'Broken\u0007.', file: 'app.py', line: 2, column: 3, hint: 'Fix it.'},
					{ruleId: 'x/z', severity: 'info', message: 'Note.', file: 'app.py', line: 1, column: 1},
				],
			},
		],
		summary: {errors: 1, warnings: 0},
	};
	test('without lab definitions every finding is listed under the lab, with frames for errors only', () => {
		const text = formatText(result, {workspace: workspaceOf({'app.py': 'one\ntwo three\n'})});
		expect(text).not.toMatch(/[\u001b\u0007]/);
		expect(text).toContain('error   app.py:2:3  Broken. [x/y]');
		expect(text).toContain('> 2 | two three');
		expect(text).toContain('hint: Fix it.');
		expect(text).toContain('info    app.py:1:1  Note. [x/z]');
		expect(text.endsWith('✖ 1 error, 0 warnings: lab-a fail 0/10\n')).toBe(true);
	});
	test('colour codes only when asked', () => {
		expect(formatText(result, {color: true})).toContain('\u001b[31m');
		expect(formatText(result, {color: false})).not.toContain('\u001b[');
	});
});

describe('findings without a position', () => {
	it('say "missing" or name the folder or the machine, never an invented line', async () => {
		const {findingPlace} = await import('../../src/core/types.js');
		expect(findingPlace({ruleId: 'lab/missing-file', file: 'Dockerfile', line: 0, column: 0})).toBe('Dockerfile (missing)');
		expect(findingPlace({ruleId: 'lab/missing-component', file: 'components', line: 0, column: 0})).toBe('components/');
		expect(findingPlace({ruleId: 'env/redis-unreachable', file: '.', line: 0, column: 0})).toBe('this machine');
		expect(findingPlace({ruleId: 'x/y', file: 'app.py', line: 3, column: 5})).toBe('app.py:3:5');
	});

	it('in the text, github, sarif and junit reports of a folder without a Dockerfile', async () => {
		const {checkFolder} = await import('../../src/runner/check-folder.js');
		const {checkFormats} = await import('../../src/report/check-formats.js');
		const {loadLabs} = await import('../../src/runner/labs-loader.js');
		const {packageRoot} = await import('../../src/runner/package-root.js');
		const {join} = await import('node:path');
		const checked = await checkFolder(join(packageRoot(), 'labs', 'lab-a', 'starter'), {labs: ['lab-a'], workspaceLabel: 'starter'});
		const context = {workspace: checked.workspace, labs: await loadLabs(), color: false, env: {}};
		const text = checkFormats['text']!(checked.result, context);
		expect(text).toContain('Dockerfile (missing)');
		expect(text).not.toMatch(/Dockerfile:1\b/);
		const github = checkFormats['github']!(checked.result, context);
		expect(github).toMatch(/::error file=starter\/Dockerfile,title=lab\/missing-file::/);
		const junit = checkFormats['junit']!(checked.result, context);
		expect(junit).not.toMatch(/Dockerfile:1\b/);
		const sarif = JSON.parse(checkFormats['sarif']!(checked.result, context));
		const missing = sarif.runs[0].results.find((r: {ruleId: string}) => r.ruleId === 'lab/missing-file');
		expect(missing.locations[0].physicalLocation.region).toBeUndefined();
	});
});
