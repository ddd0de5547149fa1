// `room watch`'s Ink view: the grid with marks per step, stuck students, the top rules; student text without escapes.
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {columnsOf, foldRoom, roomView} from '../../src/core/room/grid.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {RoomWatch} from '../../src/ui/room-watch.js';
import {checkEvent} from './helpers.js';

afterEach(() => cleanup());

describe('room watch (Ink)', () => {
	it('draws the grid and leaves no student escape sequence in the frame', async () => {
		const columns = columnsOf(await loadLabs());
		const events = [
			{...checkEvent('a', 'Ada', 'dockerfile', ['component', 'handler'], 'dockerfile/cmd'), received: 0},
			{...checkEvent('m', '\u001B]0;pwned\u0007\u001B[2JMal\u001B[31mlory', 'handler', ['component']), received: 0},
		];
		const view = roomView(foldRoom(events), {now: 400_000, columns, stuckAfterMs: 300_000});
		const {lastFrame} = render(<RoomWatch load={async () => view} intervalMs={60_000} base="http://127.0.0.1:4747" width={100} />);
		for (let i = 0; i < 100 && !lastFrame()?.includes('Mallory'); i++) await new Promise((resolve) => setTimeout(resolve, 10));
		const frame = lastFrame() ?? '';
		expect(frame).toContain('2 students · 2 stuck');
		expect(frame).toMatch(/Ada\s+✔✔✘··/);
		// The rule may wrap to the next row and be cut at the terminal's edge once seven labs widen the grid.
		expect(frame).toMatch(/Mallory\s+✔✘···\s+lab-a\/handler STUCK\s+input-binding\/route-mismat/);
		expect(frame).toContain('Most frequent failing rules:');
		expect(frame).not.toContain('pwned');
		expect(frame).not.toContain('[2J');
	});
});
