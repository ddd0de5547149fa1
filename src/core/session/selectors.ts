/**
 * Read-only views of the session state that screens, the plain-text printer and the reducer share.
 */
import {findingsOfStepId} from '../attribution.js';
import type {LabDef, StepDef} from '../labs.js';
import type {LabResult} from '../result.js';
import type {Finding, LabId} from '../types.js';
import type {LabProgress, Progress, RunView, SessionState, Screen} from './state.js';

/** The lab the lab list highlights and the step screen shows. */
export function currentLab(state: SessionState): LabDef | undefined {
	return state.labs[state.labIndex];
}

/** The screen on top of the stack. */
export function currentScreen(state: SessionState): Screen {
	return state.screens[state.screens.length - 1] ?? {kind: 'labs'};
}

/** Index of the current step of a lab (0 when none was chosen yet). */
export function stepIndexOf(state: SessionState, lab: LabDef): number {
	const index = state.stepIndex[lab.id] ?? 0;
	return Math.min(Math.max(index, 0), Math.max(lab.steps.length - 1, 0));
}

/** The current step of the current lab. */
export function currentStep(state: SessionState): StepDef | undefined {
	const lab = currentLab(state);
	return lab ? lab.steps[stepIndexOf(state, lab)] : undefined;
}

/** The latest check result for a lab, when a check has run. */
export function labResultOf(state: SessionState, labId: LabId): LabResult | undefined {
	return state.check?.labs.find((lab) => lab.id === labId);
}

function progressOf(progress: Progress, labId: LabId): LabProgress {
	return progress.labs[labId] ?? {passed: [], hints: {}};
}

/** Pass / fail of a step: static steps from the latest check, runtime steps from saved progress and the run. */
export type StepStatus = 'pass' | 'fail' | 'pending' | 'not-run';

/** The status of one step. */
export function stepStatus(state: SessionState, lab: LabDef, step: StepDef): StepStatus {
	if (step.kind === 'runtime') {
		if (progressOf(state.progress, lab.id).passed.includes(step.id)) return 'pass';
		if (state.run && state.run.lab === lab.id && state.run.status !== 'running') {
			const check = state.run.checks.find((c) => c.id === step.id);
			if (check?.status === 'fail' || state.run.status === 'fail') return 'fail';
		}
		return 'not-run';
	}
	const result = labResultOf(state, lab.id);
	if (!result) return progressOf(state.progress, lab.id).passed.includes(step.id) ? 'pass' : 'pending';
	const stepResult = result.steps.find((s) => s.id === step.id);
	if (stepResult) return stepResult.status;
	return stepFindings(state, lab, step).some((f) => f.severity === 'error') ? 'fail' : 'pass';
}

/**
 * The findings of a step's checklist: the check's findings for the step's rules (static steps), or the last run's
 * findings (runtime steps). Errors first, then by file and line.
 */
export function stepFindings(state: SessionState, lab: LabDef, step: StepDef): readonly Finding[] {
	let findings: readonly Finding[];
	if (step.kind === 'runtime') {
		findings = state.run && state.run.lab === lab.id ? state.run.findings : [];
	} else {
		findings = findingsOfStepId(lab, step.id, labResultOf(state, lab.id)?.findings ?? []);
	}
	const rank = {error: 0, warning: 1, info: 2} as const;
	return [...findings].sort((a, b) => rank[a.severity] - rank[b.severity] || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** How many hints of a step were revealed. */
export function hintsShown(state: SessionState, labId: LabId, stepId: string): number {
	return progressOf(state.progress, labId).hints[stepId] ?? 0;
}

/** The solution may be shown once the step passed or every hint was seen. */
export function canShowSolution(state: SessionState, lab: LabDef, step: StepDef): boolean {
	return stepStatus(state, lab, step) === 'pass' || hintsShown(state, lab.id, step.id) >= step.hints.length;
}

/** Passed and total steps of a lab, with the check's score when known. */
export function labSummary(state: SessionState, lab: LabDef): {readonly passed: number; readonly total: number; readonly score: number | null; readonly maxScore: number} {
	const passed = lab.steps.filter((step) => stepStatus(state, lab, step) === 'pass').length;
	const maxScore = lab.steps.reduce((sum, step) => sum + step.points, 0);
	const score = lab.steps.reduce((sum, step) => sum + (stepStatus(state, lab, step) === 'pass' ? step.points : 0), 0);
	return {passed, total: lab.steps.length, score: state.check || passed > 0 ? score : null, maxScore};
}

/** The first step of a lab that has not passed, or the last step when all passed. */
export function firstOpenStep(state: SessionState, lab: LabDef): number {
	const index = lab.steps.findIndex((step) => stepStatus(state, lab, step) !== 'pass');
	return index === -1 ? Math.max(lab.steps.length - 1, 0) : index;
}

/** The first step at or after `from` that has not passed; else the first open step before it; else the last. */
export function nextOpenStep(state: SessionState, lab: LabDef, from: number): number {
	const index = lab.steps.findIndex((step, i) => i >= from && stepStatus(state, lab, step) !== 'pass');
	return index === -1 ? firstOpenStep(state, lab) : index;
}

/**
 * Why the runtime check (r) cannot start yet: the first static step that does not pass (every static check must
 * pass first), or null when all do. Before the first check, the steps are not known to pass.
 */
export function runBlocker(state: SessionState, lab: LabDef): {readonly index: number; readonly step: StepDef} | null {
	const index = lab.steps.findIndex((step) => step.kind === 'static' && stepStatus(state, lab, step) !== 'pass');
	return index === -1 ? null : {index, step: lab.steps[index]!};
}

/** The run panel's status line and, when the run did not pass, what to do (from the result's first error). */
export function runHeadline(run: RunView): {readonly text: string; readonly fix: string | null} {
	const first = run.findings.find((f) => f.severity === 'error') ?? run.findings[0];
	const reason = first ? `${first.message}` : null;
	const fix = first?.hint ?? null;
	switch (run.status) {
		case 'running':
			return {text: run.phase, fix: null};
		case 'pass':
			return {text: '✔ Verified under Dapr.', fix: null};
		case 'not-ready':
			return {text: `✖ Not ready to run${reason ? `: ${reason}` : '.'}`, fix: fix ?? (reason ? null : '`dapr-labs doctor` checks dapr, docker, python and the ports.')};
		case 'fail':
			return {text: `✖ The lab does not work yet${reason ? `: ${reason}` : '.'}`, fix};
		case 'error':
			return {text: `✖ The run stopped${run.error ? `: ${run.error}` : '.'}`, fix: null};
		case 'cancelled':
			return {text: 'Run stopped before its verdict (nothing scored).', fix: null};
		default: {
			const unreachable: never = run.status;
			return unreachable;
		}
	}
}

/**
 * A step's instructions as they apply now: once the workbook's own run has ended, it has stopped the app itself,
 * so "Stop the app with Ctrl+C" would tell the student to stop something that is gone.
 */
export function instructionsFor(state: SessionState, lab: LabDef, step: StepDef): string {
	const run = state.run && state.run.lab === lab.id ? state.run : null;
	if (!run) return step.instructions;
	const replacement = run.status === 'running' ? 'The run started with r stops the app itself when it has its verdict (q stops it too).' : 'The run started with r has stopped the app (a `dapr run` of your own still needs Ctrl+C).';
	return step.instructions.replace(/Stop the app with Ctrl\+C[^.]*\)?\./, replacement);
}

/** Quiz score so far. */
export function quizScore(state: SessionState): {readonly correct: number; readonly answered: number; readonly total: number} {
	let correct = 0;
	let answered = 0;
	for (const question of state.quiz) {
		const answer = state.quizState.answers[question.id];
		if (answer === undefined) continue;
		answered++;
		if (answer === question.answer) correct++;
	}
	return {correct, answered, total: state.quiz.length};
}

/** Seconds until an ISO time (negative when past), for the run countdown. */
export function secondsUntil(state: SessionState, iso: string): number {
	const at = Date.parse(iso);
	return Number.isNaN(at) ? 0 : Math.ceil((at - state.now) / 1000);
}
