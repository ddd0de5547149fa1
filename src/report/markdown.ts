/**
 * `grade --format markdown`: a class report an instructor can paste into an issue, a wiki or a GitHub step summary.
 * Student text (names, messages) is escaped so it cannot break the tables or inject HTML.
 */
import {failingRuleIds, percent, submissionStatus, type GradeReport} from '../core/grade.js';
import {safeName} from '../core/text.js';

/** Renders the grade report as GitHub-flavoured Markdown. */
export function formatGradeMarkdown(report: GradeReport): string {
	const summary = report.summary;
	const labIds = summary.labs.map((lab) => lab.id);
	const out: string[] = ['# dapr-labs class report', ''];
	out.push(`${summary.submissions} submission${summary.submissions === 1 ? '' : 's'}: **${summary.passed} passed**, ${summary.failed} failed, ${summary.errored} could not be graded.`, '');
	if (summary.labs.length > 0) {
		out.push('## Pass rate per lab', '', '| Lab | Passed | Pass rate | Average score |', '|---|---:|---:|---:|');
		for (const lab of summary.labs) out.push(`| ${cell(`${lab.id}: ${lab.title}`)} | ${lab.passed}/${lab.submissions} | ${percent(lab.passRate)} | ${lab.averageScore}/${lab.maxScore} |`);
		out.push('');
	}
	if (summary.mostFailedRules.length > 0) {
		out.push('## Rules that fail most often', '', '| Rule | Submissions |', '|---|---:|');
		for (const rule of summary.mostFailedRules) out.push(`| \`${rule.ruleId}\` | ${rule.submissions} |`);
		out.push('');
	}
	out.push('## Submissions', '', `| Submission | Status | ${labIds.join(' | ')}${labIds.length ? ' | ' : ''}Failing rules |`, `|---|---|${labIds.map(() => '---:|').join('')}---|`);
	for (const submission of report.submissions) {
		const status = submissionStatus(submission);
		const labs = labIds.map((id) => {
			const lab = submission.result?.labs.find((candidate) => candidate.id === id);
			return lab ? `${lab.score}/${lab.maxScore}` : '-';
		});
		const failing = submission.result ? failingRuleIds(submission.result).map((id) => `\`${id}\``).join(', ') : cell(submission.error ?? 'Could not be graded.');
		out.push(`| ${cell(submission.name)} | ${status === 'pass' ? 'pass' : status === 'fail' ? '**fail**' : '**error**'} | ${labs.join(' | ')}${labs.length ? ' | ' : ''}${failing} |`);
	}
	return out.join('\n') + '\n';
}

/** Escapes text for a Markdown table cell: no line breaks, no pipes, no HTML, no emphasis or code spans. */
export function cell(text: string): string {
	return safeName(text)
		.replace(/[\\`*_[\]<>|#!~]/g, (character) => (character === '<' ? '&lt;' : character === '>' ? '&gt;' : `\\${character}`));
}
