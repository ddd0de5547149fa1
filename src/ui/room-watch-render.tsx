/** Draws `room watch` until q. */
import {render} from 'ink';
import type {RoomView} from '../core/room/grid.js';
import {RoomWatch} from './room-watch.js';

export async function renderRoomWatch(options: {readonly load: () => Promise<RoomView>; readonly intervalMs: number; readonly base: string; readonly color: boolean}): Promise<void> {
	const instance = render(<RoomWatch load={options.load} intervalMs={options.intervalMs} base={options.base} width={process.stdout.columns ?? 80} />);
	await instance.waitUntilExit();
}
