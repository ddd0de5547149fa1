/**
 * `review --format text`: the lesson's questions answered yes/no with where, then the findings at the answer's lines.
 */
import type {ReviewResult} from '../core/markdown-answer.js';
import {safeName, stripControl} from '../core/text.js';
import {findingPlace} from '../core/types.js';

/** Renders a review for a terminal or a log (no colour). */
export function formatReviewText(review: ReviewResult): string {
	const answer = safeName(review.answer);
	const out: string[] = [`Review of ${answer}, checked as ${review.lab}: ${review.labReason}`, ''];
	const used = review.files.map((file) => `${file.path} (lines ${file.fromLine}-${file.toLine})`);
	const skipped = review.blocks.filter((block) => block.file === null).map((block) => `${block.language}${block.tagged ? '' : ' (guessed)'} at line ${block.line}`);
	out.push(`Code blocks: ${review.blocks.length}. Built: ${used.length > 0 ? used.join(', ') : 'nothing'}.${skipped.length > 0 ? ` Not used: ${skipped.join(', ')}.` : ''}`, '');
	const width = Math.max(...review.questions.map((question) => question.question.length));
	for (const question of review.questions) {
		const where = question.line !== undefined ? ` (${answer}:${question.line})` : '';
		out.push(`${question.question.padEnd(width)}  ${question.answer === 'yes' ? 'yes' : 'NO '}  ${stripControl(question.detail)}${where}`);
	}
	const findings = review.check.labs.flatMap((lab) => lab.findings);
	if (findings.length > 0) {
		out.push('', 'Findings:');
		for (const finding of findings) {
			out.push(`${safeName(findingPlace(finding))} ${finding.severity} ${finding.ruleId}: ${stripControl(finding.message)}`);
			if (finding.hint) out.push(`  Fix: ${stripControl(finding.hint)}`);
		}
	}
	const no = review.questions.filter((question) => question.answer === 'no').length;
	const errors = review.check.summary.errors;
	out.push('', `Verdict: ${review.pass ? 'pass' : 'fail'} (${no} of ${review.questions.length} answers are no; ${errors} error${errors === 1 ? '' : 's'}, ${review.check.summary.warnings} warning${review.check.summary.warnings === 1 ? '' : 's'}).`);
	return out.join('\n') + '\n';
}
