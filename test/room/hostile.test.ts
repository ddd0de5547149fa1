// Hostile input: bad tokens, oversized and malformed events, a flood from one client, names with terminal escapes.
// The server keeps serving the others, and `room watch` shows no raw escapes.
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {packageRoot} from '../../src/runner/package-root.js';
import {ensureBuilt} from '../e2e/ensure-built.js';
import {checkEvent, grid, hintEvent, post, startTestRoom, type TestRoom} from './helpers.js';

const exec = promisify(execFile);
const ESCAPES = '\u001B[2J\u001B[H\u001B]0;pwned\u0007\u001B[31mMallory\u001B[0m\u009B31m\u202E';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202E]/;

describe('room server under hostile input', () => {
	let room: TestRoom;
	beforeAll(async () => {
		room = await startTestRoom({rate: {burst: 50, perSecond: 10}, maxStudents: 100});
	});
	afterAll(async () => {
		await room?.stop();
	});

	it('refuses bad tokens, oversized, malformed and ill-shaped bodies with a clear 4xx', async () => {
		const url = room.server.url;
		const ok = [checkEvent('honest', 'Honest', 'handler', ['component'])];
		expect((await post(url, 'wrong', ok)).status).toBe(401);
		expect((await post(url, '', ok)).status).toBe(401);
		expect((await post(url, room.tokens.join + 'x', ok)).status).toBe(401);
		expect((await fetch(`${url}/api/events`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({events: ok})})).status).toBe(401);

		const malformed = await post(url, room.tokens.join, null, {raw: '{"events": [{"kind": "check", '});
		expect(malformed.status).toBe(400);
		const huge = await post(url, room.tokens.join, null, {raw: JSON.stringify({events: ok, pad: 'x'.repeat(400_000)})});
		expect(huge.status).toBe(413);
		const cases: unknown[] = [
			[],
			[{...ok[0], kind: 'exec'}],
			[{...ok[0], extra: 'field'}],
			[{...ok[0], name: 'x'.repeat(1000)}],
			[{...ok[0], id: '../../etc/passwd'}],
			[{...ok[0], steps: Array.from({length: 50}, () => ({id: 'x', status: 'pass', failing: []}))}],
			[{...ok[0], at: 'yesterday'}],
			[{...ok[0], steps: [{id: 'x', status: 'pass', failing: ['a b']}]}],
			Array.from({length: 101}, (_, index) => hintEvent('many', 'Many', index)),
			[hintEvent('a', 'A', 1), hintEvent('b', 'B', 1)],
		];
		for (const events of cases) {
			const response = await post(url, room.tokens.join, events);
			expect(response.status, JSON.stringify(events).slice(0, 120)).toBe(400);
			expect(((await response.json()) as {error: string}).error.length).toBeGreaterThan(0);
		}
		expect((await post(url, room.tokens.join, ok)).status).toBe(200);
		const view = await grid(url, room.tokens.instructor);
		expect(view.rows.map((row) => row.student)).toEqual(['honest']);
	});

	it('shows a name full of terminal escapes cleaned in the grid, the CSV and `room watch`', async () => {
		const url = room.server.url;
		expect((await post(url, room.tokens.join, [checkEvent('mallory', ESCAPES, 'handler', ['component'])])).status).toBe(200);
		const view = await grid(url, room.tokens.instructor);
		const row = view.rows.find((candidate) => candidate.student === 'mallory')!;
		expect(row.name).toBe('Mallory');
		const csv = await (await fetch(`${url}/api/grid.csv?token=${room.tokens.instructor}`)).text();
		expect(CONTROL.test(csv.replaceAll('\r\n', ''))).toBe(false);

		const root = packageRoot();
		await ensureBuilt(root);
		const {stdout} = await exec(process.execPath, [join(root, 'bin', 'dapr-labs.js'), 'room', 'watch', `${url}/#token=${room.tokens.instructor}`, '--once']);
		expect(stdout).toContain('Mallory');
		expect(CONTROL.test(stdout.replaceAll('\n', ''))).toBe(false);
		const refused = await exec(process.execPath, [join(root, 'bin', 'dapr-labs.js'), 'room', 'watch', `${url}/#token=${room.tokens.join}`, '--once']).catch((error: {code: number; stderr: string}) => error);
		expect(refused).toMatchObject({code: 2});
		expect((refused as {stderr: string}).stderr).toContain('does not accept this instructor token');
	});
	it('rate-limits a flooding student while the others keep being served', async () => {
		const url = room.server.url;
		const flood = Array.from({length: 60}, (_, round) =>
			post(
				url,
				room.tokens.join,
				Array.from({length: 10}, (_, index) => ({...hintEvent('flooder', 'Flooder', index), id: `flood-${round}-${index}`})),
			).then((response) => response.status),
		);
		const others = Array.from({length: 20}, (_, index) => post(url, room.tokens.join, [checkEvent(`calm-${index}`, `Calm ${index}`, 'handler', ['component'])]).then((response) => response.status));
		const [floodStatuses, otherStatuses] = await Promise.all([Promise.all(flood), Promise.all(others)]);
		expect(floodStatuses.filter((status) => status === 429).length).toBeGreaterThan(40);
		expect(floodStatuses.every((status) => status === 200 || status === 429)).toBe(true);
		expect(otherStatuses.every((status) => status === 200)).toBe(true);
		const view = await grid(url, room.tokens.instructor);
		const flooder = view.rows.find((row) => row.student === 'flooder')!;
		expect(flooder.hints).toBeLessThanOrEqual(60);
		expect(view.rows.filter((row) => row.student.startsWith('calm-'))).toHaveLength(20);
		// A flood of made-up students stops at the room's size limit.
		const fakes = await Promise.all(Array.from({length: 120}, (_, index) => post(url, room.tokens.join, [hintEvent(`fake-${index}`, 'Fake', 1)]).then((response) => response.status)));
		expect(fakes.filter((status) => status === 403).length).toBeGreaterThan(0);
		expect((await grid(url, room.tokens.instructor)).totals.students).toBe(100);
	});

});
