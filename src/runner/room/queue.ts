/**
 * The workbook's side of a room. Joining writes `.dapr-labs/room/room.json` in the lab folder (room URL, join code,
 * a random student id, the name). Events are appended to `.dapr-labs/room/queue.ndjson`, each with an id made once,
 * and a sender posts what is past the `sent` offset in batches, moving the offset only after the room acknowledged.
 * So the workbook never waits for the room (appending a line is all it does), events made while the room is away
 * are sent when it is back, and a resend after a lost acknowledgement is counted once (the room keeps ids).
 */
import {randomBytes, randomUUID} from 'node:crypto';
import {appendFile, mkdir, open, readFile, rename, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {RoomPayload} from '../../core/room/from-session.js';
import {ROOM_LIMITS, type RoomEvent} from '../../core/room/events.js';

export type RoomMembership = {readonly url: string; readonly code: string; readonly student: string; readonly name: string};

export function roomDir(labDir: string): string {
	return join(labDir, '.dapr-labs', 'room');
}

/** The membership of this folder, or null when it has not joined a room. */
export async function readMembership(labDir: string): Promise<RoomMembership | null> {
	try {
		const data = JSON.parse(await readFile(join(roomDir(labDir), 'room.json'), 'utf8')) as Partial<RoomMembership>;
		if (typeof data.url === 'string' && typeof data.code === 'string' && typeof data.student === 'string' && typeof data.name === 'string') return data as RoomMembership;
		return null;
	} catch {
		return null;
	}
}

async function writeAtomic(path: string, text: string): Promise<void> {
	const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
	await writeFile(temporary, text, {mode: 0o600});
	await rename(temporary, path);
}

/**
 * Parses a join address: `http://host:4747/join/CODE` (what `room serve` prints), or a bare room URL with `code`
 * given separately.
 */
export function parseJoinUrl(address: string, code?: string): {readonly url: string; readonly code: string} {
	let parsed: URL;
	try {
		parsed = new URL(address);
	} catch {
		throw new Error(`"${address}" is not a room address (expected http://host:port/join/CODE).`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`"${address}" is not an http(s) address.`);
	const match = /\/join\/([A-Za-z0-9_-]+)\/?$/.exec(parsed.pathname);
	const found = code ?? match?.[1];
	if (!found) throw new Error(`"${address}" has no join code (expected http://host:port/join/CODE, or pass --code).`);
	return {url: `${parsed.protocol}//${parsed.host}`, code: found};
}

/** Joins: checks the room answers to the code, then records the membership and queues a join event. */
export async function joinRoom(labDir: string, address: string, name: string, options: {readonly code?: string; readonly timeoutMs?: number} = {}): Promise<RoomMembership> {
	const {url, code} = parseJoinUrl(address, options.code);
	const response = await fetch(`${url}/api/hello`, {headers: {authorization: `Bearer ${code}`}, signal: AbortSignal.timeout(options.timeoutMs ?? 5000)}).catch((error: unknown) => {
		throw new Error(`The room at ${url} does not answer (${error instanceof Error ? error.message : String(error)}).`);
	});
	if (response.status === 401) throw new Error(`The room at ${url} does not accept this join code.`);
	if (!response.ok) throw new Error(`The room at ${url} answered ${response.status}.`);
	const previous = await readMembership(labDir);
	const membership: RoomMembership = {url, code, student: previous?.url === url ? previous.student : randomUUID(), name: [...name].slice(0, ROOM_LIMITS.nameLength).join('')};
	await mkdir(roomDir(labDir), {recursive: true});
	await writeAtomic(join(roomDir(labDir), 'room.json'), JSON.stringify(membership, null, 2) + '\n');
	await enqueue(labDir, membership, [{kind: 'join'}]);
	return membership;
}

/** Leaves: tells the room (best effort, short timeout) and removes the membership and the queue. */
export async function leaveRoom(labDir: string): Promise<RoomMembership | null> {
	const membership = await readMembership(labDir);
	if (!membership) return null;
	await enqueue(labDir, membership, [{kind: 'leave'}]);
	await new RoomSender(labDir, membership, {timeoutMs: 2000}).flush().catch(() => undefined);
	await rm(roomDir(labDir), {recursive: true, force: true});
	return membership;
}

/** Appends events to the queue (one write; lines are small, so concurrent appenders do not interleave). */
export async function enqueue(labDir: string, membership: RoomMembership, payloads: readonly RoomPayload[], now = Date.now()): Promise<void> {
	if (payloads.length === 0) return;
	const lines = payloads.map((payload) => JSON.stringify({...payload, id: randomUUID(), student: membership.student, name: membership.name, at: now}) + '\n').join('');
	await mkdir(roomDir(labDir), {recursive: true});
	await appendFile(join(roomDir(labDir), 'queue.ndjson'), lines, {mode: 0o600});
}

export type FlushResult = {readonly sent: number; readonly pending: number; readonly error: string | null};

/** Sends the queue past the acknowledged offset. One flush at a time per sender. */
export class RoomSender {
	private flushing: Promise<FlushResult> | null = null;
	private retryAt = 0;

	constructor(
		private readonly labDir: string,
		private readonly membership: RoomMembership,
		private readonly options: {readonly timeoutMs?: number; readonly signal?: AbortSignal} = {},
	) {}

	flush(): Promise<FlushResult> {
		this.flushing ??= this.send().finally(() => {
			this.flushing = null;
		});
		return this.flushing;
	}

	private async offset(): Promise<number> {
		try {
			const value = Number((await readFile(join(roomDir(this.labDir), 'sent'), 'utf8')).trim());
			return Number.isSafeInteger(value) && value >= 0 ? value : 0;
		} catch {
			return 0;
		}
	}

	private async send(): Promise<FlushResult> {
		if (Date.now() < this.retryAt) return {sent: 0, pending: -1, error: 'waiting to retry'};
		let offset = await this.offset();
		let handle;
		try {
			handle = await open(join(roomDir(this.labDir), 'queue.ndjson'), 'r');
		} catch {
			return {sent: 0, pending: 0, error: null};
		}
		let sent = 0;
		try {
			const {size} = await handle.stat();
			if (offset > size) offset = 0;
			const buffer = Buffer.alloc(size - offset);
			await handle.read(buffer, 0, buffer.length, offset);
			const text = buffer.toString('utf8');
			const complete = text.slice(0, text.lastIndexOf('\n') + 1);
			const lines = complete.split('\n').filter((line) => line.length > 0);
			for (let start = 0; start < lines.length; start += ROOM_LIMITS.maxEventsPerRequest) {
				if (this.options.signal?.aborted) break;
				const batch = lines.slice(start, start + ROOM_LIMITS.maxEventsPerRequest);
				const events: RoomEvent[] = [];
				for (const line of batch) {
					try {
						events.push(JSON.parse(line) as RoomEvent);
					} catch {
						// a line cut by a crash mid-append is not an event; skip it
					}
				}
				const bytes = Buffer.byteLength(batch.join('\n') + '\n');
				if (events.length > 0) {
					const signals = [AbortSignal.timeout(this.options.timeoutMs ?? 5000), ...(this.options.signal ? [this.options.signal] : [])];
					const response = await fetch(`${this.membership.url}/api/events`, {
						method: 'POST',
						headers: {authorization: `Bearer ${this.membership.code}`, 'content-type': 'application/json'},
						body: JSON.stringify({events}),
						signal: AbortSignal.any(signals),
					});
					if (response.status === 429) {
						this.retryAt = Date.now() + 1000 * Math.min(60, Number(response.headers.get('retry-after') ?? '1') || 1);
						return {sent, pending: lines.length - start, error: 'rate-limited'};
					}
					// 400: this batch can never be accepted (a bug or a newer room); skip it rather than block the queue.
					if (!response.ok && response.status !== 400) return {sent, pending: lines.length - start, error: `room answered ${response.status}`};
					sent += events.length;
				}
				offset += bytes;
				await writeAtomic(join(roomDir(this.labDir), 'sent'), String(offset));
			}
			return {sent, pending: 0, error: null};
		} catch (error) {
			this.retryAt = Date.now() + 2000;
			return {sent, pending: -1, error: error instanceof Error ? error.message : String(error)};
		} finally {
			await handle.close();
		}
	}
}

/**
 * The workbook's sharing loop: `share(payloads)` queues (never waits for the network) and a timer flushes every
 * `everyMs` and right after each share. `stop()` ends the loop and aborts a send in flight.
 */
export function startSharing(labDir: string, membership: RoomMembership, options: {readonly everyMs?: number} = {}): {share(payloads: readonly RoomPayload[]): void; stop(): Promise<void>} {
	const controller = new AbortController();
	const sender = new RoomSender(labDir, membership, {signal: controller.signal});
	let chain: Promise<unknown> = Promise.resolve();
	const flush = () => {
		if (!controller.signal.aborted) chain = chain.then(() => sender.flush()).catch(() => undefined);
	};
	const timer = setInterval(flush, options.everyMs ?? 2000);
	timer.unref();
	flush();
	return {
		share(payloads) {
			if (payloads.length === 0 || controller.signal.aborted) return;
			chain = chain.then(() => enqueue(labDir, membership, payloads)).catch(() => undefined);
			flush();
		},
		async stop() {
			clearInterval(timer);
			// A last send gets a moment; whatever it could not send stays queued for the next start.
			await Promise.race([chain, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
			controller.abort();
			await chain;
		},
	};
}
