/**
 * The room's state is a fold of its events: the same events in the same order give the same grid, so the store
 * keeps only events and a restarted server (or a second server reading the same Redis stream) rebuilds the grid
 * by folding them again. `applyEvent` updates a room in place (500 students × thousands of events must fold in
 * milliseconds); `foldRoom` is the pure whole-log form. Times are the server's receive times (`received`), never
 * the student's clock.
 */
import {ruleById} from '../rules/index.js';
import {stripControl} from '../text.js';
import {ROOM_LIMITS, type RoomEvent, type RoomFinding, type StepStatus} from './events.js';

/** An event as the store keeps it: the server's receive time added. */
export type StoredEvent = RoomEvent & {readonly received: number};

/** One grid column: a step of a lab. */
export type RoomColumn = {readonly lab: string; readonly step: string; readonly title: string};

/** enteredAt: when the student first had this step as the current one (or passed it); null before. */
type Cell = {status: StepStatus; failing: readonly string[]; enteredAt: number | null; passedAt: number | null; lastAt: number};

type Student = {
	readonly student: string;
	name: string;
	lab: string | null;
	step: string | null;
	joinedAt: number;
	lastSeen: number;
	left: boolean;
	cells: Map<string, Cell>;
	/** The first failing rule of the current step and since when it has been the first failing rule. */
	stuckRule: string | null;
	stuckSince: number;
	hints: number;
	catchUps: {readonly lab: string; readonly step: string; readonly at: number}[];
	runs: {readonly lab: string; readonly status: string; readonly checks: readonly {readonly id: string; readonly status: string}[]; readonly at: number}[];
	findings: readonly RoomFinding[];
	events: number;
};

export type Room = {readonly students: Map<string, Student>; events: number};

const RUNS_KEPT = 10;
const CATCH_UPS_KEPT = 10;

/** An empty room. */
export function createRoom(): Room {
	return {students: new Map(), events: 0};
}

/** Student text as every view shows it: control sequences stripped, whitespace collapsed, length bounded. */
export function cleanName(name: string): string {
	const text = stripControl(name)
		.replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
	const chars = [...text];
	return (chars.length > ROOM_LIMITS.nameLength ? chars.slice(0, ROOM_LIMITS.nameLength - 1).join('') + '…' : text) || '(no name)';
}

function cellKey(lab: string, step: string): string {
	return `${lab}/${step}`;
}

/** Folds one event into the room (in place). */
export function applyEvent(room: Room, event: StoredEvent): void {
	room.events++;
	const at = event.received;
	let student = room.students.get(event.student);
	if (!student) {
		student = {student: event.student, name: cleanName(event.name), lab: null, step: null, joinedAt: at, lastSeen: at, left: false, cells: new Map(), stuckRule: null, stuckSince: at, hints: 0, catchUps: [], runs: [], findings: [], events: 0};
		room.students.set(event.student, student);
	}
	student.events++;
	student.name = cleanName(event.name);
	student.lastSeen = Math.max(student.lastSeen, at);
	student.left = event.kind === 'leave';
	switch (event.kind) {
		case 'join':
		case 'leave':
			return;
		case 'check': {
			student.lab = event.lab;
			student.step = event.step;
			for (const step of event.steps) {
				const key = cellKey(event.lab, step.id);
				const previous = student.cells.get(key);
				const reached = step.status === 'pass' || step.id === event.step;
				if (!previous) {
					student.cells.set(key, {status: step.status, failing: step.failing, enteredAt: reached ? at : null, passedAt: step.status === 'pass' ? at : null, lastAt: at});
					continue;
				}
				previous.status = step.status;
				previous.failing = step.failing;
				previous.lastAt = at;
				// Time on a step counts from when the student reached it.
				if (reached && previous.enteredAt === null) previous.enteredAt = at;
				if (step.status === 'pass' && previous.passedAt === null) previous.passedAt = at;
				if (step.status !== 'pass') previous.passedAt = null;
			}
			const current = student.cells.get(cellKey(event.lab, event.step));
			const first = current && current.status === 'fail' ? (current.failing[0] ?? null) : null;
			if (first !== student.stuckRule) {
				student.stuckRule = first;
				student.stuckSince = at;
			}
			student.findings = event.findings;
			return;
		}
		case 'run':
			student.runs = [...student.runs, {lab: event.lab, status: event.status, checks: event.checks, at}].slice(-RUNS_KEPT);
			return;
		case 'hint':
			student.hints++;
			return;
		case 'catch-up':
			student.catchUps = [...student.catchUps, {lab: event.lab, step: event.step, at}].slice(-CATCH_UPS_KEPT);
			// A catch-up restarts the clock on the step the student now starts.
			student.stuckSince = at;
			return;
	}
}

/** The room after these events, from empty. */
export function foldRoom(events: Iterable<StoredEvent>): Room {
	const room = createRoom();
	for (const event of events) applyEvent(room, event);
	return room;
}

export type RoomCellView = {readonly status: StepStatus; readonly ms: number; readonly failing: readonly string[]} | null;

export type RoomRowView = {
	readonly student: string;
	readonly name: string;
	readonly lab: string | null;
	readonly step: string | null;
	readonly left: boolean;
	readonly lastSeen: number;
	readonly cells: readonly RoomCellView[];
	/** Set when the student has failed the same first rule on their current step for longer than the threshold. */
	readonly stuck: {readonly rule: string; readonly ms: number} | null;
	readonly hints: number;
	readonly catchUps: number;
	readonly passed: number;
};

export type TopRule = {readonly rule: string; readonly count: number; readonly title: string | null; readonly fix: string | null; readonly students: readonly string[]};

export type RoomView = {
	readonly now: number;
	readonly stuckAfterMs: number;
	readonly columns: readonly RoomColumn[];
	readonly rows: readonly RoomRowView[];
	readonly top: readonly TopRule[];
	readonly totals: {readonly students: number; readonly events: number; readonly stuck: number};
};

export type ViewOptions = {readonly now: number; readonly columns: readonly RoomColumn[]; readonly stuckAfterMs: number; readonly topCount?: number};

/** Whether (and on what) a student is stuck at `now`. */
export function stuckOf(student: Student, now: number, stuckAfterMs: number): {readonly rule: string; readonly ms: number} | null {
	if (student.left || student.stuckRule === null) return null;
	const ms = now - student.stuckSince;
	return ms >= stuckAfterMs ? {rule: student.stuckRule, ms} : null;
}

/**
 * The room's most frequent failing rules: each student counts once per rule that fails their current step; ties
 * by rule id. Title and fix come from the rule's own metadata (the one source the docs and the workbook use).
 */
export function topRules(room: Room, count: number): TopRule[] {
	const byRule = new Map<string, string[]>();
	for (const student of room.students.values()) {
		if (student.left || student.lab === null || student.step === null) continue;
		const cell = student.cells.get(cellKey(student.lab, student.step));
		if (!cell || cell.status !== 'fail') continue;
		for (const rule of new Set(cell.failing)) {
			const list = byRule.get(rule) ?? [];
			list.push(student.student);
			byRule.set(rule, list);
		}
	}
	return [...byRule.entries()]
		.sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
		.slice(0, count)
		.map(([rule, students]) => {
			const known = ruleById(rule);
			return {rule, count: students.length, title: known?.meta.description ?? null, fix: known?.meta.docs ?? null, students};
		});
}

/** The grid as the page, `room watch` and the exports show it: rows sorted by name, then id. */
export function roomView(room: Room, options: ViewOptions): RoomView {
	const {now, columns, stuckAfterMs} = options;
	const rows: RoomRowView[] = [];
	let stuck = 0;
	for (const student of room.students.values()) {
		let passed = 0;
		const cells = columns.map((column): RoomCellView => {
			const cell = student.cells.get(cellKey(column.lab, column.step));
			if (!cell) return null;
			if (cell.status === 'pass') passed++;
			const current = student.lab === column.lab && student.step === column.step;
			const end = cell.passedAt ?? (current && !student.left ? now : cell.lastAt);
			return {status: cell.status, ms: cell.enteredAt === null ? 0 : Math.max(0, end - cell.enteredAt), failing: cell.failing};
		});
		const stuckNow = stuckOf(student, now, stuckAfterMs);
		if (stuckNow) stuck++;
		rows.push({student: student.student, name: student.name, lab: student.lab, step: student.step, left: student.left, lastSeen: student.lastSeen, cells, stuck: stuckNow, hints: student.hints, catchUps: student.catchUps.length, passed});
	}
	rows.sort((a, b) => (a.name === b.name ? (a.student < b.student ? -1 : 1) : a.name.localeCompare(b.name)));
	return {now, stuckAfterMs, columns, rows, top: topRules(room, options.topCount ?? 5), totals: {students: rows.length, events: room.events, stuck}};
}

export type StudentDetail = {
	readonly student: string;
	readonly name: string;
	readonly lab: string | null;
	readonly step: string | null;
	readonly findings: readonly (RoomFinding & {readonly title: string | null})[];
	readonly runs: Student['runs'];
	readonly catchUps: Student['catchUps'];
	readonly hints: number;
	readonly events: number;
};

/** One student's detail (latest findings with file:line, runs, catch-ups), or null. */
export function studentDetail(room: Room, id: string): StudentDetail | null {
	const student = room.students.get(id);
	if (!student) return null;
	return {
		student: student.student,
		name: student.name,
		lab: student.lab,
		step: student.step,
		findings: student.findings.map((finding) => ({...finding, file: stripControl(finding.file), title: ruleById(finding.rule)?.meta.description ?? null})),
		runs: student.runs,
		catchUps: student.catchUps,
		hints: student.hints,
		events: student.events,
	};
}

/** The grid's columns from lab definitions (every step of every lab, in order). */
export function columnsOf(labs: readonly {readonly id: string; readonly steps: readonly {readonly id: string; readonly title: string}[]}[]): RoomColumn[] {
	return labs.flatMap((lab) => lab.steps.map((step) => ({lab: lab.id, step: step.id, title: step.title})));
}

/** Formats a duration for a cell: `45s`, `12m`, `1h05`. */
export function formatDuration(ms: number): string {
	const seconds = Math.floor(ms / 1000);
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m`;
	return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}`;
}
