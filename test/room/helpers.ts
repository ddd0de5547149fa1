// Shared pieces of the room tests: a room server on loopback with the embedded store, events, posting, polling.
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {columnsOf, type RoomView} from '../../src/core/room/grid.js';
import type {RoomEvent} from '../../src/core/room/events.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {openFileStore} from '../../src/runner/room/file-store.js';
import {startRoomServer, type RoomServer, type RoomServerOptions} from '../../src/runner/room/server.js';
import type {RoomStore} from '../../src/runner/room/store.js';
import {newTokens, type RoomTokens} from '../../src/runner/room/tokens.js';

export type TestRoom = {readonly server: RoomServer; readonly tokens: RoomTokens; readonly dataDir: string; stop(): Promise<void>};

export async function startTestRoom(options: Partial<RoomServerOptions> & {readonly store?: RoomStore; readonly dataDir?: string} = {}): Promise<TestRoom> {
	const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'dapr-labs-room-')));
	const store = options.store ?? (await openFileStore(dataDir));
	const tokens = await store.tokens(newTokens());
	const server = await startRoomServer({columns: columnsOf(await loadLabs()), host: '127.0.0.1', port: 0, ...options, store, tokens});
	return {
		server,
		tokens,
		dataDir,
		async stop() {
			await server.close();
			if (!options.dataDir) await rm(dataDir, {recursive: true, force: true});
		},
	};
}

let counter = 0;
/** A check event: `passed` step ids pass, the step `at` fails on `rule` (unless it is in passed). */
export function checkEvent(student: string, name: string, at: string, passed: readonly string[], rule = 'input-binding/route-mismatch', lab = 'lab-a'): RoomEvent {
	const steps = ['component', 'handler', 'dockerfile', 'run', 'triggers'].map((id) => ({id, status: passed.includes(id) ? ('pass' as const) : id === at ? ('fail' as const) : ('todo' as const), failing: passed.includes(id) || id !== at ? [] : [rule]}));
	return {kind: 'check', id: `e-${process.pid}-${++counter}`, student, name, at: 1, lab, step: at, steps, findings: passed.includes(at) ? [] : [{rule, file: 'app.py', line: 12, severity: 'error'}]};
}

export function hintEvent(student: string, name: string, level: number): RoomEvent {
	return {kind: 'hint', id: `h-${student}-${level}`, student, name, at: 1, lab: 'lab-a', step: 'handler', level};
}

export async function post(url: string, code: string, events: readonly RoomEvent[] | unknown, init: {readonly raw?: string; readonly signal?: AbortSignal} = {}): Promise<Response> {
	return fetch(`${url}/api/events`, {method: 'POST', headers: {authorization: `Bearer ${code}`, 'content-type': 'application/json'}, body: init.raw ?? JSON.stringify({events}), ...(init.signal ? {signal: init.signal} : {})});
}

export async function grid(url: string, token: string): Promise<RoomView> {
	const response = await fetch(`${url}/api/grid`, {headers: {authorization: `Bearer ${token}`}});
	if (!response.ok) throw new Error(`grid: ${response.status}`);
	return (await response.json()) as RoomView;
}

/** Polls until `predicate` holds (bounded by a count of tries, not by asserting any time). */
export async function until<T>(read: () => Promise<T>, predicate: (value: T) => boolean, what: string, tries = 600, everyMs = 100): Promise<T> {
	let last: T | undefined;
	for (let i = 0; i < tries; i++) {
		try {
			last = await read();
			if (predicate(last)) return last;
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
	throw new Error(`Gave up waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 2000)}`);
}

/** Runs `work` over `items` with at most `limit` at once. */
export async function bounded<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({length: Math.min(limit, items.length)}, async () => {
			while (next < items.length) {
				const index = next++;
				await work(items[index]!, index);
			}
		}),
	);
}
