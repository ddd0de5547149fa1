/**
 * `grade --format classroom`: the result shape that GitHub Classroom's autograding reporter and Exercism's test
 * runners read: `{version, status: pass|fail|error, max_score, tests: [{name, status, message, score, max_score}]}`.
 * One test per lab step (its points from the lab definitions when given, else the lab's points shared evenly).
 * Several submissions make one document whose test names start with the submission name; `status` is `error` when
 * any submission could not be graded, else `fail` when any failed, else `pass`.
 */
import {submissionStatus, type GradeReport, type GradedSubmission} from '../core/grade.js';
import type {LabDef} from '../core/labs.js';
import type {LabResult} from '../core/result.js';
import {safeName, stripControl} from '../core/text.js';
import {findingsOfStep} from './junit.js';

export type ClassroomTest = {
	readonly name: string;
	readonly status: 'pass' | 'fail' | 'error';
	readonly message: string | null;
	readonly score: number;
	readonly max_score: number;
	readonly filename?: string;
	readonly line_no?: number;
};

export type ClassroomResult = {
	readonly version: 1;
	readonly status: 'pass' | 'fail' | 'error';
	readonly max_score: number;
	readonly tests: readonly ClassroomTest[];
};

export type ClassroomOptions = {readonly labs?: readonly LabDef[]};

/** Builds the classroom result object. */
export function classroomResult(report: GradeReport, options: ClassroomOptions = {}): ClassroomResult {
	const prefix = report.submissions.length > 1;
	const tests = report.submissions.flatMap((submission) => submissionTests(submission, prefix, options));
	const statuses = report.submissions.map(submissionStatus);
	const status = statuses.includes('error') ? 'error' : statuses.includes('fail') || statuses.length === 0 ? 'fail' : 'pass';
	return {version: 1, status, max_score: tests.reduce((sum, test) => sum + test.max_score, 0), tests};
}

/** Renders the classroom result as pretty JSON. */
export function formatGradeClassroom(report: GradeReport, options: ClassroomOptions = {}): string {
	return JSON.stringify(classroomResult(report, options), null, 2) + '\n';
}

function submissionTests(submission: GradedSubmission, prefix: boolean, options: ClassroomOptions): ClassroomTest[] {
	const name = safeName(submission.name);
	if (!submission.result) return [{name, status: 'error', message: stripControl(submission.error ?? 'The submission could not be graded.'), score: 0, max_score: 0}];
	return submission.result.labs.flatMap((lab) => labTests(lab, prefix ? `${name} / ` : '', options.labs?.find((def) => def.id === lab.id)));
}

function labTests(lab: LabResult, prefix: string, def: LabDef | undefined): ClassroomTest[] {
	return lab.steps.map((step, index) => {
		const stepDef = def?.steps.find((candidate) => candidate.id === step.id);
		const max = stepDef ? stepDef.points : evenShare(lab.maxScore, lab.steps.length, index);
		const findings = def && stepDef ? findingsOfStep(def, step.id, lab.findings) : lab.findings.filter((finding) => finding.severity === 'error');
		const first = findings[0];
		return {
			name: `${prefix}${lab.id}: ${step.title}`,
			status: step.status,
			message: step.status === 'pass' ? null : findings.length > 0 ? findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}: ${stripControl(finding.message)}`).join('\n') : `Step "${step.title}" failed.`,
			score: step.status === 'pass' ? max : 0,
			max_score: max,
			...(step.status === 'fail' && first ? {filename: first.file, line_no: first.line} : {}),
		};
	});
}

/** Shares `total` points over `count` steps in whole numbers, the remainder going to the first steps. */
function evenShare(total: number, count: number, index: number): number {
	if (count === 0) return 0;
	const base = Math.floor(total / count);
	return base + (index < total - base * count ? 1 : 0);
}
