import {parse as parseCsv} from 'csv-parse/sync';
import {describe, expect, it} from 'vitest';
import {failingRuleIds, gradeReport, type GradeReport} from '../../src/core/grade.js';
import {classroomResult} from '../../src/report/classroom.js';
import {csvCell, formatGradeCsv} from '../../src/report/csv.js';
import {formatGradeJson} from '../../src/report/grade-json.js';
import {formatGradeMarkdown} from '../../src/report/markdown.js';
import {formatGradeTable} from '../../src/report/table.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {realResult} from './fixtures.js';

async function classReport(): Promise<GradeReport> {
	return gradeReport([
		{name: 'alice', result: await realResult('labs/lab-a/solution')},
		{name: '=HYPERLINK("http://evil","x")', result: await realResult('labs/lab-a/starter')},
		{name: 'dave, "the" \u001B[31mred\u001B[0m\nsecond line', result: await realResult('labs/lab-b/starter')},
		{name: 'erin', result: null, error: '+cmd|calc: the archive could not be read (invalid zip).'},
	]);
}

describe('grade formats', () => {
	it('csv parses back with csv-parse: one row per submission, defused formulas, no control sequences', async () => {
		const report = await classReport();
		const text = formatGradeCsv(report);
		const rows = parseCsv(text, {relax_column_count: false}) as string[][];
		expect(rows).toHaveLength(report.submissions.length + 1);
		const header = rows[0]!;
		expect(header.slice(0, 2)).toEqual(['submission', 'status']);
		expect(rows[1]![0]).toBe('alice');
		expect(rows[2]![0]).toBe(`'=HYPERLINK("http://evil","x")`);
		expect(rows[3]![0]).toBe('dave, "the" red\nsecond line');
		expect(rows[4]![header.indexOf('reason')]).toBe(`'+cmd|calc: the archive could not be read (invalid zip).`);
		expect(rows[4]![1]).toBe('error');
		const failing = header.indexOf('failing rules');
		expect(rows[2]![failing]!.split(' ')).toEqual(failingRuleIds(report.submissions[1]!.result));
		const score = header.indexOf('lab-a score');
		expect(Number(rows[1]![score])).toBe(report.submissions[0]!.result!.labs.find((lab) => lab.id === 'lab-a')!.score);
		for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
		expect(csvCell('-1')).toBe("'-1");
		expect(csvCell(-1)).toBe('-1');
	});

	it('json is {submissions:[{name,status,result}], summary} with the check JSON untouched', async () => {
		const report = await classReport();
		const parsed = JSON.parse(formatGradeJson(report));
		expect(parsed.submissions[0]).toEqual({name: 'alice', status: report.submissions[0]!.result!.labs.every((lab) => lab.status === 'pass') ? 'pass' : 'fail', result: JSON.parse(JSON.stringify(report.submissions[0]!.result))});
		expect(parsed.submissions[3]).toMatchObject({name: 'erin', status: 'error', result: null});
		expect(parsed.summary).toEqual(JSON.parse(JSON.stringify(report.summary)));
	});

	it('classroom: version, status, tests with name, status, message, score, max_score', async () => {
		const labs = await loadLabs();
		const report = await classReport();
		const result = classroomResult(report, {labs});
		expect(result.version).toBe(1);
		expect(result.status).toBe('error');
		for (const test of result.tests) {
			expect(Object.keys(test)).toEqual(expect.arrayContaining(['name', 'status', 'message', 'score', 'max_score']));
			expect(['pass', 'fail', 'error']).toContain(test.status);
			expect(test.score).toBeLessThanOrEqual(test.max_score);
		}
		expect(result.tests.find((test) => test.name.startsWith('erin'))).toMatchObject({status: 'error', score: 0});
		// Scores add up to the check scores less the runtime steps, which classroom mode scores only on a run's evidence.
		const aliceA = result.tests.filter((test) => test.name.startsWith('alice / lab-a:'));
		const checkA = report.submissions[0]!.result!.labs.find((lab) => lab.id === 'lab-a')!;
		const runtimePoints = labs.find((lab) => lab.id === 'lab-a')!.steps.filter((step) => step.kind === 'runtime').reduce((sum, step) => sum + step.points, 0);
		expect(runtimePoints).toBeGreaterThan(0);
		expect(aliceA.reduce((sum, test) => sum + test.score, 0)).toBe(checkA.score - runtimePoints);
		expect(aliceA.reduce((sum, test) => sum + test.max_score, 0)).toBe(checkA.maxScore);
		// One submission: pass or fail, no name prefix.
		const single = classroomResult(gradeReport([report.submissions[1]!]), {labs});
		expect(single.status).toBe('fail');
		expect(single.tests[0]!.name.startsWith('lab-a:')).toBe(true);
		const failing = single.tests.find((test) => test.status === 'fail')!;
		expect(failing.message).toMatch(/[a-z-]+\/[a-z-]+:/);
	});

	it('table and markdown: one row per submission, the class summary, student text defused', async () => {
		const report = await classReport();
		const table = formatGradeTable(report);
		const lines = table.split('\n');
		expect(lines[0]).toMatch(new RegExp(`^SUBMISSION\\s+STATUS\\s+${(await loadLabs()).map((lab) => lab.id).join('\\s+')}\\s+FAILING RULES$`));
		expect(lines[0]).toMatch(/^SUBMISSION\s+STATUS\s+lab-a\s+lab-b\s+combined\s/);
		expect(lines.filter((line) => /^alice\s/.test(line))).toHaveLength(1);
		expect(table).not.toMatch(/\u001B/);
		expect(table).toMatch(/4 submissions: \d+ passed, \d+ failed, 1 could not be graded\./);
		expect(table).toContain('Most failed rules:');
		const markdown = formatGradeMarkdown(report);
		expect(markdown).toContain('## Pass rate per lab');
		expect(markdown).toContain('dave, "the" red second line');
		expect(markdown).not.toContain('<script');
		const rows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Lab') && !line.startsWith('| Rule') && !line.startsWith('| Submission'));
		const submissionRows = rows.filter((line) => /\| (pass|\*\*fail\*\*|\*\*error\*\*) \|/.test(line));
		expect(submissionRows).toHaveLength(4);
		// Unescaped pipes would add cells: every submission row has the same number of cells as the header.
		const header = markdown.split('\n').find((line) => line.startsWith('| Submission'))!;
		const cells = (line: string) => line.split(/(?<!\\)\|/).length;
		for (const row of submissionRows) expect(cells(row)).toBe(cells(header));
	});
});
