import {describe, expect, it} from 'vitest';
import {groupMembers, startGroup} from '../../src/runner/process-tree.js';

describe('startGroup', () => {
	it('kills the whole group, grandchildren included', async () => {
		const child = startGroup('sh', ['-c', 'sleep 300 & sleep 300 & echo started; wait'], {cwd: process.cwd(), env: process.env});
		expect(child.pid).toBeGreaterThan(0);
		for (let i = 0; i < 100 && (await groupMembers(child.pid)).length < 3; i++) await new Promise((r) => setTimeout(r, 50));
		expect((await groupMembers(child.pid)).length).toBeGreaterThanOrEqual(3);
		await child.stop(2000);
		expect(await groupMembers(child.pid)).toEqual([]);
	});

	it('escalates to SIGKILL when the group ignores SIGTERM', async () => {
		const child = startGroup('sh', ['-c', "trap '' TERM; sleep 300 & wait; sleep 300"], {cwd: process.cwd(), env: process.env});
		for (let i = 0; i < 100 && (await groupMembers(child.pid)).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
		await child.stop(300);
		expect(await groupMembers(child.pid)).toEqual([]);
	});
});
