/**
 * What the workbook tells the room, derived from two consecutive session states: a `check` event when the lab, the
 * step or any step's status or failing rules changed, a `hint` event per hint taken, a `run` event when a run ends.
 * Only ids, statuses, file names and line numbers leave the workbook; never file contents or messages.
 */
import type {LabResult} from '../result.js';
import type {SessionState} from '../session/state.js';
import {ROOM_LIMITS, type RoomEvent, type RoomFinding, type RoomStep} from './events.js';

/** An event before the sender stamps it with id, student, name and time. */
export type RoomPayload = RoomEvent extends infer E ? (E extends RoomEvent ? Omit<E, 'id' | 'student' | 'name' | 'at'> : never) : never;

type Where = {readonly lab: string; readonly step: string; readonly result: LabResult | undefined; readonly passed: readonly string[]; readonly hints: Readonly<Record<string, number>>};

function where(state: SessionState): Where | null {
	const lab = state.labs[state.labIndex];
	if (!lab) return null;
	const step = lab.steps[state.stepIndex[lab.id] ?? 0] ?? lab.steps[0];
	if (!step) return null;
	const progress = state.progress.labs[lab.id];
	return {lab: lab.id, step: step.id, result: state.check?.labs.find((candidate) => candidate.id === lab.id), passed: progress?.passed ?? [], hints: progress?.hints ?? {}};
}

function stepsOf(state: SessionState, at: Where): RoomStep[] {
	const lab = state.labs.find((candidate) => candidate.id === at.lab);
	if (!lab || !at.result) return [];
	return lab.steps.slice(0, ROOM_LIMITS.maxSteps).map((step) => {
		const checked = at.result!.steps.find((candidate) => candidate.id === step.id);
		const failing = [...new Set(at.result!.findings.filter((finding) => finding.severity === 'error' && step.rules.includes(finding.ruleId)).map((finding) => finding.ruleId))].slice(0, ROOM_LIMITS.maxFailingPerStep);
		const status = step.kind === 'runtime' ? (at.passed.includes(step.id) ? 'pass' : failing.length > 0 ? 'fail' : 'todo') : checked?.status === 'pass' ? 'pass' : checked ? 'fail' : 'todo';
		return {id: step.id, status, failing: status === 'pass' ? [] : failing};
	});
}

function findingsOf(result: LabResult | undefined): RoomFinding[] {
	return (result?.findings ?? []).slice(0, ROOM_LIMITS.maxFindings).map((finding) => ({rule: finding.ruleId, file: finding.file.slice(0, 200), line: finding.line, severity: finding.severity}));
}

function checkPayload(state: SessionState): RoomPayload | null {
	const at = where(state);
	if (!at || !at.result) return null;
	return {kind: 'check', lab: at.lab, step: at.step, steps: stepsOf(state, at), findings: findingsOf(at.result)};
}

const TERMINAL = new Set(['pass', 'fail', 'not-ready', 'error', 'cancelled']);

/** The events to send for the change from `previous` (null at start) to `next`. */
export function roomEventsBetween(previous: SessionState | null, next: SessionState): RoomPayload[] {
	const out: RoomPayload[] = [];
	const before = previous ? checkPayload(previous) : null;
	const after = checkPayload(next);
	if (after && JSON.stringify(before) !== JSON.stringify(after)) out.push(after);
	const at = where(next);
	if (at && previous) {
		const earlier = previous.progress.labs[at.lab as keyof typeof previous.progress.labs]?.hints ?? {};
		for (const [step, count] of Object.entries(at.hints)) {
			for (let level = (earlier[step] ?? 0) + 1; level <= count; level++) out.push({kind: 'hint', lab: at.lab, step, level});
		}
	}
	const run = next.run;
	if (run && TERMINAL.has(run.status) && previous?.run?.status === 'running') {
		out.push({kind: 'run', lab: run.lab, status: run.status, checks: run.checks.slice(0, ROOM_LIMITS.maxChecks).map((check) => ({id: check.id, status: check.status}))});
	}
	return out;
}
