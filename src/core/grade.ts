/**
 * Grading many submissions: the per-submission verdict and the class summary (which rules fail most often, per
 * lab pass rate). Pure; the runner (runner/grade.ts) produces the results and the reporters print them.
 */
import type {CheckResult} from './result.js';
import type {LabId} from './types.js';

/** Verdict of one submission: `error` means it could not be graded at all (archive refused, folder unreadable). */
export type SubmissionStatus = 'pass' | 'fail' | 'error';

/** One graded submission. */
export type GradedSubmission = {
	/** Display name: the folder or archive name, unique within a run. */
	readonly name: string;
	/** The check result (exactly the `check --format json` shape); null when status is `error`. */
	readonly result: CheckResult | null;
	/** Why it could not be graded: one sentence, already free of control sequences. Set when result is null. */
	readonly error?: string;
};

export type LabSummary = {
	readonly id: LabId;
	readonly title: string;
	/** Submissions graded for this lab (error submissions count here, as failures). */
	readonly submissions: number;
	readonly passed: number;
	/** passed / submissions, 0..1 (0 when there are none). */
	readonly passRate: number;
	/** Mean score over the submissions (an error submission scores 0). */
	readonly averageScore: number;
	readonly maxScore: number;
};

export type RuleSummary = {
	readonly ruleId: string;
	/** Submissions with at least one error finding of this rule (counted once per submission, whatever the lab). */
	readonly submissions: number;
};

export type GradeSummary = {
	readonly submissions: number;
	readonly passed: number;
	readonly failed: number;
	readonly errored: number;
	readonly labs: readonly LabSummary[];
	/** Rules with error findings, most frequent first (ties by id). */
	readonly mostFailedRules: readonly RuleSummary[];
};

/** The whole run: what `grade --format json` prints. */
export type GradeReport = {
	readonly submissions: readonly GradedSubmission[];
	readonly summary: GradeSummary;
};

/** A submission passes when it was graded and every selected lab passes. */
export function submissionStatus(submission: GradedSubmission): SubmissionStatus {
	if (!submission.result) return 'error';
	return submission.result.labs.length > 0 && submission.result.labs.every((lab) => lab.status === 'pass') ? 'pass' : 'fail';
}

/** Rule ids with error findings in a result, once each, sorted. */
export function failingRuleIds(result: CheckResult | null): string[] {
	if (!result) return [];
	const ids = new Set<string>();
	for (const lab of result.labs) for (const finding of lab.findings) if (finding.severity === 'error') ids.add(finding.ruleId);
	return [...ids].sort();
}

/** Summarises a run. Lab order follows the first result that has labs. */
export function summarize(submissions: readonly GradedSubmission[]): GradeSummary {
	const labOrder: LabId[] = [];
	const labs = new Map<LabId, {title: string; passed: number; scoreSum: number; maxScore: number}>();
	const rules = new Map<string, number>();
	let passed = 0;
	let errored = 0;
	for (const submission of submissions) {
		const status = submissionStatus(submission);
		if (status === 'pass') passed++;
		if (status === 'error') errored++;
		for (const lab of submission.result?.labs ?? []) {
			let entry = labs.get(lab.id);
			if (!entry) {
				entry = {title: lab.title, passed: 0, scoreSum: 0, maxScore: lab.maxScore};
				labs.set(lab.id, entry);
				labOrder.push(lab.id);
			}
			if (lab.status === 'pass') entry.passed++;
			entry.scoreSum += lab.score;
			entry.maxScore = Math.max(entry.maxScore, lab.maxScore);
		}
		for (const id of failingRuleIds(submission.result)) rules.set(id, (rules.get(id) ?? 0) + 1);
	}
	const total = submissions.length;
	return {
		submissions: total,
		passed,
		failed: total - passed - errored,
		errored,
		labs: labOrder.map((id) => {
			const entry = labs.get(id)!;
			return {
				id,
				title: entry.title,
				submissions: total,
				passed: entry.passed,
				passRate: total === 0 ? 0 : entry.passed / total,
				averageScore: total === 0 ? 0 : Math.round((entry.scoreSum / total) * 100) / 100,
				maxScore: entry.maxScore,
			};
		}),
		mostFailedRules: [...rules.entries()]
			.map(([ruleId, count]) => ({ruleId, submissions: count}))
			.sort((a, b) => b.submissions - a.submissions || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)),
	};
}

/** Builds the report object `grade --format json` prints. */
export function gradeReport(submissions: readonly GradedSubmission[]): GradeReport {
	return {submissions, summary: summarize(submissions)};
}

/** Percent with no decimals, for tables and reports. */
export function percent(rate: number): string {
	return `${Math.round(rate * 100)}%`;
}
