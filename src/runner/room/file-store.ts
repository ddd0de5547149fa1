/**
 * The embedded store: an append-only NDJSON log (`events.ndjson`) in the room's data folder, one event per line.
 * Appends are group-committed: every append waiting while a write is in flight goes into the next single write,
 * followed by fdatasync, and only then is anything acknowledged. So a `kill -9` at any moment loses nothing that was
 * acknowledged; at worst the last line is torn, and opening the log cuts a torn last line off (it was never acked).
 * A line in the middle that does not parse (a disk error, a hand edit) is skipped with a warning naming its line.
 */
import {randomBytes} from 'node:crypto';
import {mkdir, open, readFile, rename, truncate, writeFile, type FileHandle} from 'node:fs/promises';
import {join} from 'node:path';
import type {StoredEvent} from '../../core/room/grid.js';
import type {AppendResult, RoomStore} from './store.js';
import type {RoomTokens} from './tokens.js';

type Job = {readonly events: readonly StoredEvent[]; readonly resolve: (result: AppendResult) => void; readonly reject: (error: unknown) => void};

/** Reads the log: the events, and the byte length of the complete lines (anything after is a torn write). */
export function parseLog(text: string, onWarning: (message: string) => void): {events: StoredEvent[]; goodBytes: number} {
	const events: StoredEvent[] = [];
	const end = text.lastIndexOf('\n') + 1;
	const lines = text.slice(0, end).split('\n');
	lines.pop();
	lines.forEach((line, index) => {
		if (line.trim() === '') return;
		try {
			const event = JSON.parse(line) as StoredEvent;
			if (event && typeof event.id === 'string' && typeof event.student === 'string') events.push(event);
			else onWarning(`events.ndjson:${index + 1}: not an event; skipped.`);
		} catch {
			onWarning(`events.ndjson:${index + 1}: not valid JSON; skipped.`);
		}
	});
	return {events, goodBytes: Buffer.byteLength(text.slice(0, end))};
}

export async function openFileStore(dataDir: string, onWarning: (message: string) => void = () => undefined): Promise<RoomStore> {
	await mkdir(dataDir, {recursive: true, mode: 0o700});
	const logPath = join(dataDir, 'events.ndjson');
	const metaPath = join(dataDir, 'room.json');
	const ids = new Set<string>();
	let handle: FileHandle | null = null;
	let deliver: (events: readonly StoredEvent[]) => void = () => undefined;
	let queue: Job[] = [];
	let writing: Promise<void> | null = null;
	let closed = false;

	// One flush loop at a time; a job queued while the loop winds down starts the next one.
	function kick(): void {
		if (writing) return;
		writing = flush().finally(() => {
			writing = null;
			if (queue.length > 0) kick();
		});
	}

	async function flush(): Promise<void> {
		while (queue.length > 0) {
			const jobs = queue;
			queue = [];
			const fresh: StoredEvent[] = [];
			const results: AppendResult[] = [];
			for (const job of jobs) {
				let added = 0;
				for (const event of job.events) {
					if (ids.has(event.id)) continue;
					ids.add(event.id);
					fresh.push(event);
					added++;
				}
				results.push({added, duplicates: job.events.length - added});
			}
			try {
				if (fresh.length > 0) {
					await handle!.write(fresh.map((event) => JSON.stringify(event) + '\n').join(''));
					await handle!.datasync();
				}
			} catch (error) {
				for (const event of fresh) ids.delete(event.id);
				for (const job of jobs) job.reject(error);
				continue;
			}
			if (fresh.length > 0) deliver(fresh);
			jobs.forEach((job, index) => job.resolve(results[index]!));
		}
	}

	return {
		describe: `embedded store in ${dataDir}`,
		async tokens(fresh: RoomTokens): Promise<RoomTokens> {
			try {
				const saved = JSON.parse(await readFile(metaPath, 'utf8')) as Partial<RoomTokens>;
				if (typeof saved.join === 'string' && typeof saved.instructor === 'string') return {join: saved.join, instructor: saved.instructor};
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onWarning(`room.json is not readable (${(error as Error).message}); new tokens were made.`);
			}
			const temporary = `${metaPath}.${randomBytes(4).toString('hex')}.tmp`;
			await writeFile(temporary, JSON.stringify({join: fresh.join, instructor: fresh.instructor}, null, 2) + '\n', {mode: 0o600});
			await rename(temporary, metaPath);
			return fresh;
		},
		async start(onEvents) {
			let text = '';
			try {
				text = await readFile(logPath, 'utf8');
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
			}
			const {events, goodBytes} = parseLog(text, onWarning);
			if (goodBytes < Buffer.byteLength(text)) {
				onWarning(`events.ndjson: a torn last line (a write cut short) was removed; it had not been acknowledged.`);
				await truncate(logPath, goodBytes);
			}
			const unique: StoredEvent[] = [];
			for (const event of events) {
				if (ids.has(event.id)) continue;
				ids.add(event.id);
				unique.push(event);
			}
			handle = await open(logPath, 'a', 0o600);
			onEvents(unique);
			deliver = onEvents;
		},
		append(events) {
			if (closed || !handle) return Promise.reject(new Error('The room store is closed.'));
			return new Promise<AppendResult>((resolve, reject) => {
				queue.push({events, resolve, reject});
				kick();
			});
		},
		async close() {
			closed = true;
			await writing;
			await handle?.close();
			handle = null;
		},
	};
}
