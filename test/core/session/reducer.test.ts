import {beforeAll, describe, expect, it} from 'vitest';
import type {LabDef} from '../../../src/core/labs.js';
import {keyIntent} from '../../../src/core/session/keys.js';
import {formatPlain} from '../../../src/core/session/plain.js';
import {initialState, reduce, type Action} from '../../../src/core/session/reducer.js';
import {canShowSolution, currentScreen, currentStep, instructionsFor, labSummary, quizScore, runHeadline, stepFindings, stepStatus} from '../../../src/core/session/selectors.js';
import {RUN_LOG_LIMIT, type QuizQuestion, type SessionState} from '../../../src/core/session/state.js';
import type {RunEvent} from '../../../src/core/run-events.js';
import {loadLabs} from '../../../src/runner/labs-loader.js';
import {finding, resultFor} from './helpers.js';

let labs: readonly LabDef[];
let labA: LabDef;
beforeAll(async () => {
	labs = await loadLabs();
	labA = labs.find((l) => l.id === 'lab-a')!;
});

const QUIZ: readonly QuizQuestion[] = [
	{id: 'q1', need: 'Nightly cleanup.', answer: 'binding', componentType: 'bindings.cron', reason: 'A schedule.'},
	{id: 'q2', need: 'Tell a Dapr app.', answer: 'pubsub', componentType: 'pubsub.redis', reason: 'Dapr app.'},
];

function fold(state: SessionState, ...actions: Action[]): SessionState {
	return actions.reduce(reduce, state);
}

const starterFindings = () => ({
	'lab-a': [finding('cron/five-field', 'components/cron-binding.yaml', 11, {hint: 'Write @every 30s.'}), finding('input-binding/route-mismatch', 'app.py', 13), finding('lab/missing-file', 'Dockerfile')],
});

describe('session reducer', () => {
	it('opens the lab list, or the step screen of --lab', () => {
		expect(currentScreen(initialState({labs, now: 0})).kind).toBe('labs');
		const opened = initialState({labs, lab: 'lab-b', now: 0});
		expect(currentScreen(opened).kind).toBe('step');
		expect(opened.labs[opened.labIndex]!.id).toBe('lab-b');
	});

	it('lands on the first failing step after the first check, without a flash', () => {
		const state = fold(initialState({labs, lab: 'lab-a', now: 0}), {type: 'check-finished', result: resultFor(labs, {'lab-a': [finding('input-binding/route-mismatch', 'app.py', 13)]})});
		expect(currentStep(state)!.id).toBe('handler');
		expect(state.flash).toBeNull();
		expect(state.progress.labs['lab-a']!.passed).toEqual(['component', 'dockerfile']);
	});

	it('moves on with a flash when the current step turns green after a save', () => {
		let state = fold(initialState({labs, lab: 'lab-a', now: 0}), {type: 'check-finished', result: resultFor(labs, starterFindings())});
		expect(currentStep(state)!.id).toBe('component');
		expect(stepStatus(state, labA, labA.steps[0]!)).toBe('fail');
		state = reduce(state, {type: 'check-finished', result: resultFor(labs, {'lab-a': starterFindings()['lab-a'].slice(1)})});
		expect(currentStep(state)!.id).toBe('handler');
		expect(state.flash).toMatch(/^✔ Step 1 passed/);
		// The next key press clears the flash.
		expect(reduce(state, {type: 'move', delta: 0}).flash).toBeNull();
	});

	it('does not jump when a step that was already green stays green', () => {
		let state = fold(initialState({labs, lab: 'lab-a', now: 0}), {type: 'check-finished', result: resultFor(labs, {})});
		state = reduce(state, {type: 'move', delta: -10});
		expect(currentStep(state)!.id).toBe('component');
		state = reduce(state, {type: 'check-finished', result: resultFor(labs, {})});
		expect(currentStep(state)!.id).toBe('component');
		expect(state.flash).toBeNull();
	});

	it('puts only the step\'s own findings on its checklist (shared rules by file)', () => {
		const state = fold(initialState({labs, lab: 'lab-a', now: 0}), {type: 'check-finished', result: resultFor(labs, starterFindings())});
		const [component, handler, dockerfile] = labA.steps;
		expect(stepFindings(state, labA, component!).map((f) => f.ruleId)).toEqual(['cron/five-field']);
		expect(stepFindings(state, labA, handler!).map((f) => f.ruleId)).toEqual(['input-binding/route-mismatch']);
		expect(stepFindings(state, labA, dockerfile!).map((f) => f.ruleId)).toEqual(['lab/missing-file']);
	});

	it('reveals hints one at a time and unlocks the solution after the last', () => {
		let state = fold(initialState({labs, lab: 'lab-a', now: 0}), {type: 'check-finished', result: resultFor(labs, starterFindings())});
		const step = currentStep(state)!;
		expect(canShowSolution(state, labA, step)).toBe(false);
		state = reduce(state, {type: 'solution'});
		expect(currentScreen(state).kind).toBe('step');
		expect(state.flash).toMatch(/after the step passes or after all 3 hints/);
		for (let i = 1; i <= step.hints.length; i++) {
			state = reduce(state, {type: 'hint'});
			expect(state.progress.labs['lab-a']!.hints[step.id]).toBe(i);
		}
		state = reduce(state, {type: 'hint'});
		expect(state.progress.labs['lab-a']!.hints[step.id]).toBe(step.hints.length);
		expect(state.flash).toMatch(/last hint/);
		state = reduce(state, {type: 'solution'});
		expect(currentScreen(state).kind).toBe('solution');
		state = reduce(state, {type: 'back'});
		expect(currentScreen(state).kind).toBe('step');
	});

	it('opens the solution at once for a passed step, and never for a runtime step', () => {
		let state = fold(initialState({labs, lab: 'lab-a', now: 0}), {type: 'check-finished', result: resultFor(labs, {})});
		state = fold(state, {type: 'move', delta: -10}, {type: 'solution'});
		expect(currentScreen(state).kind).toBe('solution');
		state = fold(state, {type: 'back'}, {type: 'move', delta: 3}, {type: 'solution'});
		expect(currentStep(state)!.kind).toBe('runtime');
		expect(currentScreen(state).kind).toBe('step');
		expect(state.flash).toMatch(/no reference files/);
	});

	it('folds run events: bounded, control-free log tail, triggers, countdown, result', () => {
		let state = fold(initialState({labs, lab: 'lab-a', now: 0}), {type: 'check-finished', result: resultFor(labs, {})}, {type: 'move', delta: 10});
		state = reduce(state, {type: 'move', delta: -1});
		expect(currentStep(state)!.id).toBe('run');
		state = reduce(state, {type: 'run-started', lab: 'lab-a'});
		const line = (text: string): RunEvent => ({type: 'line', line: {source: 'app', level: null, text, event: null}});
		for (let i = 0; i < RUN_LOG_LIMIT + 50; i++) state = reduce(state, {type: 'run-event', event: line(`line ${i}`)});
		state = reduce(state, {type: 'run-event', event: line('\u001b[31mred\u001b[0m \u001b]0;title\u0007done')});
		expect(state.run!.lines).toHaveLength(RUN_LOG_LIMIT);
		expect(state.run!.lines.at(-1)).toBe('red done');
		state = fold(
			state,
			{type: 'run-event', event: {type: 'expect', what: 'Trigger 1', at: '2026-01-01T00:00:30.000Z', deadline: '2026-01-01T00:00:40.000Z'}},
			{type: 'run-event', event: {type: 'trigger', index: 1, at: '2026-01-01T00:00:30.000Z'}},
		);
		// The trigger it counted down to came: no countdown beside "✔ 1 trigger" any more.
		expect(state.run!.expect).toBeNull();
		expect(state.run!.triggers).toHaveLength(1);
		expect(stepStatus(state, labA, currentStep(state)!)).toBe('not-run');
		state = reduce(state, {type: 'run-event', event: {type: 'result', lab: 'lab-a', status: 'pass', findings: [], logFile: '.dapr-labs/logs/x.log'}});
		expect(state.progress.labs['lab-a']!.passed).toEqual(['component', 'handler', 'dockerfile', 'run', 'triggers']);
		expect(currentStep(state)!.id).toBe('triggers');
		expect(state.flash).toMatch(/Step 4 passed/);
		expect(labSummary(state, labA)).toMatchObject({passed: 5, total: 5, score: 100});
	});

	it('keeps a finished run in progress.runs (what check reads), and an interrupted one as cancelled with no record', () => {
		const base = reduce(initialState({labs, lab: 'lab-a', now: Date.UTC(2026, 0, 1)}), {type: 'run-started', lab: 'lab-a'});
		const passed = reduce(base, {type: 'run-event', event: {type: 'result', lab: 'lab-a', status: 'pass', findings: [], logFile: null, fingerprint: 'abc123'}});
		expect(passed.progress.runs).toEqual({'lab-a': {status: 'pass', at: '2026-01-01T00:00:00.000Z', fingerprint: 'abc123'}});
		const interrupted = reduce(base, {type: 'run-event', event: {type: 'result', lab: 'lab-a', status: 'interrupted', findings: [], logFile: null, fingerprint: 'abc123'}});
		expect(interrupted.run!.status).toBe('cancelled');
		expect(interrupted.progress.runs).toBeUndefined();
	});

	it('marks a run that ended without a verdict as an error, and a cancelled one as cancelled', () => {
		const base = reduce(initialState({labs, lab: 'lab-a', now: 0}), {type: 'run-started', lab: 'lab-a'});
		expect(reduce(base, {type: 'run-ended', error: 'spawn dapr ENOENT'}).run).toMatchObject({status: 'error', error: 'spawn dapr ENOENT'});
		expect(reduce(base, {type: 'run-ended', cancelled: true}).run!.status).toBe('cancelled');
	});

	it('scores the quiz', () => {
		let state = fold(initialState({labs, quiz: QUIZ, now: 0}), {type: 'open', screen: 'quiz'});
		state = fold(state, {type: 'quiz-answer', answer: 'binding'});
		expect(state.quizState.revealed).toBe(true);
		// A second answer to a revealed question does not count.
		state = fold(state, {type: 'quiz-answer', answer: 'pubsub'});
		expect(quizScore(state)).toEqual({correct: 1, answered: 1, total: 2});
		state = fold(state, {type: 'enter'}, {type: 'move', delta: 1}, {type: 'enter'});
		expect(quizScore(state)).toEqual({correct: 2, answered: 2, total: 2});
		state = fold(state, {type: 'enter'});
		expect(state.quizState.index).toBe(2);
		state = fold(state, {type: 'enter'});
		expect(quizScore(state).answered).toBe(0);
	});

	it('keeps a screen stack: open pushes, back pops, l returns to the labs', () => {
		let state = fold(initialState({labs, lab: 'lab-a', now: 0}), {type: 'open', screen: 'help'}, {type: 'open', screen: 'cron'});
		expect(state.screens.map((s) => s.kind)).toEqual(['labs', 'step', 'help', 'cron']);
		state = reduce(state, {type: 'back'});
		expect(currentScreen(state).kind).toBe('help');
		state = reduce(state, {type: 'open', screen: 'labs'});
		expect(state.screens.map((s) => s.kind)).toEqual(['labs']);
		expect(reduce(state, {type: 'back'}).screens).toHaveLength(1);
	});

	it('strips control sequences from warnings (they can carry a folder name)', () => {
		const state = initialState({labs, now: 0, warnings: ['Moved /tmp/\u001b]0;pwned\u0007x/state.json aside.']});
		expect(state.warnings).toEqual(['Moved /tmp/x/state.json aside.']);
		expect(reduce(state, {type: 'warning', message: 'a\u001b[2Jb'}).warnings.at(-1)).toBe('ab');
	});

	it('follow puts the current lab on its first open step (the plain printer)', () => {
		let state = fold(initialState({labs, now: 0}), {type: 'check-finished', result: resultFor(labs, starterFindings())});
		state = fold(state, {type: 'check-finished', result: resultFor(labs, {'lab-a': [finding('lab/missing-file', 'Dockerfile')]})}, {type: 'follow'});
		expect(currentStep(state)!.id).toBe('dockerfile');
	});

	it('restores saved progress: current step and hints', () => {
		const state = initialState({labs, lab: 'lab-a', now: 0, progress: {version: 1, labs: {'lab-a': {passed: ['component'], hints: {handler: 2}, current: 'handler'}}}});
		expect(currentStep(state)!.id).toBe('handler');
		expect(state.progress.labs['lab-a']!.hints['handler']).toBe(2);
	});
});

describe('workbook flow (issue 12)', () => {
	it('reopening a lab lands on the next open step, not on a step that passed since', () => {
		const saved = {version: 1 as const, labs: {'lab-a': {passed: ['component', 'handler'], hints: {}, current: 'component'}}};
		expect(currentStep(initialState({labs, lab: 'lab-a', now: 0, progress: saved}))!.id).toBe('dockerfile');
		// Saved on step 1, which passes by the first check (fixed while the workbook was closed): on to step 2.
		const older = {version: 1 as const, labs: {'lab-a': {passed: [], hints: {}, current: 'component'}}};
		const state = reduce(initialState({labs, lab: 'lab-a', now: 0, progress: older}), {type: 'check-finished', result: resultFor(labs, {'lab-a': [finding('input-binding/route-mismatch', 'app.py', 13)]})});
		expect(currentStep(state)!.id).toBe('handler');
		expect(state.flash).toBeNull();
	});

	it('drops a "✔ Step N passed" flash when a step of the lab stops passing', () => {
		let state = fold(initialState({labs, lab: 'lab-a', now: 0}), {type: 'check-finished', result: resultFor(labs, starterFindings())});
		state = reduce(state, {type: 'check-finished', result: resultFor(labs, {'lab-a': starterFindings()['lab-a'].slice(1)})});
		expect(state.flash).toMatch(/^✔ Step 1 passed/);
		state = reduce(state, {type: 'check-finished', result: resultFor(labs, starterFindings())});
		expect(state.flash).toBeNull();
	});

	it('r runs only once every static step passes, and says which one does not', () => {
		let state = fold(initialState({labs, lab: 'lab-a', now: 0}), {type: 'check-finished', result: resultFor(labs, {'lab-a': [finding('lab/missing-file', 'Dockerfile')]})});
		const intent = keyIntent(state, 'r', {});
		expect(intent.kind).toBe('action');
		state = reduce(state, (intent as {action: Action}).action);
		expect(state.flash).toBe('Every static check must pass before r runs the lab: step 3 (Write the Dockerfile) does not pass yet.');
		expect(keyIntent(initialState({labs, lab: 'lab-a', now: 0}), 'r', {}).kind).toBe('action'); // before the first check
		state = reduce(state, {type: 'check-finished', result: resultFor(labs, {})});
		expect(keyIntent(state, 'r', {})).toEqual({kind: 'run'});
	});

	it('step text follows the run: no "Stop the app with Ctrl+C" once the run stopped it', () => {
		let state = fold(initialState({labs, lab: 'lab-a', now: 0}), {type: 'check-finished', result: resultFor(labs, {})});
		const triggers = labA.steps.find((s) => s.id === 'triggers')!;
		expect(instructionsFor(state, labA, triggers)).toContain('Stop the app with Ctrl+C');
		state = fold(state, {type: 'run-started', lab: 'lab-a'});
		expect(instructionsFor(state, labA, triggers)).toContain('stops the app itself when it has its verdict');
		state = reduce(state, {type: 'run-event', event: {type: 'result', lab: 'lab-a', status: 'pass', findings: [], logFile: null}});
		expect(instructionsFor(state, labA, triggers)).not.toContain('Stop the app with Ctrl+C');
		expect(instructionsFor(state, labA, triggers)).toContain('has stopped the app');
	});
});

describe('run panel state (issue 12)', () => {
	const started = () => reduce(initialState({labs, lab: 'lab-a', now: 0}), {type: 'run-started', lab: 'lab-a'});
	it('never moves the status line back: a late "waiting for the app" after verifying and triggers stays hidden', () => {
		let state = fold(
			started(),
			{type: 'run-event', event: {type: 'phase', phase: 'verifying', message: 'The app is listening; watching for the expected events.'}},
			{type: 'run-event', event: {type: 'phase', phase: 'waiting', message: 'Dapr is up; waiting for the app.'}},
		);
		expect(state.run!.phase).toBe('The app is listening; watching for the expected events.');
		state = fold(state, {type: 'run-event', event: {type: 'trigger', index: 2, at: '2026-01-01T00:01:00.000Z'}});
		expect(state.run!.phase).toMatch(/Trigger 2 arrived/);
		state = reduce(state, {type: 'run-event', event: {type: 'phase', phase: 'stopping', message: 'Stopping dapr, daprd and the app.'}});
		expect(state.run!.phase).toBe('Stopping dapr, daprd and the app.');
	});

	it('spends no tail line on blank lines', () => {
		const line = (text: string): RunEvent => ({type: 'line', line: {source: 'app', level: null, text, event: null}});
		const state = fold(started(), {type: 'run-event', event: line('one')}, {type: 'run-event', event: line('')}, {type: 'run-event', event: line('   \t')}, {type: 'run-event', event: line('two\n\nthree  ')});
		expect(state.run!.lines).toEqual(['one', 'two', 'three']);
	});

	it('a not-ready run says why and what to do, from the result it carries', () => {
		const why = finding('env/redis-down', 'components/pubsub.yaml', 1, {message: 'Redis does not answer on localhost:6379.', hint: 'Start it: `redis-server --daemonize yes`.'});
		const state = reduce(started(), {type: 'run-event', event: {type: 'result', lab: 'lab-a', status: 'not-ready', findings: [why], logFile: null}});
		expect(runHeadline(state.run!)).toEqual({text: '✖ Not ready to run: Redis does not answer on localhost:6379.', fix: 'Start it: `redis-server --daemonize yes`.'});
		const bare = reduce(started(), {type: 'run-event', event: {type: 'result', lab: 'lab-a', status: 'not-ready', findings: [], logFile: null}});
		expect(runHeadline(bare.run!).text).toBe('✖ Not ready to run.');
		expect(runHeadline(bare.run!).fix).toMatch(/dapr-labs doctor/);
	});
});

describe('keys', () => {
	const state = initialState({labs: [], now: 0});
	it('maps keys to intents', () => {
		expect(keyIntent(state, 'q', {})).toEqual({kind: 'quit'});
		expect(keyIntent(state, 'c', {ctrl: true})).toEqual({kind: 'quit'});
		expect(keyIntent(state, 'j', {})).toEqual({kind: 'action', action: {type: 'move', delta: 1}});
		expect(keyIntent(state, '', {upArrow: true})).toEqual({kind: 'action', action: {type: 'move', delta: -1}});
		expect(keyIntent(state, '', {escape: true})).toEqual({kind: 'action', action: {type: 'back'}});
		expect(keyIntent(state, '?', {})).toEqual({kind: 'action', action: {type: 'open', screen: 'help'}});
		expect(keyIntent(state, 'r', {})).toEqual({kind: 'none'});
		const onStep = {...state, screens: [{kind: 'labs'}, {kind: 'step'}] as SessionState['screens']};
		expect(keyIntent(onStep, 'r', {})).toEqual({kind: 'run'});
		expect(keyIntent(onStep, 'h', {})).toEqual({kind: 'action', action: {type: 'hint'}});
		const onQuiz = {...state, screens: [{kind: 'labs'}, {kind: 'quiz'}] as SessionState['screens']};
		expect(keyIntent(onQuiz, 'p', {})).toEqual({kind: 'action', action: {type: 'quiz-answer', answer: 'pubsub'}});
	});
});

describe('plain text', () => {
	it('prints labs with progress, the current step, the checklist with file:line and the hint', () => {
		const state = fold(initialState({labs, now: 0}), {type: 'check-finished', result: resultFor(labs, starterFindings())});
		const text = formatPlain(state);
		expect(text).toMatch(/lab-a +Lab A: Cron input binding \(0\/5 steps/);
		expect(text).toContain('Step 1/5: Create the cron component');
		expect(text).toContain('components/cron-binding.yaml:11:1 Problem from cron/five-field. (cron/five-field)');
		expect(text).toContain('→ Write @every 30s.');
		expect(text).toContain('1. ' + labA.steps[0]!.hints[0]);
		expect(text).not.toContain('app.py:13');
	});
});
