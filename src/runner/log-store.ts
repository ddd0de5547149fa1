/**
 * Keeps every run's full output in `<dir>/.dapr-labs/logs/<lab>-<time>.log` (the self-hosted answer to `dapr logs`,
 * which is Kubernetes-only), and a bounded tail for the UI so a long run cannot grow memory without limit.
 */
import {createWriteStream, type WriteStream} from 'node:fs';
import {lstat, mkdir, readdir, rm} from 'node:fs/promises';
import {join} from 'node:path';

/** Folder of kept run logs inside a lab folder. */
export function logsDir(dir: string): string {
	return join(dir, '.dapr-labs', 'logs');
}

/** File-name-safe time stamp: 2026-11-30T00-21-38-123Z. */
export function logStamp(now: Date): string {
	return now.toISOString().replace(/[:.]/g, '-');
}

export type RunLog = {
	readonly path: string;
	write(line: string): void;
	close(): Promise<void>;
};

/** A kept log stops growing here (a chatty app once wrote 110 MB per run); the end says how much was left out. */
export const MAX_LOG_BYTES = 8 * 1024 * 1024;
/** Kept logs per lab folder; older ones are removed when a run starts. */
export const MAX_KEPT_LOGS = 20;

/** Opens a new log file for a run of `lab`, capped at `maxBytes`, after removing all but the newest kept logs. */
export async function openRunLog(dir: string, lab: string, now: Date, maxBytes = MAX_LOG_BYTES): Promise<RunLog> {
	const folder = logsDir(dir);
	await mkdir(folder, {recursive: true});
	for (const old of (await listRunLogs(dir)).slice(MAX_KEPT_LOGS - 1)) await rm(old.path, {force: true}).catch(() => undefined);
	const path = join(folder, `${lab}-${logStamp(now)}.log`);
	// 'wx': a new file only, so a link or FIFO planted under this name is never followed or opened.
	const stream: WriteStream = createWriteStream(path, {flags: 'wx'});
	stream.on('error', () => {
		// A full disk must not break the run; the log is a convenience.
	});
	let written = 0;
	let droppedLines = 0;
	let droppedBytes = 0;
	return {
		path,
		write: (line) => {
			const text = line.endsWith('\n') ? line : line + '\n';
			const size = Buffer.byteLength(text);
			if (written + size > maxBytes) {
				droppedLines++;
				droppedBytes += size;
				return;
			}
			written += size;
			void stream.write(text);
		},
		close: () =>
			new Promise<void>((resolve) => {
				if (droppedLines > 0) stream.write(`[dapr-labs] ${droppedLines} more line(s) (${Math.round(droppedBytes / 1024)} KB) were not kept: a log keeps at most ${Math.round(maxBytes / 1024 / 1024)} MB.\n`);
				stream.end(() => resolve());
			}),
	};
}

export type KeptLog = {readonly path: string; readonly name: string; readonly lab: string; readonly mtimeMs: number};

/** Kept logs, newest first, optionally of one lab. */
export async function listRunLogs(dir: string, lab?: string): Promise<KeptLog[]> {
	const folder = logsDir(dir);
	let names: string[];
	try {
		names = await readdir(folder);
	} catch {
		return [];
	}
	const logs: KeptLog[] = [];
	for (const name of names) {
		const m = /^(.+?)-\d{4}-\d\d-\d\dT[\d-]+Z\.log$/.exec(name);
		if (!m) continue;
		if (lab && m[1] !== lab) continue;
		// lstat: a link (out of the folder, to /dev/zero) or a FIFO in place of a log is not a kept log.
		const info = await lstat(join(folder, name)).catch(() => null);
		if (info?.isFile()) logs.push({path: join(folder, name), name, lab: m[1]!, mtimeMs: info.mtimeMs});
	}
	return logs.sort((a, b) => b.mtimeMs - a.mtimeMs || b.name.localeCompare(a.name));
}

/**
 * A ring buffer of the last `capacity` lines, each cut to `maxLineLength` characters: memory stays bounded however
 * long the run.
 */
export class BoundedTail<T = string> {
	private readonly items: (T | undefined)[];
	private start = 0;
	private count = 0;
	private total = 0;

	constructor(
		readonly capacity: number,
		private readonly maxLineLength = 2000,
	) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
		this.items = new Array<T | undefined>(capacity);
	}

	/** Appends one item (strings longer than maxLineLength are cut, with an ellipsis). */
	push(item: T): void {
		const value = (typeof item === 'string' && item.length > this.maxLineLength ? item.slice(0, this.maxLineLength) + '…' : item) as T;
		const at = (this.start + this.count) % this.capacity;
		this.items[at] = value;
		if (this.count < this.capacity) this.count++;
		else this.start = (this.start + 1) % this.capacity;
		this.total++;
	}

	/** The kept items, oldest first. */
	toArray(): T[] {
		const out: T[] = [];
		for (let i = 0; i < this.count; i++) out.push(this.items[(this.start + i) % this.capacity] as T);
		return out;
	}

	get size(): number {
		return this.count;
	}

	/** How many items were ever pushed (dropped ones included). */
	get pushed(): number {
		return this.total;
	}

	/** How many were dropped from the front. */
	get dropped(): number {
		return this.total - this.count;
	}
}
