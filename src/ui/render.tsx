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
	// A narrower terminal rewraps the old frame into more rows than Ink erases, leaving stale lines above the new
	// one: clear the screen first (this listener is added before Ink's, so Ink then draws onto a clean screen).
	const clearOnResize = () => process.stdout.write('\u001b[2J\u001b[H');
	process.stdout.on('resize', clearOnResize);
	const instance = render(<App initial={initial} deps={{...deps, onQuit: () => done()}} color={options.color} />, {exitOnCtrlC: false});
	await stopped;
	instance.unmount();
	await instance.waitUntilExit();
	process.stdout.off('resize', clearOnResize);
}
