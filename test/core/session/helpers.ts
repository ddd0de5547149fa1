/** Test helpers: check results built from real lab definitions and the real step attribution (core/check.ts). */
import {evaluateSteps} from '../../../src/core/check.js';
import type {LabDef} from '../../../src/core/labs.js';
import type {CheckResult} from '../../../src/core/result.js';
import type {Finding, LabId} from '../../../src/core/types.js';

/** A finding with sensible defaults. */
export function finding(ruleId: string, file: string, line = 1, extra: Partial<Finding> = {}): Finding {
	return {ruleId, severity: 'error', message: `Problem from ${ruleId}.`, file, line, column: 1, ...extra};
}

/** A check result where each lab has the given findings (none when absent). */
export function resultFor(labs: readonly LabDef[], findings: Partial<Record<LabId, readonly Finding[]>>): CheckResult {
	return {
		tool: 'dapr-labs',
		version: 'test',
		workspace: '.',
		labs: labs.map((lab) => {
			const own = findings[lab.id] ?? [];
			const steps = evaluateSteps(lab, own);
			const score = lab.steps.reduce((sum, step, i) => sum + (steps[i]!.status === 'pass' ? step.points : 0), 0);
			return {id: lab.id, title: lab.title, status: own.some((f) => f.severity === 'error') ? 'fail' : 'pass', score, maxScore: 100, steps, findings: own};
		}),
		summary: {errors: Object.values(findings).flat().filter((f) => f!.severity === 'error').length, warnings: 0},
	};
}
