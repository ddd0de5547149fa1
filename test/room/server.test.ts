// The room server on loopback with the embedded store: 500 students at once, each counted once, resends too.
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {bounded, checkEvent, grid, hintEvent, post, startTestRoom, type TestRoom} from './helpers.js';

describe('room server (embedded store)', () => {
	let room: TestRoom;
	beforeAll(async () => {
		room = await startTestRoom({rate: {burst: 1000, perSecond: 1000}});
	});
	afterAll(async () => {
		await room?.stop();
	});

	it('counts 500 students posting concurrently exactly once, resends included', async () => {
		const students = Array.from({length: 500}, (_, index) => `student-${index}`);
		const acks: {added: number; duplicates: number}[] = [];
		// Each student: a check event and three hints, then the very same request again (a resend after a lost ack).
		await bounded(students, 100, async (student, index) => {
			const events = [checkEvent(student, `Student ${index}`, index % 2 ? 'handler' : 'dockerfile', index % 2 ? ['component'] : ['component', 'handler']), hintEvent(student, `Student ${index}`, 1), hintEvent(student, `Student ${index}`, 2), hintEvent(student, `Student ${index}`, 3)];
			for (let round = 0; round < 2; round++) {
				const response = await post(room.server.url, room.tokens.join, events);
				expect(response.status).toBe(200);
				acks.push((await response.json()) as {added: number; duplicates: number});
			}
		});
		expect(acks.reduce((sum, ack) => sum + ack.added, 0)).toBe(2000);
		expect(acks.reduce((sum, ack) => sum + ack.duplicates, 0)).toBe(2000);
		const view = await grid(room.server.url, room.tokens.instructor);
		expect(view.totals).toEqual({students: 500, events: 2000, stuck: 0});
		expect(view.rows.every((row) => row.hints === 3)).toBe(true);
		expect(view.top[0]).toMatchObject({rule: 'input-binding/route-mismatch', count: 500});
		// The log holds each event once.
		const lines = (await readFile(join(room.dataDir, 'events.ndjson'), 'utf8')).trim().split('\n');
		expect(lines).toHaveLength(2000);
		expect(new Set(lines.map((line) => (JSON.parse(line) as {id: string}).id)).size).toBe(2000);
	});

	it('serves the page, CSV and JSON exports and a student detail only with the instructor token', async () => {
		const page = await fetch(`${room.server.url}/`);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
		expect(await page.text()).toContain('<script src="room.js"');
		for (const path of ['/api/grid', '/api/grid.csv', '/api/student/student-1', '/api/stream']) {
			expect((await fetch(`${room.server.url}${path}`)).status).toBe(401);
			expect((await fetch(`${room.server.url}${path}?token=${room.tokens.join}`)).status).toBe(401);
		}
		const csv = await (await fetch(`${room.server.url}/api/grid.csv?token=${room.tokens.instructor}`)).text();
		expect(csv.split('\r\n')[0]).toMatch(/^student,name,lab,step,stuck on/);
		expect(csv.trim().split('\r\n')).toHaveLength(501);
		const detail = (await (await fetch(`${room.server.url}/api/student/student-1?token=${room.tokens.instructor}`)).json()) as {findings: {file: string; line: number}[]};
		expect(detail.findings[0]).toMatchObject({file: 'app.py', line: 12});
		// The join code cannot read the grid and the instructor token cannot post.
		expect((await post(room.server.url, room.tokens.instructor, [hintEvent('x', 'X', 1)])).status).toBe(401);
	});
});
