/**
 * The room grid as terminal text (`room watch --once`, and the lines the Ink view draws). Student text is stripped
 * of control sequences (core/text.ts) again here, whatever the server sent.
 */
import {formatDuration, type RoomView} from '../core/room/grid.js';
import {stripControl} from '../core/text.js';

const MARK = {pass: '✔', fail: '✘', todo: '·'} as const;

/** One student's cells: a mark per step, lab groups separated by a space. */
export function gridCells(view: RoomView, cells: RoomView['rows'][number]['cells']): string {
	let out = '';
	cells.forEach((cell, index) => {
		if (index > 0 && view.columns[index]!.lab !== view.columns[index - 1]!.lab) out += ' ';
		out += cell ? MARK[cell.status] : ' ';
	});
	return out;
}

export function safe(text: string, width: number): string {
	const clean = stripControl(text).replace(/\s+/g, ' ');
	const chars = [...clean];
	return chars.length > width ? chars.slice(0, width - 1).join('') + '…' : clean.padEnd(width);
}

/** The header: labs over their columns. */
export function gridHeader(view: RoomView): string {
	let out = '';
	view.columns.forEach((column, index) => {
		if (index > 0 && column.lab !== view.columns[index - 1]!.lab) out += ' ';
		const first = view.columns.findIndex((candidate) => candidate.lab === column.lab);
		out += String(index - first + 1).slice(-1);
	});
	return out;
}

export type RoomLine = {readonly text: string; readonly tone: 'normal' | 'stuck' | 'left' | 'dim' | 'title'};

/** The grid, the top failing rules and the totals as lines. */
export function roomLines(view: RoomView, width: number): RoomLine[] {
	const nameWidth = 20;
	const lines: RoomLine[] = [];
	lines.push({text: `${view.totals.students} students · ${view.totals.stuck} stuck · ${view.totals.events} events`, tone: 'title'});
	const labs = [...new Set(view.columns.map((column) => column.lab))].join(' | ');
	lines.push({text: `${''.padEnd(nameWidth)} ${gridHeader(view)}   (${labs})`, tone: 'dim'});
	for (const row of view.rows) {
		const where = row.lab && row.step ? `${row.lab}/${row.step}` : '';
		const stuck = row.stuck ? ` STUCK ${row.stuck.rule} ${formatDuration(row.stuck.ms)}` : '';
		const text = `${safe(row.name, nameWidth)} ${gridCells(view, row.cells)}  ${safe(where + stuck, Math.max(10, width - nameWidth - view.columns.length - 6)).trimEnd()}`;
		lines.push({text, tone: row.stuck ? 'stuck' : row.left ? 'left' : 'normal'});
	}
	if (view.top.length > 0) {
		lines.push({text: '', tone: 'normal'}, {text: 'Most frequent failing rules:', tone: 'title'});
		for (const rule of view.top) lines.push({text: safe(`${String(rule.count).padStart(3)}  ${rule.rule}${rule.title ? `: ${rule.title}` : ''}`, Math.max(20, width - 1)).trimEnd(), tone: 'normal'});
	}
	return lines;
}

export function formatRoomText(view: RoomView, options: {readonly width: number}): string {
	return roomLines(view, options.width).map((line) => line.text).join('\n') + '\n';
}
