// The embedded store's recovery and the workbook's queue: nothing lost, nothing counted twice.
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {StoredEvent} from '../../src/core/room/grid.js';
import {openFileStore} from '../../src/runner/room/file-store.js';
import {enqueue, joinRoom, readMembership, RoomSender} from '../../src/runner/room/queue.js';
import {grid, hintEvent, startTestRoom, until} from './helpers.js';

const temps: string[] = [];
async function temp(): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'dapr-labs-room-t-'));
	temps.push(dir);
	return dir;
}
afterEach(async () => {
	for (const dir of temps.splice(0)) await rm(dir, {recursive: true, force: true});
});

describe('embedded store recovery', () => {
	it('cuts a torn last line, skips a bad middle line with its line number, and appends after', async () => {
		const dir = await temp();
		const good = (level: number): StoredEvent => ({...hintEvent('s', 'S', level), received: level});
		await writeFile(join(dir, 'events.ndjson'), `${JSON.stringify(good(1))}\nnot json\n${JSON.stringify(good(2))}\n${JSON.stringify(good(3)).slice(0, 30)}`);
		const warnings: string[] = [];
		const store = await openFileStore(dir, (message) => warnings.push(message));
		const seen: StoredEvent[] = [];
		await store.start((events) => seen.push(...events));
		expect(seen.map((event) => event.id)).toEqual(['h-s-1', 'h-s-2']);
		expect(warnings).toEqual(['events.ndjson:2: not valid JSON; skipped.', 'events.ndjson: a torn last line (a write cut short) was removed; it had not been acknowledged.']);
		expect(await store.append([good(3), good(2)])).toEqual({added: 1, duplicates: 1});
		await store.close();
		const lines = (await readFile(join(dir, 'events.ndjson'), 'utf8')).split('\n');
		expect(lines.at(-1)).toBe('');
		expect(lines.slice(-2, -1).map((line) => (JSON.parse(line) as StoredEvent).id)).toEqual(['h-s-3']);
	});
});

describe('workbook queue', () => {
	it('keeps events while the room is down and sends them once when it is back', async () => {
		const dataDir = await temp();
		const lab = await temp();
		const room = await startTestRoom({dataDir});
		const port = room.server.port;
		const membership = await joinRoom(lab, `${room.server.url}/join/${room.tokens.join}`, 'Ada');
		expect(await readMembership(lab)).toEqual(membership);
		await room.stop();

		await enqueue(lab, membership, [{kind: 'hint', lab: 'lab-a', step: 'handler', level: 1}, {kind: 'hint', lab: 'lab-a', step: 'handler', level: 2}]);
		const sender = new RoomSender(lab, membership, {timeoutMs: 1000});
		const down = await sender.flush();
		expect(down.sent).toBe(0);
		expect(down.error).not.toBeNull();

		const back = await startTestRoom({dataDir, port});
		const retried = new RoomSender(lab, membership, {timeoutMs: 3000});
		expect(await retried.flush()).toEqual({sent: 3, pending: 0, error: null});
		// Lose the acknowledgement: the offset goes back, everything is resent, nothing is counted twice.
		await writeFile(join(lab, '.dapr-labs', 'room', 'sent'), '0');
		expect((await new RoomSender(lab, membership).flush()).sent).toBe(3);
		const view = await until(() => grid(back.server.url, back.tokens.instructor), (v) => v.totals.events === 3, 'the three events');
		expect(view.rows).toHaveLength(1);
		expect(view.rows[0]).toMatchObject({name: 'Ada', hints: 2});
		await back.stop();
	});

	it('rejects a wrong join code without writing a membership', async () => {
		const room = await startTestRoom();
		const lab = await temp();
		await expect(joinRoom(lab, `${room.server.url}/join/wrongcode`, 'Eve')).rejects.toThrow(/does not accept this join code/);
		expect(await readMembership(lab)).toBeNull();
		await room.stop();
	});
});
