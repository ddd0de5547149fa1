// Colour support is decided when chalk loads, so force it before Ink is imported: then the test can tell that
// colour=true draws colour and colour=false (NO_COLOR) draws none.
import {afterEach, beforeAll, describe, expect, it} from 'vitest';

process.env['FORCE_COLOR'] = '1';

describe('NO_COLOR', () => {
	let mod: typeof import('./helpers.js');
	let state: import('../../src/core/session/state.js').SessionState;
	let result: import('../../src/core/result.js').CheckResult;
	beforeAll(async () => {
		mod = await import('./helpers.js');
		const {loadLabs} = await import('../../src/runner/labs-loader.js');
		const {initialState} = await import('../../src/core/session/reducer.js');
		const {finding, resultFor} = await import('../core/session/helpers.js');
		const labs = await loadLabs();
		state = initialState({labs, now: 0, lab: 'lab-a'});
		result = resultFor(labs, {'lab-a': [finding('cron/five-field', 'components/cron-binding.yaml', 11, {hint: 'Use `@every 30s`.'})]});
	});
	afterEach(async () => (await import('ink-testing-library')).cleanup());

	const COLOR = /\u001b\[(?:3[0-7]|9[0-7]|38;|39)/;

	it('draws colour when colour is on', async () => {
		const app = mod.renderApp(state, mod.fakeEffects(result).deps, {color: true});
		const frame = await mod.waitForFrame(app, (f) => f.includes('problem to fix'));
		expect(frame).toMatch(COLOR);
	});

	it('draws no colour when NO_COLOR is set (colour off)', async () => {
		const app = mod.renderApp(state, mod.fakeEffects(result).deps, {color: false});
		const frame = await mod.waitForFrame(app, (f) => f.includes('problem to fix'));
		expect(frame).not.toMatch(COLOR);
		// Code spans keep their backticks when they cannot be coloured.
		expect(frame).toContain('`components/cron-binding.yaml`');
	});
});
