/**
 * Glue between the workbook and a room: if the lab folder has joined one, derive events from the session's state
 * changes (core/room/from-session.ts) and queue them; the sender posts them in the background.
 */
import {roomEventsBetween} from '../../core/room/from-session.js';
import type {SessionState} from '../../core/session/state.js';
import {enqueue, readMembership, startSharing} from './queue.js';

export type WorkbookSharing = {readonly label: string; readonly onState: (state: SessionState) => void; stop(): Promise<void>};

/** Sharing for the workbook in `labDir`, or null when the folder has joined no room. */
export async function openWorkbookSharing(labDir: string): Promise<WorkbookSharing | null> {
	const membership = await readMembership(labDir);
	if (!membership) return null;
	const sharing = startSharing(labDir, membership);
	let previous: SessionState | null = null;
	return {
		label: `Sharing your progress with the room at ${membership.url} as "${membership.name}" (\`dapr-labs join --leave\` stops it).`,
		onState(state) {
			if (previous && previous.check === state.check && previous.progress === state.progress && previous.run === state.run && previous.labIndex === state.labIndex && previous.stepIndex === state.stepIndex) return;
			const events = roomEventsBetween(previous, state);
			previous = state;
			sharing.share(events);
		},
		stop: () => sharing.stop(),
	};
}

/** Queues a catch-up event when the folder shares with a room (no network here). */
export async function shareCatchUp(labDir: string, lab: string, step: string): Promise<void> {
	const membership = await readMembership(labDir);
	if (membership) await enqueue(labDir, membership, [{kind: 'catch-up', lab, step}]).catch(() => undefined);
}
