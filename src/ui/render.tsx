/**
 * Entry for `start` on a TTY: draws the App with Ink and resolves once the student quit and everything the session
 * started has stopped. Loaded lazily by commands/start.ts so other commands never load Ink or React.
 */
import {render} from 'ink';
import type {SessionState} from '../core/session/state.js';
import {App} from './app.js';
import type {SessionDeps} from './use-session.js';

/** Renders the workbook until the student quits. */
export async function renderWorkbook(initial: SessionState, deps: SessionDeps, options: {readonly color: boolean}): Promise<void> {
	let done: () => void = () => undefined;
	const stopped = new Promise<void>((resolve) => (done = resolve));
	const instance = render(<App initial={initial} deps={{...deps, onQuit: () => done()}} color={options.color} />, {exitOnCtrlC: false});
	await stopped;
	instance.unmount();
	await instance.waitUntilExit();
}
