/**
 * Run results kept in the lab folder's progress (`.dapr-labs/state.json`, key `runs`), so a `dapr-labs run` from the
 * shell and the workbook's `r` agree, and `check` can say which runtime steps a run verified. A record holds the
 * fingerprint of the files it ran: once a file changes, the record no longer vouches for the folder. Pure.
 */
import type {LabDef} from './labs.js';
import type {CheckResult} from './result.js';
import type {Progress} from './session/state.js';
import type {LabId, Workspace} from './types.js';

/** The last finished run of one lab. */
export type RunRecord = {
	readonly status: 'pass' | 'fail';
	/** ISO time the run ended. */
	readonly at: string;
	/** workspaceFingerprint of the files the run used. */
	readonly fingerprint: string;
};

export type RunRecords = Readonly<Partial<Record<LabId, RunRecord>>>;

/**
 * A short fingerprint of a folder's lab files (paths and texts, in path order): cyrb53, a fast non-cryptographic
 * 53-bit hash. It only tells "the same files as the recorded run" from "changed since"; nothing security-relevant
 * rests on it (a student who edits state.json by hand only fools their own workbook, never `grade`).
 */
export function workspaceFingerprint(workspace: Workspace): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	const feed = (text: string) => {
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			h1 = Math.imul(h1 ^ c, 2654435761);
			h2 = Math.imul(h2 ^ c, 1597334677);
		}
	};
	for (const path of [...workspace.files.keys()].sort()) {
		const file = workspace.files.get(path)!;
		feed(path);
		feed('\u0000');
		feed(file.kind === 'text' ? file.text : `\u0001${file.reason}`);
		feed('\u0000');
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** Validates a parsed `runs` value; drops what is not a record this tool wrote, and labs not in `labIds` (the loaded labs). */
export function parseRunRecords(value: unknown, labIds: readonly LabId[]): RunRecords {
	if (typeof value !== 'object' || value === null) return {};
	const out: Partial<Record<LabId, RunRecord>> = {};
	for (const [lab, raw] of Object.entries(value as Record<string, unknown>)) {
		if (!labIds.includes(lab)) continue;
		if (typeof raw !== 'object' || raw === null) continue;
		const record = raw as Record<string, unknown>;
		if ((record['status'] !== 'pass' && record['status'] !== 'fail') || typeof record['at'] !== 'string' || typeof record['fingerprint'] !== 'string') continue;
		out[lab] = {status: record['status'], at: record['at'], fingerprint: record['fingerprint']};
	}
	return out;
}

/** Whether a run verified this lab's current files. */
export function runVerified(records: RunRecords, lab: LabId, fingerprint: string): boolean {
	const record = records[lab];
	return record !== undefined && record.status === 'pass' && record.fingerprint === fingerprint;
}

/**
 * The check result with every runtime step marked `verified` (true only when a passed run of the same files is on
 * record). Scores are unchanged: runtime points are credited while the static checks pass (see README, Scores).
 */
export function markRuntimeSteps(result: CheckResult, labs: readonly LabDef[], records: RunRecords, fingerprint: string): CheckResult {
	return {
		...result,
		labs: result.labs.map((lab) => {
			const def = labs.find((candidate) => candidate.id === lab.id);
			if (!def) return lab;
			const verified = runVerified(records, lab.id, fingerprint);
			return {...lab, steps: lab.steps.map((step) => (def.steps.find((s) => s.id === step.id)?.kind === 'runtime' ? {...step, verified} : step))};
		}),
	};
}

/**
 * Progress about to be saved, with the runs recorded on disk meanwhile (a `dapr-labs run` in another terminal while
 * the workbook is open): a newer record on disk wins, and a newer passed run keeps the lab's runtime steps passed.
 */
export function mergeRecordedRuns(progress: Progress, disk: RunRecords, runtimeSteps: Readonly<Partial<Record<LabId, readonly string[]>>>): Progress {
	let labs = progress.labs;
	let runs = progress.runs ?? {};
	for (const [lab, record] of Object.entries(disk) as [LabId, RunRecord][]) {
		const mine = runs[lab];
		if (mine && mine.at >= record.at) continue;
		runs = {...runs, [lab]: record};
		if (record.status !== 'pass') continue;
		const current = labs[lab] ?? {passed: [], hints: {}};
		const passed = [...new Set([...current.passed, ...(runtimeSteps[lab] ?? [])])];
		labs = {...labs, [lab]: {...current, passed}};
	}
	return Object.keys(runs).length === 0 ? progress : {...progress, labs, runs};
}
