import {cleanup} from 'ink-testing-library';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {LabDef} from '../../src/core/labs.js';
import {initialState, reduce} from '../../src/core/session/reducer.js';
import type {QuizQuestion, ScreenKind, SessionState} from '../../src/core/session/state.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {loadQuiz} from '../../src/runner/quiz-loader.js';
import {loadSolutions} from '../../src/runner/workspace-writer.js';
import {finding, resultFor} from '../core/session/helpers.js';
import {fakeEffects, renderApp, waitForFrame, widest} from './helpers.js';

let labs: readonly LabDef[];
let quiz: readonly QuizQuestion[];
let solutions: SessionState['solutions'];
beforeAll(async () => {
	labs = await loadLabs();
	quiz = await loadQuiz();
	solutions = await loadSolutions(labs);
});
afterEach(() => cleanup());

const longMessage = 'Schedule "*/30 * * * *" has 5 fields, so Dapr reads it as standard crontab (minute hour day month weekday) firing at second 0.';

function stateOn(screen: ScreenKind, lab: 'lab-a' | 'lab-b' | 'combined' = 'lab-a'): SessionState {
	let state = initialState({labs, quiz, solutions, now: 0, lab, progress: {version: 1, labs: {[lab]: {passed: [], hints: {component: 3, components: 3, handler: 3}}}}});
	if (screen === 'step') return state;
	state = reduce(state, {type: 'open', screen});
	return state;
}

const SIZES = [
	{columns: 80, rows: 24},
	{columns: 60, rows: 24},
	{columns: 40, rows: 20},
];

describe('layout', () => {
	for (const size of SIZES) {
		for (const screen of ['labs', 'step', 'solution', 'help', 'cron', 'operations', 'troubleshooting', 'quiz'] as const) {
			it(`${screen} fits ${size.columns}x${size.rows} without lines wider than the terminal`, async () => {
				const result = resultFor(labs, {'lab-a': [finding('cron/five-field', 'components/cron-binding.yaml', 11, {message: longMessage, hint: 'For every 30 seconds write `value: "@every 30s"` (or the 6-field `"*/30 * * * * *"`).'})]});
				let checked = false;
				const app = renderApp(stateOn(screen), {...fakeEffects(result).deps, onChecked: () => void (checked = true)}, size);
				await waitForFrame(app, (f) => f.length > 0 && checked, 'the first verdict');
				await new Promise((resolve) => setTimeout(resolve, 50)); // its frame
				const frame = app.lastFrame() ?? '';
				expect(widest(frame)).toBeLessThanOrEqual(size.columns);
				// The screens that size themselves stay within the height; the step screen with everything open too.
				expect(frame.split('\n').length, frame).toBeLessThan(size.rows);
			});
		}
	}

	it('the step screen with a live run and a long checklist still fits 60x24', async () => {
		// The static steps pass (r runs only then); the run reports six problems on the runtime step's checklist.
		const many = Array.from({length: 6}, (_, i) => finding('run/cron-not-triggered', 'components/cron-binding.yaml', i + 1, {message: longMessage, hint: 'Add it.'}));
		const onRun = initialState({labs, quiz, solutions, now: 0, lab: 'lab-a', progress: {version: 1, labs: {'lab-a': {passed: [], hints: {}, current: 'run'}}}});
		const app = renderApp(onRun, {...fakeEffects(resultFor(labs, {})).deps, run: async function* () {
			yield {type: 'phase', phase: 'starting', message: 'Starting daprd'} as const;
			for (const f of many) yield {type: 'finding', finding: f} as const;
			for (let i = 0; i < 30; i++) yield {type: 'line', line: {source: 'daprd', level: 'info', text: `time="2026" level=info msg="a long daprd log line number ${i} that goes past the width of the terminal for sure"`, event: null}} as const;
			await new Promise(() => undefined);
		}}, {columns: 60, rows: 24});
		let frame = await waitForFrame(app, (f) => f.includes('4. Build and run') && f.includes('  r run  '));
		app.stdin.write('r');
		frame = await waitForFrame(app, (f) => (f.match(/│ time=/g) ?? []).length === 2 && f.includes('✖ 6 problems'));
		expect(widest(frame)).toBeLessThanOrEqual(60);
		expect(frame.split('\n').length, frame).toBeLessThan(24);
		expect(frame).toMatch(/…and 5 more: space pages to 3, `dapr-labs check` lists all\./);
		expect(frame).toContain('Starting daprd');
	});

	it('no wrapped line starts with a stray space (help and step screens, 60 and 80 columns)', async () => {
		for (const columns of [60, 80]) {
			for (const screen of ['help', 'step'] as const) {
				let checked = false;
				const result = resultFor(labs, {'lab-a': [finding('cron/five-field', 'components/cron-binding.yaml', 11, {message: longMessage, hint: 'For every 30 seconds write `value: "@every 30s"` (or the 6-field `"*/30 * * * * *"`).'})]});
				const app = renderApp(stateOn(screen), {...fakeEffects(result).deps, onChecked: () => void (checked = true)}, {columns, rows: 40});
				await waitForFrame(app, (f) => f.length > 0 && checked, 'the first verdict');
				await new Promise((resolve) => setTimeout(resolve, 50));
				// Deliberate indents are two spaces (a fix under its problem, a note's hanging indent); a wrap leaves one.
				for (const line of (app.lastFrame() ?? '').split('\n')) if (line.startsWith(' ')) expect(line, `${screen} at ${columns}`).toMatch(/^ {2}\S/);
				app.unmount();
			}
		}
	});
});
