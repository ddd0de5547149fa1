// Two room servers on two ports over one real redis-server: the same room, the same grid, each event counted once.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openRedisStore} from '../../src/runner/room/redis-store.js';
import {hasRedisServer, missing, startRedis, type RedisServer} from '../runner/e2e-helpers.js';
import {bounded, checkEvent, grid, hintEvent, post, startTestRoom, until, type TestRoom} from './helpers.js';

const skip = (await hasRedisServer()) ? null : missing('redis-server is not installed (the room Redis store test needs it)');

describe.skipIf(skip !== null)('room servers sharing a Redis store', () => {
	let redis: RedisServer;
	const rooms: TestRoom[] = [];
	beforeAll(async () => {
		redis = await startRedis();
		const url = `redis://127.0.0.1:${redis.port}`;
		for (let index = 0; index < 2; index++) rooms.push(await startTestRoom({store: await openRedisStore(url, 'class-1'), rate: {burst: 1000, perSecond: 1000}}));
	});
	afterAll(async () => {
		for (const room of rooms) await room.stop();
		await redis?.stop();
	});

	it('serves one grid from both servers, with the same codes, counting resends through either server once', async () => {
		const [a, b] = rooms as [TestRoom, TestRoom];
		expect(a.server.port).not.toBe(b.server.port);
		expect(a.tokens).toEqual(b.tokens);
		const students = Array.from({length: 100}, (_, index) => `s${index}`);
		await bounded(students, 25, async (student, index) => {
			const events = [checkEvent(student, `Student ${index}`, 'handler', ['component']), hintEvent(student, `Student ${index}`, 1)];
			// Half go through each server, and every request is resent through the other one.
			const [first, second] = index % 2 ? [a, b] : [b, a];
			expect((await post(first.server.url, first.tokens.join, events)).status).toBe(200);
			expect(await (await post(second.server.url, second.tokens.join, events)).json()).toEqual({added: 0, duplicates: 2});
		});
		const fromA = await until(() => grid(a.server.url, a.tokens.instructor), (view) => view.totals.events === 200, 'server A to see all 200 events');
		const fromB = await until(() => grid(b.server.url, b.tokens.instructor), (view) => view.totals.events === 200, 'server B to see all 200 events');
		expect(fromA.totals.students).toBe(100);
		expect({...fromB, now: 0}).toEqual({...fromA, now: 0, rows: fromA.rows.map((row, index) => ({...row, cells: fromB.rows[index]!.cells}))});
		expect(fromB.rows.map((row) => row.student)).toEqual(fromA.rows.map((row) => row.student));

		// A fix posted to A turns the cell green on B.
		expect((await post(a.server.url, a.tokens.join, [checkEvent('s7', 'Student 7', 'dockerfile', ['component', 'handler'], 'dockerfile/cmd')])).status).toBe(200);
		const column = fromB.columns.findIndex((c) => c.lab === 'lab-a' && c.step === 'handler');
		await until(() => grid(b.server.url, b.tokens.instructor), (view) => view.rows.find((row) => row.student === 's7')?.cells[column]?.status === 'pass', 's7’s handler cell to pass on server B');
	});

	it('a third server started later rebuilds the same room from the stream', async () => {
		const late = await startTestRoom({store: await openRedisStore(`redis://127.0.0.1:${redis.port}`, 'class-1')});
		try {
			const view = await grid(late.server.url, late.tokens.instructor);
			expect(view.totals).toMatchObject({students: 100, events: 201});
		} finally {
			await late.stop();
		}
	});
});
