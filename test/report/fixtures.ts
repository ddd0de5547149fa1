/** Check results for the report tests: real ones (the checker on the shipped starters and solutions) and hostile ones. */
import {join} from 'node:path';
import type {CheckResult} from '../../src/core/result.js';
import type {Finding} from '../../src/core/types.js';
import {checkFolder} from '../../src/runner/check-folder.js';

export const ROOT = join(import.meta.dirname, '..', '..');
const NOW = new Date('2026-01-15T10:00:00Z');

/** `check` on a folder of the repository, every lab, as `check --format json` would produce it. */
export async function realResult(relative: string): Promise<CheckResult> {
	return (await checkFolder(join(ROOT, relative), {workspaceLabel: relative, now: NOW})).result;
}

/** A finding whose text tries everything a student could put in a file name, route or component name. */
export function hostileFinding(overrides: Partial<Finding> = {}): Finding {
	return {
		ruleId: 'input-binding/route-mismatch',
		severity: 'error',
		message: 'Route "/x\n::error::pwned\r\n::stop-commands::abc" has 100% <b>&"quotes"\' , and: colons =1+1 \u001B[31mred\u001B[0m.',
		file: 'components/we,ird:name %0A.yaml',
		line: 3,
		column: 5,
		endLine: 3,
		endColumn: 9,
		hint: 'Write @app.post("/x")\n::warning::also pwned',
		...overrides,
	};
}

/** A failing lab-a result built by hand, with `count` hostile findings. */
export function hostileResult(count = 1, workspace = 'students/alice'): CheckResult {
	const findings = Array.from({length: count}, (_, index) => hostileFinding({line: index + 1, severity: index % 3 === 2 ? 'warning' : 'error'}));
	return {
		tool: 'dapr-labs',
		version: '0.1.0',
		workspace,
		labs: [
			{
				id: 'lab-a',
				title: 'Lab A: Cron input binding',
				status: 'fail',
				score: 70,
				maxScore: 100,
				steps: [
					{id: 'component', title: 'Create the cron component', status: 'fail'},
					{id: 'handler', title: 'Write the POST handler', status: 'pass'},
				],
				findings,
			},
		],
		summary: {errors: findings.filter((finding) => finding.severity === 'error').length, warnings: findings.filter((finding) => finding.severity === 'warning').length},
	};
}
