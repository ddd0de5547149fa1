/**
 * The workbook's pure reducer: keys (as actions), check results, watcher and runner events in, state out.
 * Deterministic: time arrives in `tick` actions, never read here.
 */
import type {LabDef} from '../labs.js';
import type {CheckResult} from '../result.js';
import type {RunEvent, RunPhase} from '../run-events.js';
import {stripControl} from '../text.js';
import type {LabId} from '../types.js';
import {currentLab, currentScreen, firstOpenStep, nextOpenStep, stepIndexOf, stepStatus} from './selectors.js';
import {EMPTY_PROGRESS, RUN_LOG_LIMIT, type LabProgress, type Progress, type QuizQuestion, type RunView, type ScreenKind, type SessionState} from './state.js';

export type Action =
	| {readonly type: 'move'; readonly delta: number}
	| {readonly type: 'scroll'; readonly delta: number}
	| {readonly type: 'enter'}
	| {readonly type: 'back'}
	| {readonly type: 'open'; readonly screen: ScreenKind}
	| {readonly type: 'hint'}
	| {readonly type: 'solution'}
	| {readonly type: 'quiz-answer'; readonly answer: 'binding' | 'pubsub'}
	| {readonly type: 'check-started'}
	| {readonly type: 'check-finished'; readonly result: CheckResult}
	| {readonly type: 'check-failed'; readonly message: string}
	| {readonly type: 'run-started'; readonly lab: LabId}
	| {readonly type: 'run-event'; readonly event: RunEvent}
	| {readonly type: 'run-ended'; readonly error?: string; readonly cancelled?: boolean}
	| {readonly type: 'tick'; readonly now: number}
	| {readonly type: 'warning'; readonly message: string}
	| {readonly type: 'flash'; readonly message: string}
	/** Puts the current lab on its first step that does not pass (the plain-text printer follows the student). */
	| {readonly type: 'follow'}
	| {readonly type: 'quit'};

/** What the session starts from. */
export type InitOptions = {
	readonly labs: readonly LabDef[];
	readonly quiz?: readonly QuizQuestion[];
	readonly solutions?: SessionState['solutions'];
	readonly progress?: Progress;
	/** Open this lab's step screen at once. */
	readonly lab?: LabId;
	readonly warnings?: readonly string[];
	readonly now: number;
	readonly runnerAvailable?: boolean;
};

/** The first state of a session. */
export function initialState(options: InitOptions): SessionState {
	const progress = options.progress ?? EMPTY_PROGRESS;
	const stepIndex: Partial<Record<LabId, number>> = {};
	// Labs without saved progress get their step from the first check (the first step that does not pass).
	for (const lab of options.labs) {
		const saved = progress.labs[lab.id];
		if (!saved) continue;
		const byCurrent = saved.current ? lab.steps.findIndex((s) => s.id === saved.current) : -1;
		const byPassed = lab.steps.findIndex((s) => !saved.passed.includes(s.id));
		// Reopening lands on the next open step: the step the student was on, unless it has passed since.
		const afterCurrent = byCurrent >= 0 ? lab.steps.findIndex((s, i) => i >= byCurrent && !saved.passed.includes(s.id)) : -1;
		const open = byCurrent >= 0 && !saved.passed.includes(saved.current!) ? byCurrent : afterCurrent >= 0 ? afterCurrent : byPassed;
		stepIndex[lab.id] = open >= 0 ? open : lab.steps.length - 1;
	}
	const wanted = options.lab ?? progress.lastLab;
	const labIndex = Math.max(0, options.labs.findIndex((lab) => lab.id === wanted));
	return {
		labs: options.labs,
		quiz: options.quiz ?? [],
		solutions: options.solutions ?? {},
		screens: options.lab ? [{kind: 'labs'}, {kind: 'step'}] : [{kind: 'labs'}],
		labIndex,
		stepIndex,
		progress,
		check: null,
		checking: false,
		checkError: null,
		checkCount: 0,
		run: null,
		flash: null,
		warnings: (options.warnings ?? []).map(stripControl),
		scroll: 0,
		quizState: {index: 0, choice: 0, answers: {}, revealed: false},
		now: options.now,
		quitting: false,
		runnerAvailable: options.runnerAvailable ?? false,
	};
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(Math.max(value, min), Math.max(min, max));
}

function labProgress(state: SessionState, labId: LabId): LabProgress {
	return state.progress.labs[labId] ?? {passed: [], hints: {}};
}

function withLabProgress(state: SessionState, labId: LabId, update: (p: LabProgress) => LabProgress): SessionState {
	return {...state, progress: {...state.progress, lastLab: labId, labs: {...state.progress.labs, [labId]: update(labProgress(state, labId))}}};
}

function setStep(state: SessionState, lab: LabDef, index: number): SessionState {
	const next = clamp(index, 0, lab.steps.length - 1);
	const step = lab.steps[next];
	const moved = {...state, stepIndex: {...state.stepIndex, [lab.id]: next}, scroll: 0};
	return step ? withLabProgress(moved, lab.id, (p) => ({...p, current: step.id})) : moved;
}

function push(state: SessionState, screen: ScreenKind): SessionState {
	if (currentScreen(state).kind === screen) return state;
	return {...state, screens: [...state.screens, {kind: screen}], scroll: 0};
}

function openLab(state: SessionState, index: number): SessionState {
	const lab = state.labs[index];
	if (!lab) return state;
	const saved = state.stepIndex[lab.id];
	const opened = {...state, labIndex: index};
	return push(setStep(opened, lab, saved ?? firstOpenStep(opened, lab)), 'step');
}

/** Folds a check result into progress: static steps take the check's verdict, runtime passes stay. */
function recordCheck(state: SessionState, result: CheckResult): SessionState {
	let next: SessionState = {...state, check: result, checking: false, checkError: null, checkCount: state.checkCount + 1};
	for (const lab of state.labs) {
		const labResult = result.labs.find((l) => l.id === lab.id);
		if (!labResult) continue;
		const passed = new Set(labProgress(next, lab.id).passed);
		for (const step of lab.steps) {
			if (step.kind !== 'static') continue;
			if (stepStatus(next, lab, step) === 'pass') passed.add(step.id);
			else passed.delete(step.id);
		}
		if (next.stepIndex[lab.id] === undefined) next = {...next, stepIndex: {...next.stepIndex, [lab.id]: firstOpenStep(next, lab)}};
		// The first verdict after opening: a restored step that passes by now (saved elsewhere, or checked by
		// `dapr-labs check`) gives way to the next open one, quietly.
		else if (state.check === null) {
			const at = stepIndexOf(next, lab);
			if (stepStatus(next, lab, lab.steps[at]!) === 'pass') next = {...next, stepIndex: {...next.stepIndex, [lab.id]: nextOpenStep(next, lab, at)}};
		}
		const ordered = lab.steps.map((s) => s.id).filter((id) => passed.has(id));
		const lastLab = next.progress.lastLab;
		next = withLabProgress(next, lab.id, (p) => ({...p, passed: ordered}));
		next = {...next, progress: {...next.progress, lastLab}};
	}
	return next;
}

/** A "✔ Step N passed" flash is stale once a step of that lab stops passing: it goes. */
function dropStaleFlash(before: SessionState, after: SessionState): SessionState {
	if (!after.flash?.startsWith('✔')) return after;
	const lab = currentLab(after);
	if (!lab) return after;
	const regressed = lab.steps.some((step) => stepStatus(before, lab, step) === 'pass' && stepStatus(after, lab, step) !== 'pass');
	return regressed ? {...after, flash: null} : after;
}

/** On the step screen, a step that turned green moves the student on (with a flash). */
function advanceIfPassed(before: SessionState, after: SessionState): SessionState {
	if (currentScreen(after).kind !== 'step') return after;
	const lab = currentLab(after);
	if (!lab) return after;
	const index = stepIndexOf(after, lab);
	const step = lab.steps[index];
	if (!step) return after;
	const was = stepStatus(before, lab, step);
	const now = stepStatus(after, lab, step);
	if (now !== 'pass' || was === 'pass') return after;
	// Static steps are judged by the first check too; moving on from a step that was already green when the
	// workbook opened would skip past it unseen, so only a change seen after a first verdict counts.
	if (step.kind === 'static' && before.check === null) return after;
	const number = index + 1;
	if (index + 1 >= lab.steps.length) return {...after, flash: `✔ Step ${number} passed. ${lab.title} is complete.`};
	const moved = setStep(after, lab, index + 1);
	return {...moved, flash: `✔ Step ${number} passed: ${step.title}. On to step ${number + 1}.`};
}

function emptyRun(lab: LabId): RunView {
	return {lab, status: 'running', phase: 'Starting', lines: [], triggers: [], expect: null, checks: [], findings: [], notes: [], logFile: null, error: null};
}

function appendLines(lines: readonly string[], text: string): readonly string[] {
	// Blank lines carry nothing and would cost a row of the short tail.
	const added = stripControl(text)
		.split('\n')
		.map((line) => line.replace(/\t/g, '  ').trimEnd())
		.filter((line) => line.trim() !== '');
	if (added.length === 0) return lines;
	const all = [...lines, ...added];
	return all.length > RUN_LOG_LIMIT ? all.slice(all.length - RUN_LOG_LIMIT) : all;
}

/** Phases only move forward: a late "Dapr is up; waiting for the app." must not replace "watching for events". */
const PHASE_ORDER: readonly RunPhase[] = ['preflight', 'build', 'starting', 'waiting', 'verifying', 'stopping', 'done'];

function applyRunEvent(run: RunView, event: RunEvent): RunView {
	switch (event.type) {
		case 'phase':
			if (run.phaseKind && PHASE_ORDER.indexOf(event.phase) < PHASE_ORDER.indexOf(run.phaseKind)) return run;
			return {...run, phase: stripControl(event.message), phaseKind: event.phase};
		case 'command':
			return {...run, lines: appendLines(run.lines, `$ ${event.argv.join(' ')}`)};
		case 'line':
			return {...run, lines: appendLines(run.lines, event.line.text)};
		case 'trigger': {
			// The event it was waiting for came: its countdown ends (the runner announces the next one, if any).
			const phase = run.phaseKind === 'stopping' || run.phaseKind === 'done' ? run.phase : `Trigger ${event.index} arrived; the app answers the cron binding.`;
			return {...run, triggers: [...run.triggers, {index: event.index, at: event.at}], expect: null, phase, phaseKind: run.phaseKind === 'waiting' ? 'verifying' : run.phaseKind};
		}
		case 'expect':
			return {...run, expect: {what: stripControl(event.what), at: event.at, deadline: event.deadline}};
		case 'check':
			return {...run, checks: [...run.checks.filter((c) => c.id !== event.id), {id: event.id, status: event.status, message: stripControl(event.message)}]};
		case 'finding':
			return {...run, findings: [...run.findings, event.finding]};
		case 'note':
			return {...run, notes: [...run.notes, stripControl(event.message)]};
		case 'result':
			return {...run, status: event.status === 'interrupted' ? 'cancelled' : event.status, findings: event.findings.length ? event.findings : run.findings, logFile: event.logFile === null ? null : stripControl(event.logFile), expect: null};
		default: {
			const unreachable: never = event;
			return unreachable;
		}
	}
}

/** Marks runtime steps passed when a run passes (all of them) or when a check event names one. */
function recordRun(state: SessionState, run: RunView): SessionState {
	const lab = state.labs.find((l) => l.id === run.lab);
	if (!lab) return state;
	const passed = new Set(labProgress(state, lab.id).passed);
	for (const step of lab.steps) {
		if (step.kind !== 'runtime') continue;
		const check = run.checks.find((c) => c.id === step.id);
		if (run.status === 'pass' || check?.status === 'pass') passed.add(step.id);
	}
	const next = withLabProgress(state, lab.id, (p) => ({...p, passed: lab.steps.map((s) => s.id).filter((id) => passed.has(id))}));
	return recordRunResult(next, run);
}

/** Keeps a finished run in progress.runs, as `dapr-labs run` from the shell does (core/run-record.ts). */
function recordRunResult(state: SessionState, run: RunView & {readonly fingerprint?: string}): SessionState {
	if ((run.status !== 'pass' && run.status !== 'fail') || !run.fingerprint) return state;
	const record = {status: run.status, at: new Date(state.now).toISOString(), fingerprint: run.fingerprint};
	return {...state, progress: {...state.progress, runs: {...state.progress.runs, [run.lab]: record}}};
}

function moveOn(state: SessionState, delta: number): SessionState {
	const screen = currentScreen(state);
	switch (screen.kind) {
		case 'labs':
			return {...state, labIndex: clamp(state.labIndex + delta, 0, state.labs.length - 1)};
		case 'step': {
			const lab = currentLab(state);
			return lab ? setStep(state, lab, stepIndexOf(state, lab) + delta) : state;
		}
		case 'quiz':
			return state.quizState.revealed ? state : {...state, quizState: {...state.quizState, choice: delta > 0 ? 1 : 0}};
		default:
			return {...state, scroll: Math.max(0, state.scroll + delta)};
	}
}

function answerQuiz(state: SessionState, answer: 'binding' | 'pubsub'): SessionState {
	const question = state.quiz[state.quizState.index];
	if (!question || state.quizState.revealed) return state;
	return {...state, quizState: {...state.quizState, revealed: true, answers: {...state.quizState.answers, [question.id]: answer}}};
}

function nextQuestion(state: SessionState): SessionState {
	if (!state.quizState.revealed) return state;
	return {...state, quizState: {...state.quizState, index: Math.min(state.quizState.index + 1, state.quiz.length), choice: 0, revealed: false}};
}

/** The session reducer. */
export function reduce(state: SessionState, action: Action): SessionState {
	// A key press acknowledges the flash message; background events leave it up.
	const keyed = ['move', 'scroll', 'enter', 'back', 'open', 'hint', 'solution', 'quiz-answer'].includes(action.type) ? {...state, flash: null} : state;
	switch (action.type) {
		case 'move':
			return moveOn(keyed, action.delta);
		case 'scroll':
			return {...keyed, scroll: Math.max(0, keyed.scroll + action.delta)};
		case 'enter': {
			const screen = currentScreen(keyed).kind;
			if (screen === 'labs') return openLab(keyed, keyed.labIndex);
			if (screen === 'quiz') {
				if (keyed.quizState.revealed) return nextQuestion(keyed);
				if (keyed.quizState.index >= keyed.quiz.length) return {...keyed, quizState: {index: 0, choice: 0, answers: {}, revealed: false}};
				return answerQuiz(keyed, keyed.quizState.choice === 0 ? 'binding' : 'pubsub');
			}
			return keyed;
		}
		case 'back':
			return keyed.screens.length > 1 ? {...keyed, screens: keyed.screens.slice(0, -1), scroll: 0} : keyed;
		case 'open':
			if (action.screen === 'labs') return {...keyed, screens: [{kind: 'labs'}], scroll: 0};
			if (action.screen === 'step') return openLab(keyed, keyed.labIndex);
			return push(keyed, action.screen);
		case 'hint': {
			const lab = currentLab(keyed);
			const step = lab?.steps[stepIndexOf(keyed, lab)];
			if (!lab || !step || currentScreen(keyed).kind !== 'step') return keyed;
			const shown = labProgress(keyed, lab.id).hints[step.id] ?? 0;
			if (shown >= step.hints.length) return {...keyed, flash: 'That was the last hint. Press s for the reference solution.'};
			return withLabProgress(keyed, lab.id, (p) => ({...p, hints: {...p.hints, [step.id]: shown + 1}}));
		}
		case 'solution': {
			const lab = currentLab(keyed);
			const step = lab?.steps[stepIndexOf(keyed, lab)];
			if (!lab || !step || currentScreen(keyed).kind !== 'step') return keyed;
			if (step.solutionFiles.length === 0) return {...keyed, flash: 'This step has no reference files: it checks the running app.'};
			const passed = stepStatus(keyed, lab, step) === 'pass';
			const allHints = (labProgress(keyed, lab.id).hints[step.id] ?? 0) >= step.hints.length;
			if (!passed && !allHints) return {...keyed, flash: `The solution opens after the step passes or after all ${step.hints.length} hints (press h).`};
			return push(keyed, 'solution');
		}
		case 'quiz-answer':
			return currentScreen(keyed).kind === 'quiz' ? answerQuiz(keyed, action.answer) : keyed;
		case 'check-started':
			return {...state, checking: true};
		case 'check-finished':
			return dropStaleFlash(state, advanceIfPassed(state, recordCheck(state, action.result)));
		case 'check-failed':
			return {...state, checking: false, checkError: stripControl(action.message)};
		case 'run-started':
			return {...state, run: emptyRun(action.lab), flash: null};
		case 'run-event': {
			if (!state.run) return state;
			const run = applyRunEvent(state.run, action.event);
			const next = {...state, run};
			return action.event.type === 'result' ? advanceIfPassed(state, recordRun(next, {...run, ...(action.event.fingerprint ? {fingerprint: action.event.fingerprint} : {})})) : next;
		}
		case 'run-ended': {
			if (!state.run || state.run.status !== 'running') return state;
			const status = action.cancelled ? 'cancelled' : 'error';
			return {...state, run: {...state.run, status, error: action.error ? stripControl(action.error) : null, expect: null}};
		}
		case 'tick':
			return {...state, now: action.now};
		case 'warning':
			return {...state, warnings: [...state.warnings, stripControl(action.message)]};
		case 'flash':
			return {...state, flash: stripControl(action.message)};
		case 'follow': {
			const lab = currentLab(state);
			return lab ? {...state, stepIndex: {...state.stepIndex, [lab.id]: firstOpenStep(state, lab)}} : state;
		}
		case 'quit':
			return {...state, quitting: true};
		default: {
			const unreachable: never = action;
			return unreachable;
		}
	}
}
