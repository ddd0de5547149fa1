/**
 * `grade --format table` (the default): one row per submission with per-lab score/max and the failing rule ids,
 * then the class summary (pass rate per lab, the rules that fail most often).
 */
import {failingRuleIds, percent, submissionStatus, type GradeReport} from '../core/grade.js';
import {safeName} from '../core/text.js';

/** Renders the grade report as an aligned plain-text table. */
export function formatGradeTable(report: GradeReport): string {
	const labIds = report.summary.labs.map((lab) => lab.id);
	const header = ['SUBMISSION', 'STATUS', ...labIds, 'FAILING RULES'];
	const rows = report.submissions.map((submission) => {
		const result = submission.result;
		const labs = labIds.map((id) => {
			const lab = result?.labs.find((candidate) => candidate.id === id);
			return lab ? `${lab.score}/${lab.maxScore}` : '-';
		});
		const failing = result ? failingRuleIds(result).join(' ') : `error: ${submission.error ?? 'could not be graded'}`;
		return [clean(submission.name), submissionStatus(submission), ...labs, clean(failing)];
	});
	const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
	const line = (row: readonly string[]) =>
		row
			.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
			.join('  ')
			.trimEnd();
	const out = [line(header), ...rows.map(line), ''];
	const summary = report.summary;
	out.push(`${summary.submissions} submission${summary.submissions === 1 ? '' : 's'}: ${summary.passed} passed, ${summary.failed} failed, ${summary.errored} could not be graded.`);
	for (const lab of summary.labs) out.push(`  ${lab.id}  pass rate ${percent(lab.passRate)} (${lab.passed}/${lab.submissions}), average ${lab.averageScore}/${lab.maxScore}`);
	if (summary.mostFailedRules.length > 0) {
		out.push('Most failed rules:');
		for (const rule of summary.mostFailedRules.slice(0, 10)) out.push(`  ${String(rule.submissions).padStart(4)}  ${rule.ruleId}`);
	}
	return out.join('\n') + '\n';
}

/** Names come from student folder and archive names: one line, no control sequences, no CI command prefix. */
function clean(text: string): string {
	return safeName(text);
}
