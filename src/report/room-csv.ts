/**
 * The room grid as CSV for a spreadsheet: one row per student, per step its status and minutes spent. Names are
 * student text: cleaned and defused by csvCell (control sequences stripped, formula starts quoted).
 */
import type {RoomView} from '../core/room/grid.js';
import {csvCell} from './csv.js';

export function formatRoomCsv(view: RoomView): string {
	const header = ['student', 'name', 'lab', 'step', 'stuck on', 'stuck minutes', 'hints', 'catch-ups', ...view.columns.flatMap((column) => [`${column.lab}/${column.step}`, `${column.lab}/${column.step} minutes`])];
	const rows: (string | number)[][] = [header];
	for (const row of view.rows) {
		rows.push([
			row.student,
			row.name,
			row.lab ?? '',
			row.step ?? '',
			row.stuck?.rule ?? '',
			row.stuck ? Math.floor(row.stuck.ms / 60_000) : '',
			row.hints,
			row.catchUps,
			...row.cells.flatMap((cell): (string | number)[] => (cell ? [cell.status, Math.round(cell.ms / 6000) / 10] : ['', ''])),
		]);
	}
	return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
