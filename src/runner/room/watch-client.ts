/** Reads a room's grid for `room watch` (the instructor token in the Authorization header). */
import type {RoomView} from '../../core/room/grid.js';

export async function fetchGrid(base: string, token: string, timeoutMs = 5000): Promise<RoomView> {
	const response = await fetch(`${base}/api/grid`, {headers: {authorization: `Bearer ${token}`}, signal: AbortSignal.timeout(timeoutMs)});
	if (response.status === 401) throw new Error('The room does not accept this instructor token.');
	if (!response.ok) throw new Error(`The room answered ${response.status}.`);
	const view = (await response.json()) as RoomView;
	if (!view || !Array.isArray(view.rows) || !Array.isArray(view.columns)) throw new Error('The room sent no grid.');
	return view;
}
