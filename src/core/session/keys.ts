/**
 * Key bindings: one pure function from a key press to what the session should do, so the Ink hook stays a thin
 * adapter and the help screen lists the same table the code uses.
 */
import type {Action} from './reducer.js';
import {currentLab, currentScreen, runBlocker} from './selectors.js';
import type {SessionState} from './state.js';

/** The key fields the workbook reads (a subset of Ink's Key). */
export type KeyPress = {
	readonly upArrow?: boolean;
	readonly downArrow?: boolean;
	readonly leftArrow?: boolean;
	readonly rightArrow?: boolean;
	readonly pageUp?: boolean;
	readonly pageDown?: boolean;
	readonly return?: boolean;
	readonly escape?: boolean;
	readonly backspace?: boolean;
	readonly delete?: boolean;
	readonly ctrl?: boolean;
};

/** A reducer action, or an effect the hook performs (the runner, quitting). */
export type Intent = {readonly kind: 'action'; readonly action: Action} | {readonly kind: 'run'} | {readonly kind: 'quit'} | {readonly kind: 'none'};

/** The key table, shown by the help screen. */
export const KEY_HELP: readonly {readonly keys: string; readonly what: string}[] = [
	{keys: '↑ ↓ / k j', what: 'Move (labs, steps, quiz answers); scroll long screens'},
	{keys: 'space / pgup pgdn', what: "Next page of a step's instructions (then the first again); scroll a long screen"},
	{keys: 'enter', what: 'Open the lab; answer / next question in the quiz'},
	{keys: 'h', what: 'Next hint for this step (a nudge first, the exact fix last)'},
	{keys: 's', what: 'Reference solution (after the step passes or after all hints)'},
	{keys: 'r', what: 'Run this lab under Dapr and check it live (once every static step passes)'},
	{keys: 'l', what: 'Lab list'},
	{keys: 'c', what: 'Cron schedule reference (how Dapr reads a schedule)'},
	{keys: 'o', what: 'Operations by binding (what invoke_binding accepts)'},
	{keys: 't', what: 'Troubleshooting: symptom → cause → fix'},
	{keys: 'b', what: 'Quiz: binding or pub/sub? (b / p to answer)'},
	{keys: '?', what: 'This help'},
	{keys: 'esc / backspace', what: 'Back'},
	{keys: 'q / ctrl-c', what: 'Quit (stops any run it started)'},
];

/**
 * The key presses in one input chunk. Ink hands a chunk of plain text over whole, so key repeat and fast typing
 * (over SSH several presses share a packet) arrive as "jj" or "jjjj": each character is a press. A longer chunk of
 * mixed characters is a paste, not typing, and presses nothing (a pasted command must not quit or start a run).
 */
export function splitKeys(input: string, key: KeyPress): readonly string[] {
	const chars = [...input];
	if (chars.length <= 1 || key.ctrl || key.escape || key.return || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown) return [input];
	if (chars.some((char) => char < ' ')) return [input];
	const repeat = chars.every((char) => char === chars[0]);
	if (repeat) return chars.slice(0, 50);
	return chars.length <= 4 ? chars : [];
}

function act(action: Action): Intent {
	return {kind: 'action', action};
}

/** Maps one key press to an intent, given the screen. */
export function keyIntent(state: SessionState, input: string, key: KeyPress): Intent {
	if ((key.ctrl && input === 'c') || input === 'q') return {kind: 'quit'};
	const screen = currentScreen(state).kind;
	if (key.escape || key.backspace || key.delete) return act({type: 'back'});
	if (screen === 'quiz' && (key.leftArrow || key.rightArrow)) return act({type: 'move', delta: key.leftArrow ? -1 : 1});
	if (key.upArrow || input === 'k') return act({type: 'move', delta: -1});
	if (key.downArrow || input === 'j') return act({type: 'move', delta: 1});
	// The step screen pages its instructions (one page a press, after the last the first again); the others
	// scroll their lists by five items.
	const page = screen === 'step' ? 1 : 5;
	if (key.pageUp) return act({type: 'scroll', delta: -page});
	if (key.pageDown || input === ' ') return act({type: 'scroll', delta: page});
	if (key.return) return act({type: 'enter'});
	if (screen === 'quiz' && (input === 'b' || input === 'p')) return act({type: 'quiz-answer', answer: input === 'b' ? 'binding' : 'pubsub'});
	switch (input) {
		case '?':
			return act({type: 'open', screen: 'help'});
		case 'l':
			return act({type: 'open', screen: 'labs'});
		case 'c':
			return act({type: 'open', screen: 'cron'});
		case 'o':
			return act({type: 'open', screen: 'operations'});
		case 't':
			return act({type: 'open', screen: 'troubleshooting'});
		case 'b':
			return act({type: 'open', screen: 'quiz'});
		case 'h':
			return screen === 'step' ? act({type: 'hint'}) : {kind: 'none'};
		case 's':
			return screen === 'step' ? act({type: 'solution'}) : {kind: 'none'};
		case 'r': {
			if (screen !== 'step') return {kind: 'none'};
			const lab = currentLab(state);
			const blocker = lab ? runBlocker(state, lab) : null;
			if (state.run?.status !== 'running' && blocker) {
				const why = state.check === null ? 'wait for the first check' : `step ${blocker.index + 1} (${blocker.step.title}) does not pass yet`;
				return act({type: 'flash', message: `Every static check must pass before r runs the lab: ${why}.`});
			}
			return {kind: 'run'};
		}
		default:
			return {kind: 'none'};
	}
}
