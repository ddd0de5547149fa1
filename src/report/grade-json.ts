/**
 * `grade --format json`: `{"submissions":[{"name","status","result": <check json>|null, "error"?}], "summary"}`.
 * `result` is exactly what `check --format json` prints for that folder; `status` and `error` are added so a
 * grader can tell an ungradable submission (archive refused, unreadable) from a failing one.
 */
import {submissionStatus, type GradeReport} from '../core/grade.js';
import {safeName} from '../core/text.js';

/** Renders the grade report as pretty JSON with a trailing newline. */
export function formatGradeJson(report: GradeReport): string {
	return (
		JSON.stringify(
			{
				submissions: report.submissions.map((submission) => ({
					name: safeName(submission.name),
					status: submissionStatus(submission),
					result: submission.result,
					...(submission.error === undefined ? {} : {error: submission.error}),
				})),
				summary: report.summary,
			},
			null,
			2,
		) + '\n'
	);
}
