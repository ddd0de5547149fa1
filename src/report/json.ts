/**
 * `check --format json`: exactly the shape graders parse, keys in the documented order.
 */
import type {CheckResult} from '../core/result.js';
import type {Finding} from '../core/types.js';

function finding(f: Finding): Record<string, unknown> {
	const out: Record<string, unknown> = {
		ruleId: f.ruleId,
		severity: f.severity,
		message: f.message,
		file: f.file.replace(/\\/g, '/'),
		line: f.line,
		column: f.column,
	};
	if (f.endLine !== undefined) out['endLine'] = f.endLine;
	if (f.endColumn !== undefined) out['endColumn'] = f.endColumn;
	if (f.hint !== undefined) out['hint'] = f.hint;
	return out;
}

/** The check result as plain data with the JSON report's key order. */
export function checkJson(result: CheckResult): Record<string, unknown> {
	return {
		tool: result.tool,
		version: result.version,
		workspace: result.workspace,
		labs: result.labs.map((lab) => ({
			id: lab.id,
			title: lab.title,
			status: lab.status,
			score: lab.score,
			maxScore: lab.maxScore,
			// `verified` (runtime steps, `check` only): a passed `dapr-labs run` of these files is on record.
			steps: lab.steps.map((step) => ({id: step.id, title: step.title, status: step.status, ...(step.verified !== undefined ? {verified: step.verified} : {})})),
			findings: lab.findings.map(finding),
		})),
		summary: {errors: result.summary.errors, warnings: result.summary.warnings},
	};
}

/** `check --format json` output, pretty-printed, with a trailing newline. */
export function formatJson(result: CheckResult): string {
	return JSON.stringify(checkJson(result), null, 2) + '\n';
}
