/**
 * `grade --format classroom`: the result that GitHub Classroom's autograding reporter reads
 * (classroom-resources/autograding-grading-reporter v1, d13b5912): `{version, status, max_score, tests[]}`, each
 * test `{name, status, score, max_score, message, test_code, filename, line_no}` as the Classroom runner actions
 * (autograding-command-grader v1) write them. The reporter adds up the tests' `score` as the points and takes the
 * document's `max_score` as the maximum, so `max_score` is the sum of the tests' `max_score`.
 *
 * One test per lab step, with the step's points. Classroom mode scores runtime steps by evidence only: they are
 * earned when a `dapr-labs run --format json` result for the lab (passed with `--run-result`) verified them, and
 * not earned otherwise, whatever the static checks say. Several submissions make one document whose test names
 * start with the submission name.
 */
import {type GradeReport, type GradedSubmission} from '../core/grade.js';
import type {LabDef} from '../core/labs.js';
import type {LabResult} from '../core/result.js';
import {safeName, stripControl} from '../core/text.js';
import {type Finding, type LabId} from '../core/types.js';
import {findingsOfStep} from './junit.js';

export type ClassroomStatus = 'pass' | 'fail' | 'error';

export type ClassroomTest = {
	readonly name: string;
	readonly status: ClassroomStatus;
	/** What to fix: the failing rule ids with file:line:column, or why a runtime step was not earned. */
	readonly message: string | null;
	readonly score: number;
	readonly max_score: number;
	/** The command that decides this test, for the student to run locally (failed and errored tests only). */
	readonly test_code?: string;
	/** The first failing finding's file ('' when none), as the runner actions write it. */
	readonly filename: string;
	/** Its line; 0 when none (the reporter prints "- line N" for any other value). */
	readonly line_no: number;
};

export type ClassroomResult = {
	readonly version: 1;
	readonly status: ClassroomStatus;
	readonly max_score: number;
	readonly tests: readonly ClassroomTest[];
};

/** What the classroom format needs from `dapr-labs run --format json`. */
export type RunEvidence = {
	readonly lab: LabId;
	readonly status: 'pass' | 'fail' | 'not-ready';
	readonly checks: readonly {readonly id: string; readonly status: string; readonly message: string}[];
	readonly findings: readonly Finding[];
};

export type ClassroomOptions = {
	readonly labs?: readonly LabDef[];
	/** Results of `dapr-labs run` for the (single) submission; runtime steps of other labs are not earned. */
	readonly runs?: readonly RunEvidence[];
};

/** Builds the classroom result object. */
export function classroomResult(report: GradeReport, options: ClassroomOptions = {}): ClassroomResult {
	const single = report.submissions.length === 1;
	const tests = report.submissions.flatMap((submission) => submissionTests(submission, single, options));
	const status = tests.some((test) => test.status === 'error') ? 'error' : tests.length === 0 || tests.some((test) => test.status === 'fail') ? 'fail' : 'pass';
	return {version: 1, status, max_score: tests.reduce((sum, test) => sum + test.max_score, 0), tests};
}

/** Renders the classroom result as pretty JSON. */
export function formatGradeClassroom(report: GradeReport, options: ClassroomOptions = {}): string {
	return JSON.stringify(classroomResult(report, options), null, 2) + '\n';
}

/**
 * Reads the output of `dapr-labs run <lab> --format json` for one of the labs `labIds` (the loaded labs). Throws an
 * Error whose message says what is wrong (the caller names the file).
 */
export function parseRunEvidence(text: string, labIds: readonly LabId[]): RunEvidence {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new Error(`not JSON (${error instanceof Error ? error.message : String(error)}); pass the output of \`dapr-labs run <lab> --format json\`.`);
	}
	const record = isRecord(value) ? value : {};
	if (record['tool'] !== 'dapr-labs' || typeof record['lab'] !== 'string' || !labIds.includes(record['lab']) || !['pass', 'fail', 'not-ready'].includes(record['status'] as string)) {
		throw new Error('not a `dapr-labs run --format json` result (it needs "tool": "dapr-labs", a "lab" and a "status" of pass, fail or not-ready).');
	}
	const checks = Array.isArray(record['checks']) ? record['checks'].filter(isRecord) : [];
	const findings = Array.isArray(record['findings']) ? record['findings'].filter(isRecord) : [];
	return {
		lab: record['lab'] as LabId,
		status: record['status'] as RunEvidence['status'],
		checks: checks.map((check) => ({id: String(check['id'] ?? ''), status: String(check['status'] ?? ''), message: stripControl(String(check['message'] ?? ''))})),
		findings: findings.map((finding) => ({
			ruleId: stripControl(String(finding['ruleId'] ?? '')),
			severity: finding['severity'] === 'warning' || finding['severity'] === 'info' ? finding['severity'] : 'error',
			message: stripControl(String(finding['message'] ?? '')),
			file: stripControl(String(finding['file'] ?? '')),
			line: Number(finding['line']) || 0,
			column: Number(finding['column']) || 0,
		})),
	};
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function submissionTests(submission: GradedSubmission, single: boolean, options: ClassroomOptions): ClassroomTest[] {
	const name = oneLine(submission.name);
	if (!submission.result) return [{name, status: 'error', message: oneLine(submission.error ?? 'The submission could not be graded.'), score: 0, max_score: 0, filename: '', line_no: 0}];
	// One submission (a student's repository): paths from the repository root, as annotations and SARIF give them.
	const workspace = single ? submission.result.workspace : '.';
	const context: LabContext = {prefix: single ? '' : `${name} / `, workspace, runs: single ? (options.runs ?? []) : []};
	return submission.result.labs.flatMap((lab) => labTests(lab, options.labs?.find((def) => def.id === lab.id), context));
}

type LabContext = {readonly prefix: string; readonly workspace: string; readonly runs: readonly RunEvidence[]};

function labTests(lab: LabResult, def: LabDef | undefined, context: LabContext): ClassroomTest[] {
	const run = context.runs.find((evidence) => evidence.lab === lab.id);
	return lab.steps.map((step, index) => {
		const stepDef = def?.steps.find((candidate) => candidate.id === step.id);
		const max = stepDef ? stepDef.points : evenShare(lab.maxScore, lab.steps.length, index);
		const name = `${context.prefix}${lab.id}: ${stripControl(step.title)}`;
		if (stepDef?.kind === 'runtime') return runtimeTest(name, lab.id, step.id, max, run, context.workspace);
		const findings = def && stepDef ? findingsOfStep(def, step.id, lab.findings) : lab.findings.filter((finding) => finding.severity === 'error');
		if (step.status === 'pass') return {name, status: 'pass', message: null, score: max, max_score: max, filename: '', line_no: 0};
		return {
			name,
			status: 'fail',
			message: findings.length > 0 ? findings.map((finding) => findingLine(finding, context.workspace)).join('\n') : `Step "${stripControl(step.title)}" failed; \`dapr-labs check --lab ${lab.id}\` says why.`,
			score: 0,
			max_score: max,
			test_code: `dapr-labs check --lab ${lab.id} --dir ${context.workspace}`,
			...firstPlace(findings, context.workspace),
		};
	});
}

/** A runtime step: earned only on the evidence of a run (the whole run passed, or its check of this step did). */
function runtimeTest(name: string, lab: LabId, stepId: string, max: number, run: RunEvidence | undefined, workspace: string): ClassroomTest {
	const testCode = `dapr-labs run ${lab} --dir ${workspace}`;
	if (!run) {
		return {
			name,
			status: 'fail',
			message: `Not earned: a runtime step counts only when \`dapr-labs run ${lab}\` verifies the lab in this workflow (the dapr-labs action with \`run: true\`). Check it on your machine with \`dapr-labs run ${lab}\`.`,
			score: 0,
			max_score: max,
			test_code: testCode,
			filename: '',
			line_no: 0,
		};
	}
	if (run.status === 'pass' || run.checks.some((check) => check.id === stepId && check.status === 'pass')) {
		return {name, status: 'pass', message: null, score: max, max_score: max, filename: '', line_no: 0};
	}
	const errors = run.findings.filter((finding) => finding.severity === 'error');
	const failedChecks = run.checks.filter((check) => check.status === 'fail').map((check) => `${oneLine(check.id)}: ${oneLine(check.message)}`);
	const lines = [...failedChecks, ...errors.map((finding) => findingLine(finding, workspace))];
	const notReady = run.status === 'not-ready';
	return {
		name,
		status: notReady ? 'error' : 'fail',
		message: (notReady ? `\`dapr-labs run ${lab}\` could not start the lab on the runner.` : `\`dapr-labs run ${lab}\` did not verify this step.`) + (lines.length > 0 ? '\n' + lines.join('\n') : ''),
		score: 0,
		max_score: max,
		test_code: testCode,
		...firstPlace(errors, workspace),
	};
}

function findingLine(finding: Finding, workspace: string): string {
	const where = finding.file ? `${inRepo(workspace, finding.file)}:${finding.line}:${finding.column} ` : '';
	return `${where}${oneLine(finding.ruleId)}: ${oneLine(finding.message)}`;
}

/**
 * Student-controlled text (messages, build output, file names) on one line, so that every line of a message starts
 * with a path or an id of ours: the reporter prints messages to the workflow log, where a line starting with `::`
 * would be a workflow command.
 */
function oneLine(text: string, max = 500): string {
	// split + trim, not /\s*[\n]+\s*/: that regex backtracks over every run of spaces (quadratic on student text).
	const flat = safeName(
		stripControl(text)
			.split(/[\r\n\u2028\u2029]+/)
			.map((part) => part.trim())
			.filter(Boolean)
			.join(' / '),
	);
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function firstPlace(findings: readonly Finding[], workspace: string): {filename: string; line_no: number} {
	const first = findings.find((finding) => finding.file !== '');
	return first ? {filename: inRepo(workspace, first.file), line_no: first.line} : {filename: '', line_no: 0};
}

/** A lab-folder path as seen from where the grader was pointed (the repository root in a workflow). */
function inRepo(workspace: string, file: string): string {
	const base = oneLine(workspace).replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
	const clean = oneLine(file);
	return base === '' || base === '.' ? clean : `${base}/${clean}`;
}

/** Shares `total` points over `count` steps in whole numbers, the remainder going to the first steps. */
function evenShare(total: number, count: number, index: number): number {
	if (count === 0) return 0;
	const base = Math.floor(total / count);
	return base + (index < total - base * count ? 1 : 0);
}
