import {cleanup} from 'ink-testing-library';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {LabDef} from '../../src/core/labs.js';
import type {RunEvent} from '../../src/core/run-events.js';
import {initialState} from '../../src/core/session/reducer.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {loadQuiz} from '../../src/runner/quiz-loader.js';
import {loadSolutions} from '../../src/runner/workspace-writer.js';
import type {QuizQuestion, SessionState} from '../../src/core/session/state.js';
import {finding, resultFor} from '../core/session/helpers.js';
import {fakeEffects, KEY, press, renderApp, waitForFrame} from './helpers.js';

let labs: readonly LabDef[];
let quiz: readonly QuizQuestion[];
let solutions: SessionState['solutions'];
beforeAll(async () => {
	labs = await loadLabs();
	quiz = await loadQuiz();
	solutions = await loadSolutions(labs);
});
afterEach(() => cleanup());

const broken = () =>
	resultFor(labs, {
		'lab-a': [
			finding('cron/five-field', 'components/cron-binding.yaml', 11, {message: 'Schedule has 5 fields.', hint: 'Write `value: "@every 30s"`.'}),
			finding('input-binding/route-mismatch', 'app.py', 13, {message: 'Route "/cleanup_cron" is not "/cleanup-cron".', hint: 'Write @app.post("/cleanup-cron").'}),
		],
	});

function start(options: {lab?: 'lab-a' | 'lab-b' | 'combined'} = {}) {
	return initialState({labs, quiz, solutions, now: 0, ...(options.lab ? {lab: options.lab} : {})});
}

describe('lab list', () => {
	it('shows every lab with its progress and opens the highlighted one', async () => {
		const effects = fakeEffects(broken());
		const app = renderApp(start(), effects.deps);
		let frame = await waitForFrame(app, (f) => f.includes('0/5 steps · 40/100') || f.includes('points'), 'progress');
		for (const lab of labs) expect(frame).toContain(lab.title);
		expect(frame).toMatch(/❯ Lab A/);
		await press(app, 'j');
		frame = await waitForFrame(app, (f) => /❯ Lab B/.test(f));
		expect(frame).toContain(labs[1]!.summary.slice(0, 30));
		await press(app, KEY.up, KEY.enter);
		frame = await waitForFrame(app, (f) => f.includes('1. Create the cron component'));
		expect(frame).toContain('step 1/5');
	});
});

describe('step screen', () => {
	it('shows the instructions and the live checklist with file:line and hint', async () => {
		const effects = fakeEffects(broken());
		const app = renderApp(start({lab: 'lab-a'}), effects.deps);
		const frame = await waitForFrame(app, (f) => f.includes('problem to fix'));
		expect(frame).toContain('components/cron-binding.yaml:11 Schedule has 5 fields. (cron/five-field)');
		expect(frame).toContain('→ Write `value: "@every 30s"`.');
		expect(frame).not.toContain('app.py:13');
		expect(frame).toContain('Create `components/cron-binding.yaml`');
	});

	it('strips control sequences from student-controlled finding text', async () => {
		const evil = resultFor(labs, {'lab-a': [finding('yaml/syntax', 'components/\u001b]0;x\u0007a.yaml', 3, {message: 'Bad \u001b[31mred\u001b[0m thing.', hint: 'Fix \u001b[2J it.'})]});
		const app = renderApp(start({lab: 'lab-a'}), fakeEffects(evil).deps);
		const frame = await waitForFrame(app, (f) => f.includes('problem to fix'));
		expect(frame).toContain('components/a.yaml:3 Bad red thing. (yaml/syntax)');
		expect(frame).toContain('→ Fix it.');
		expect(frame).not.toMatch(/\u001b/);
	});

	it('takes every press of a chunk: "jj" (key repeat, fast typing over SSH) moves two steps', async () => {
		const app = renderApp(start({lab: 'lab-a'}), fakeEffects(broken()).deps);
		await waitForFrame(app, (f) => f.includes('1. Create the cron component') && f.includes('problem'));
		app.stdin.write('jj');
		await waitForFrame(app, (f) => f.includes('3. Write the Dockerfile'), 'step 3 after jj');
		app.stdin.write('jjk');
		await waitForFrame(app, (f) => f.includes('4. '), 'step 4 after jjk');
	});

	it('moves between steps with j/k and the arrows', async () => {
		const app = renderApp(start({lab: 'lab-a'}), fakeEffects(broken()).deps);
		await waitForFrame(app, (f) => f.includes('1. Create the cron component') && f.includes('problem'));
		await press(app, 'j');
		let frame = await waitForFrame(app, (f) => f.includes('2. Write the POST handler'));
		expect(frame).toContain('app.py:13 Route "/cleanup_cron" is not "/cleanup-cron".');
		await press(app, KEY.down);
		frame = await waitForFrame(app, (f) => f.includes('3. Write the Dockerfile'));
		await press(app, 'k', KEY.up);
		await waitForFrame(app, (f) => f.includes('1. Create the cron component'));
	});

	it('h reveals hints in order; s stays locked until the last hint, then shows the reference file', async () => {
		const app = renderApp(start({lab: 'lab-a'}), fakeEffects(broken()).deps);
		await waitForFrame(app, (f) => f.includes('problem to fix'));
		await press(app, 's');
		await waitForFrame(app, (f) => f.includes('The solution opens after the step passes or after all 3 hints'));
		const step = labs[0]!.steps[0]!;
		await press(app, 'h');
		let frame = await waitForFrame(app, (f) => f.includes('Hint 1:'));
		expect(frame).not.toContain('Hint 2:');
		await press(app, 'h', 'h');
		frame = await waitForFrame(app, (f) => f.includes('Hint 3:'));
		expect(frame).toContain('hints (all shown)');
		expect(step.hints).toHaveLength(3);
		await press(app, 's');
		frame = await waitForFrame(app, (f) => f.includes('Solution: Create the cron component'));
		expect(frame).toContain('components/cron-binding.yaml');
		expect(frame).toContain('name: cleanup-cron');
		await press(app, KEY.escape);
		await waitForFrame(app, (f) => f.includes('1. Create the cron component'));
	});

	it('re-checks on a save and moves on when the step passes', async () => {
		const effects = fakeEffects(broken());
		const app = renderApp(start({lab: 'lab-a'}), effects.deps);
		await waitForFrame(app, (f) => f.includes('problem to fix'));
		effects.save(resultFor(labs, {'lab-a': [finding('input-binding/route-mismatch', 'app.py', 13)]}));
		const frame = await waitForFrame(app, (f) => f.includes('✔ Step 1 passed'));
		expect(frame).toContain('2. Write the POST handler');
		expect(frame).toMatch(/✔1/);
	});

	it('r runs the lab: spinner, countdown, triggers, log tail without control sequences, verdict', async () => {
		const effects = fakeEffects(resultFor(labs, {}));
		let release: () => void = () => undefined;
		const gate = new Promise<void>((resolve) => (release = resolve));
		let cleaned = false;
		async function* run(_lab: string, signal: AbortSignal): AsyncGenerator<RunEvent> {
			try {
				yield {type: 'phase', phase: 'starting', message: 'Starting daprd and the app'};
				yield {type: 'line', line: {source: 'app', level: null, text: '\u001b[2J\u001b[31mCRON TRIGGERED\u001b[0m at 12:00', event: null}};
				yield {type: 'trigger', index: 1, at: '2026-01-01T12:00:30.000Z'};
				yield {type: 'expect', what: 'Trigger 2', at: new Date(Date.now() + 30_000).toISOString(), deadline: new Date(Date.now() + 40_000).toISOString()};
				await Promise.race([gate, new Promise((resolve) => signal.addEventListener('abort', resolve, {once: true}))]);
				if (signal.aborted) return;
				yield {type: 'result', lab: 'lab-a', status: 'pass', findings: [], logFile: '.dapr-labs/logs/run.log'};
			} finally {
				cleaned = true;
			}
		}
		const app = renderApp(start({lab: 'lab-a'}), {...effects.deps, run, now: () => Date.now()});
		await waitForFrame(app, (f) => f.includes('4. Build and run with Dapr'));
		await press(app, 'r');
		let frame = await waitForFrame(app, (f) => f.includes('✔ 1 trigger, last at 12:00:30') && f.includes('Trigger 2:'));
		// A trigger moves the status line on (the phase before it is stale).
		expect(frame).toContain('Trigger 1 arrived');
		expect(frame).toContain('│ CRON TRIGGERED at 12:00');
		expect(frame).not.toContain('\u001b[2J');
		expect(frame).toMatch(/Trigger 2: in \d+s \(missing after \d+s\)/);
		release();
		frame = await waitForFrame(app, (f) => f.includes('✔ Step 4 passed'));
		expect(frame).toContain('5. Watch the triggers');
		expect(cleaned).toBe(true);
	});

	it('q aborts the watcher and a live run, waits for their cleanup, then quits', async () => {
		const effects = fakeEffects(resultFor(labs, {}));
		let cleanedAt = -1;
		let quitAt = -1;
		let clock = 0;
		async function* run(_lab: string, signal: AbortSignal): AsyncGenerator<RunEvent> {
			try {
				yield {type: 'phase', phase: 'starting', message: 'Starting'};
				await new Promise((resolve) => signal.addEventListener('abort', resolve, {once: true}));
				// Cleanup that takes a while, as stopping dapr does.
				await new Promise((resolve) => setTimeout(resolve, 50));
			} finally {
				cleanedAt = ++clock;
			}
		}
		const app = renderApp(start({lab: 'lab-a'}), {...effects.deps, run, onQuit: () => void (quitAt = ++clock)});
		await waitForFrame(app, (f) => f.includes('4. Build and run'));
		await press(app, 'r');
		await waitForFrame(app, (f) => f.includes('Starting'));
		await press(app, 'q');
		await waitForFrame(app, (f) => f.includes('Stopping'));
		for (let i = 0; i < 200 && quitAt < 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
		expect(effects.signals[0]!.aborted).toBe(true);
		expect(cleanedAt).toBeGreaterThan(0);
		expect(quitAt).toBeGreaterThan(cleanedAt);
	});

	it('an outside stop (SIGTERM, SIGHUP) quits the same way', async () => {
		const effects = fakeEffects(resultFor(labs, {}));
		const stop = new AbortController();
		const app = renderApp(start(), {...effects.deps, stop: stop.signal});
		await waitForFrame(app, (f) => f.includes('Lab A'));
		expect(effects.quitCalls()).toBe(0);
		stop.abort();
		for (let i = 0; i < 200 && effects.quitCalls() === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
		expect(effects.quitCalls()).toBe(1);
		expect(effects.signals[0]!.aborted).toBe(true);
	});

	it('ctrl-c quits too', async () => {
		const effects = fakeEffects(resultFor(labs, {}));
		const app = renderApp(start(), effects.deps);
		await waitForFrame(app, (f) => f.includes('Lab A'));
		await press(app, KEY.ctrlC);
		for (let i = 0; i < 200 && effects.quitCalls() === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
		expect(effects.quitCalls()).toBe(1);
	});
});

describe('reference screens', () => {
	it('? shows the key table and real Dapr notes; esc goes back', async () => {
		const app = renderApp(start({lab: 'lab-a'}), fakeEffects(broken()).deps, {rows: 40});
		await waitForFrame(app, (f) => f.includes('problem'));
		await press(app, '?');
		const frame = await waitForFrame(app, (f) => f.includes('Help'));
		for (const key of ['h', 's', 'r', 'c', 'o', 't', 'b', 'q / ctrl-c']) expect(frame).toContain(key);
		expect(frame).toContain('What real Dapr does');
		await press(app, KEY.backspace);
		await waitForFrame(app, (f) => f.includes('1. Create the cron component'));
	});

	it('c shows the cron reference from the engine and scrolls', async () => {
		const app = renderApp(start(), fakeEffects(broken()).deps);
		await waitForFrame(app, (f) => f.includes('Lab A'));
		await press(app, 'c');
		let frame = await waitForFrame(app, (f) => f.includes('Cron schedules as Dapr reads them'));
		expect(frame).toContain('@every 30s');
		expect(frame).toContain('every 30 seconds');
		expect(frame).toContain('more (j, space)');
		await press(app, ' ', ' ', ' ');
		frame = await waitForFrame(app, (f) => f.includes('0 0 0 * * 7'));
		expect(frame).toContain('end of range (7) above maximum (6)');
	});

	it('o shows operations by binding; t shows troubleshooting', async () => {
		const app = renderApp(start(), fakeEffects(broken()).deps);
		await waitForFrame(app, (f) => f.includes('Lab A'));
		await press(app, 'o');
		let frame = await waitForFrame(app, (f) => f.includes('Output operations by binding'));
		expect(frame).toMatch(/bindings\.http output\n\s+create, get, head, post/);
		expect(frame).toContain('no operations: input only');
		await press(app, KEY.escape, 't');
		frame = await waitForFrame(app, (f) => f.includes('Troubleshooting'));
		expect(frame).toContain('Symptom:');
	});

	it('b opens the quiz; b/p answer, enter moves on, the score counts', async () => {
		const app = renderApp(start(), fakeEffects(broken()).deps);
		await waitForFrame(app, (f) => f.includes('Lab A'));
		await press(app, 'b');
		let frame = await waitForFrame(app, (f) => f.includes('Quiz: binding or pub/sub?'));
		expect(frame).toContain(quiz[0]!.need);
		await press(app, quiz[0]!.answer === 'binding' ? 'b' : 'p');
		frame = await waitForFrame(app, (f) => f.includes('✔ Right.'));
		expect(frame).toContain(quiz[0]!.componentType);
		await press(app, KEY.enter);
		frame = await waitForFrame(app, (f) => f.includes(quiz[1]!.need));
		await press(app, quiz[1]!.answer === 'binding' ? 'p' : 'b');
		frame = await waitForFrame(app, (f) => f.includes('✖ Not quite'));
		expect(frame).toContain(`score 1/2`);
	});
});
