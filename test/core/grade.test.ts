import {describe, expect, it} from 'vitest';
import {failingRuleIds, gradeReport, percent, submissionStatus, summarize, type GradedSubmission} from '../../src/core/grade.js';
import type {CheckResult, LabResult} from '../../src/core/result.js';
import type {Finding, LabId} from '../../src/core/types.js';

function finding(ruleId: string, severity: Finding['severity'] = 'error'): Finding {
	return {ruleId, severity, message: 'Something is wrong.', file: 'app.py', line: 1, column: 1};
}
function lab(id: LabId, score: number, findings: Finding[]): LabResult {
	return {id, title: id, status: findings.some((f) => f.severity === 'error') ? 'fail' : 'pass', score, maxScore: 100, steps: [], findings};
}
function result(...labs: LabResult[]): CheckResult {
	return {tool: 'dapr-labs', version: '0.1.0', workspace: '.', labs, summary: {errors: 0, warnings: 0}};
}

const submissions: GradedSubmission[] = [
	{name: 'a', result: result(lab('lab-a', 100, [finding('component/version', 'warning')]), lab('lab-b', 100, []))},
	{name: 'b', result: result(lab('lab-a', 40, [finding('cron/five-field'), finding('cron/five-field')]), lab('lab-b', 70, [finding('cron/five-field'), finding('dockerfile/cmd')]))},
	{name: 'c', result: result(lab('lab-a', 70, [finding('dockerfile/cmd')]), lab('lab-b', 100, []))},
	{name: 'd', result: null, error: 'The archive could not be read.'},
];

describe('summarize', () => {
	it('counts statuses, per-lab pass rates and the most failed rules once per submission', () => {
		expect(submissions.map(submissionStatus)).toEqual(['pass', 'fail', 'fail', 'error']);
		const summary = summarize(submissions);
		expect(summary).toMatchObject({submissions: 4, passed: 1, failed: 2, errored: 1});
		expect(summary.labs.map((entry) => [entry.id, entry.passed, entry.passRate, entry.averageScore])).toEqual([
			['lab-a', 1, 0.25, 52.5],
			['lab-b', 2, 0.5, 67.5],
		]);
		expect(summary.mostFailedRules).toEqual([
			{ruleId: 'cron/five-field', submissions: 1},
			{ruleId: 'dockerfile/cmd', submissions: 2},
		].sort((x, y) => y.submissions - x.submissions));
		expect(failingRuleIds(submissions[1]!.result)).toEqual(['cron/five-field', 'dockerfile/cmd']);
		expect(percent(2 / 3)).toBe('67%');
	});

	it('handles an empty run and a result with no labs', () => {
		expect(gradeReport([]).summary).toEqual({submissions: 0, passed: 0, failed: 0, errored: 0, labs: [], mostFailedRules: []});
		expect(submissionStatus({name: 'x', result: result()})).toBe('fail');
	});
});
