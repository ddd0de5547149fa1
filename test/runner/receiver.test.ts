import {describe, expect, it} from 'vitest';
import {startReceiver} from '../../src/runner/receiver.js';

describe('startReceiver', () => {
	it('echoes like httpbin /post and records the request', async () => {
		const receiver = await startReceiver();
		try {
			expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			const waiting = receiver.waitFor((r) => (r.json as {event?: string} | undefined)?.event === 'task.completed', 5000);
			const response = await fetch(`${receiver.url}/post`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({event: 'task.completed', task_id: 'task-42'})});
			const echo = (await response.json()) as {json: unknown; data: string};
			expect(echo.json).toEqual({event: 'task.completed', task_id: 'task-42'});
			const got = await waiting;
			expect(got).toMatchObject({method: 'POST', path: '/post', json: {event: 'task.completed', task_id: 'task-42'}});
			expect(await receiver.waitFor(() => false, 50)).toBeNull();
		} finally {
			await receiver.close();
		}
	});
});
