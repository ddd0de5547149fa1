/**
 * `grade --format csv`: one row per submission for spreadsheets. RFC 4180 (CRLF rows, fields quoted when they hold
 * `"`, `,`, CR or LF, quotes doubled). Submission names and messages come from students, so control sequences are
 * stripped and any text cell that a spreadsheet would read as a formula (first character `=`, `+`, `-`, `@`, tab or
 * CR, after OWASP's CSV-injection guidance) is prefixed with a single quote.
 */
import {failingRuleIds, submissionStatus, type GradeReport} from '../core/grade.js';
import type {LabId} from '../core/types.js';
import {markBidi, stripControl} from '../core/text.js';

/** Renders the grade report as CSV (header row first). */
export function formatGradeCsv(report: GradeReport): string {
	const labIds: LabId[] = report.summary.labs.map((lab) => lab.id);
	const header = ['submission', 'status', ...labIds.flatMap((id) => [`${id} score`, `${id} max`, `${id} status`]), 'errors', 'warnings', 'failing rules', 'reason'];
	const rows: (string | number)[][] = [header];
	for (const submission of report.submissions) {
		const result = submission.result;
		const cells: (string | number)[] = [submission.name, submissionStatus(submission)];
		for (const id of labIds) {
			const lab = result?.labs.find((candidate) => candidate.id === id);
			cells.push(lab ? lab.score : '', lab ? lab.maxScore : '', lab ? lab.status : result ? '' : 'error');
		}
		cells.push(result?.summary.errors ?? '', result?.summary.warnings ?? '', failingRuleIds(result).join(' '), submission.error ?? '');
		rows.push(cells);
	}
	return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One RFC 4180 field; numbers are written as they are, text is cleaned and defused first. */
export function csvCell(value: string | number): string {
	if (typeof value === 'number') return String(value);
	let text = markBidi(stripControl(value));
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
