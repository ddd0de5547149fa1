/** UI test helpers: render the real App with injected effects and wait for frames. */
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import type {CheckResult} from '../../src/core/result.js';
import type {SessionState} from '../../src/core/session/state.js';
import {App} from '../../src/ui/app.js';
import type {SessionDeps} from '../../src/ui/use-session.js';

/** Polls until `predicate` holds on the last frame (no wall-clock assertions; a generous cap). */
export async function waitForFrame(instance: {lastFrame: () => string | undefined}, predicate: (frame: string) => boolean, what = 'frame'): Promise<string> {
	for (let i = 0; i < 400; i++) {
		const frame = instance.lastFrame() ?? '';
		if (predicate(frame)) return frame;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`Timed out waiting for ${what}. Last frame:\n${instance.lastFrame()}`);
}

/** Lets React and Ink process a key. */
export async function press(instance: {stdin: {write: (data: string) => void}}, ...keys: string[]): Promise<void> {
	for (const key of keys) {
		instance.stdin.write(key);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

export const KEY = {up: '\u001b[A', down: '\u001b[B', enter: '\r', escape: '\u001b', backspace: '\u007f', ctrlC: '\u0003'} as const;

/** A check service whose verdict the test swaps; `watchChange` simulates a save. */
export function fakeEffects(first: CheckResult) {
	let current = first;
	let onChange: (() => void) | null = null;
	const signals: AbortSignal[] = [];
	let quitCalls = 0;
	const deps: SessionDeps = {
		check: async () => current,
		watch: (change, signal) => {
			onChange = change;
			signals.push(signal);
			return {closed: new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), {once: true}))};
		},
		onQuit: () => void quitCalls++,
	};
	return {
		deps,
		signals,
		quitCalls: () => quitCalls,
		save(next: CheckResult) {
			current = next;
			onChange?.();
		},
	};
}

/** Renders the App at a given size. */
export function renderApp(initial: SessionState, deps: SessionDeps, options: {columns?: number; rows?: number; color?: boolean} = {}) {
	return render(<App initial={initial} deps={deps} color={options.color ?? false} columns={options.columns ?? 80} rows={options.rows ?? 24} />);
}

/** The widest line of a frame, in terminal columns. */
export function widest(frame: string): number {
	return Math.max(0, ...frame.split('\n').map((line) => stringWidth(line)));
}
