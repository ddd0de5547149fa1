/**
 * Workbook progress in `<dir>/.dapr-labs/state.json`: written atomically (temp file + rename), a corrupt file
 * moved aside with a warning so progress can be rebuilt from the checks.
 */
import {mkdir, rename, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parseRunRecords, type RunRecord, type RunRecords} from '../core/run-record.js';
import type {LabProgress, Progress} from '../core/session/state.js';
import type {LabId} from '../core/types.js';
import {loadLabs} from './labs-loader.js';
import {readRegularFile} from './safe-fs.js';

/** The largest state.json read: progress is a few hundred bytes. */
const MAX_STATE_BYTES = 1024 * 1024;

/** Path of the state file inside a lab folder. */
export function statePath(dir: string): string {
	return join(dir, '.dapr-labs', 'state.json');
}

export type LoadedProgress = {readonly progress: Progress; readonly warning: string | null};

const EMPTY: Progress = {version: 1, labs: {}};

function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** The ids of the labs this package has (progress of any other lab is dropped on reading). */
async function knownLabIds(): Promise<readonly LabId[]> {
	return (await loadLabs()).map((lab) => lab.id);
}

/** Validates the parsed JSON; null when it is not a state file we wrote. Labs not in `labIds` are dropped. */
export function parseProgress(value: unknown, labIds: readonly LabId[]): Progress | null {
	if (typeof value !== 'object' || value === null) return null;
	const record = value as Record<string, unknown>;
	if (record['version'] !== 1 || typeof record['labs'] !== 'object' || record['labs'] === null) return null;
	const labs: Partial<Record<LabId, LabProgress>> = {};
	for (const [id, raw] of Object.entries(record['labs'] as Record<string, unknown>)) {
		if (!labIds.includes(id)) continue;
		if (typeof raw !== 'object' || raw === null) return null;
		const lab = raw as Record<string, unknown>;
		if (!isStringArray(lab['passed'])) return null;
		const hints: Record<string, number> = {};
		if (typeof lab['hints'] === 'object' && lab['hints'] !== null) {
			for (const [step, count] of Object.entries(lab['hints'] as Record<string, unknown>)) {
				if (typeof count === 'number' && Number.isInteger(count) && count >= 0) hints[step] = count;
			}
		}
		labs[id as LabId] = {passed: lab['passed'], hints, ...(typeof lab['current'] === 'string' ? {current: lab['current']} : {})};
	}
	const lastLab = typeof record['lastLab'] === 'string' && labIds.includes(record['lastLab']) ? (record['lastLab'] as LabId) : undefined;
	const runs = parseRunRecords(record['runs'], labIds);
	return {version: 1, labs, ...(lastLab ? {lastLab} : {}), ...(Object.keys(runs).length > 0 ? {runs} : {})};
}

/**
 * Reads progress. A missing file is empty progress; a corrupt one is renamed to `state.json.corrupt-<time>` and
 * reported in `warning` (the workbook rebuilds static progress from its first check).
 */
export async function loadProgress(dir: string, now: Date = new Date()): Promise<LoadedProgress> {
	const labIds = await knownLabIds();
	const path = statePath(dir);
	// The reader's policy: a regular file only (a FIFO would block, /dev/urandom would never end), never through a
	// link, at most MAX_STATE_BYTES (progress is a few hundred bytes).
	const read = await readRegularFile(path, MAX_STATE_BYTES, '.dapr-labs/state.json');
	if (!read.ok) {
		if (read.absent) return {progress: EMPTY, warning: null};
		return {progress: EMPTY, warning: `${read.reason}; progress starts from the checks. Remove it (dapr-labs writes a new one).`};
	}
	const text = read.bytes.toString('utf8');
	let parsed: Progress | null = null;
	try {
		parsed = parseProgress(JSON.parse(text), labIds);
	} catch {
		parsed = null;
	}
	if (parsed) return {progress: parsed, warning: null};
	const aside = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
	try {
		await rename(path, aside);
	} catch {
		// Could not move it; the next save overwrites it atomically anyway.
	}
	return {progress: EMPTY, warning: `.dapr-labs/state.json was unreadable; it was moved to ${aside.slice(dir.length + 1)} and progress is rebuilt from the checks.`};
}

let counter = 0;

/** Writes progress atomically: a temp file in the same folder, then rename over state.json. */
export async function saveProgress(dir: string, progress: Progress): Promise<void> {
	const path = statePath(dir);
	await mkdir(join(dir, '.dapr-labs'), {recursive: true});
	const temp = `${path}.${process.pid}.${++counter}.tmp`;
	await writeFile(temp, JSON.stringify(progress, null, '\t') + '\n', 'utf8');
	await rename(temp, path);
}

/** Clears the progress of one lab, or all of it; returns what was cleared. */
export async function resetProgress(dir: string, lab?: LabId): Promise<{readonly cleared: readonly LabId[]; readonly warning: string | null}> {
	const {progress, warning} = await loadProgress(dir);
	if (lab === undefined) {
		const cleared = Object.keys(progress.labs) as LabId[];
		await saveProgress(dir, EMPTY);
		return {cleared, warning};
	}
	const labs = {...progress.labs};
	const had = lab in labs;
	delete labs[lab];
	const next: Progress = {version: 1, labs, ...(progress.lastLab && progress.lastLab !== lab ? {lastLab: progress.lastLab} : {})};
	await saveProgress(dir, next);
	return {cleared: had ? [lab] : [], warning};
}

// ------------------------------------------------------------------------------------------------------------
// Run results (`dapr-labs run` from the shell); kept apart from the workbook's own saves above.

/**
 * Records a finished run in the folder's progress: the run record, and on a pass the lab's runtime steps as passed
 * (what the workbook's `r` records too). Loads and saves through loadProgress/saveProgress.
 */
export async function recordRunResult(dir: string, lab: LabId, record: RunRecord, runtimeSteps: readonly string[], stepOrder: readonly string[]): Promise<string | null> {
	const {progress, warning} = await loadProgress(dir);
	const current: LabProgress = progress.labs[lab] ?? {passed: [], hints: {}};
	const passed = new Set(current.passed);
	if (record.status === 'pass') for (const step of runtimeSteps) passed.add(step);
	const next: Progress = {
		...progress,
		labs: {...progress.labs, [lab]: {...current, passed: stepOrder.filter((id) => passed.has(id))}},
		runs: {...progress.runs, [lab]: record},
	};
	await saveProgress(dir, next);
	return warning;
}

/** The run records of a folder, read without side effects (a corrupt or missing file is no records). */
export async function readRunRecords(dir: string): Promise<RunRecords> {
	try {
		// Under the safe reader's policy, like loadProgress: a FIFO or a link to /dev/urandom is no records, not a hang.
		const [read, labIds] = await Promise.all([readRegularFile(statePath(dir), MAX_STATE_BYTES, '.dapr-labs/state.json'), knownLabIds()]);
		return read.ok ? (parseProgress(JSON.parse(read.bytes.toString('utf8')), labIds)?.runs ?? {}) : {};
	} catch {
		return {};
	}
}
