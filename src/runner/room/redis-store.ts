/**
 * The shared store for rooms that outgrow one machine: events in a Redis stream, so several room servers (behind a
 * load balancer) read the same room. One Lua script adds an event to the stream only if its id is new to the room's
 * id set, atomically, so a resend through any server is counted once. Every server (the writer too) folds the
 * stream in stream order (XREAD), so all of them show the same grid. Tokens live in a hash, set once (HSETNX).
 */
import {createClient} from 'redis';
import type {StoredEvent} from '../../core/room/grid.js';
import type {AppendResult, RoomStore} from './store.js';
import type {RoomTokens} from './tokens.js';

const APPEND = `local added = 0
for i = 1, #ARGV, 2 do
  if redis.call('SADD', KEYS[2], ARGV[i]) == 1 then
    redis.call('XADD', KEYS[1], '*', 'e', ARGV[i + 1])
    added = added + 1
  end
end
return added`;

type Entry = [string, string[]];

function parseEntries(entries: Entry[], into: StoredEvent[]): string | null {
	let last: string | null = null;
	for (const [id, fields] of entries) {
		last = id;
		const index = fields.indexOf('e');
		if (index < 0) continue;
		try {
			into.push(JSON.parse(fields[index + 1]!) as StoredEvent);
		} catch {
			// not ours; the stream belongs to this room only, but a hand-made entry must not stop the room
		}
	}
	return last;
}

export async function openRedisStore(url: string, room: string): Promise<RoomStore> {
	const prefix = `dapr-labs:room:${room}`;
	const keys = {stream: `${prefix}:events`, ids: `${prefix}:ids`, meta: `${prefix}:meta`};
	const client = createClient({url, socket: {connectTimeout: 3000}});
	client.on('error', () => undefined);
	await client.connect();
	// XREAD BLOCK holds its connection, so the reader has its own.
	const reader = client.duplicate();
	reader.on('error', () => undefined);
	await reader.connect();
	let running = true;
	let loop: Promise<void> = Promise.resolve();

	return {
		describe: `Redis stream ${keys.stream} at ${new URL(url).host}`,
		async tokens(fresh: RoomTokens): Promise<RoomTokens> {
			await client.sendCommand(['HSETNX', keys.meta, 'join', fresh.join]);
			await client.sendCommand(['HSETNX', keys.meta, 'instructor', fresh.instructor]);
			const [join, instructor] = (await client.sendCommand(['HMGET', keys.meta, 'join', 'instructor'])) as [string, string];
			return {join, instructor};
		},
		async start(onEvents) {
			let lastId = '0-0';
			// Replay in pages, then follow.
			for (;;) {
				const page = (await client.sendCommand(['XRANGE', keys.stream, lastId === '0-0' ? '-' : `(${lastId}`, '+', 'COUNT', '5000'])) as Entry[];
				if (page.length === 0) break;
				const events: StoredEvent[] = [];
				lastId = parseEntries(page, events) ?? lastId;
				onEvents(events);
			}
			loop = (async () => {
				while (running) {
					try {
						const reply = (await reader.sendCommand(['XREAD', 'COUNT', '2000', 'BLOCK', '500', 'STREAMS', keys.stream, lastId])) as [string, Entry[]][] | Record<string, Entry[]> | null;
						if (!reply) continue;
						// The client hands the reply over as [[key, entries]] or as {key: entries}, by protocol version.
						for (const [, entries] of Array.isArray(reply) ? reply : Object.entries(reply)) {
							const events: StoredEvent[] = [];
							lastId = parseEntries(entries, events) ?? lastId;
							if (events.length > 0) onEvents(events);
						}
					} catch {
						if (!running) return;
						await new Promise((resolve) => setTimeout(resolve, 500));
					}
				}
			})();
		},
		async append(events): Promise<AppendResult> {
			const args: string[] = [];
			for (const event of events) args.push(event.id, JSON.stringify(event));
			const added = Number(await client.sendCommand(['EVAL', APPEND, '2', keys.stream, keys.ids, ...args]));
			return {added, duplicates: events.length - added};
		},
		async close() {
			running = false;
			reader.destroy();
			await loop;
			await client.quit().catch(() => client.destroy());
		},
	};
}
