// Runs the hand-worked conformance table (conformance-table.ts) against the engine.
import {describe, expect, it} from 'vitest';
import {nextFires, parseSchedule} from '../../../src/core/cron/index.js';
import {CONFORMANCE, FROM} from './conformance-table.js';

describe('conformance table', () => {
	it('has at least 150 schedules', () => {
		expect(CONFORMANCE.length).toBeGreaterThanOrEqual(150);
	});

	for (const [index, row] of CONFORMANCE.entries()) {
		const label = `#${index} ${JSON.stringify(row.schedule)}${row.zone ? ` in ${row.zone}` : ''}${'why' in row && row.why ? ` (${row.why})` : ''}`;
		it(label, () => {
			const schedule = parseSchedule(row.schedule, {zone: row.zone ?? 'UTC'});
			if ('error' in row) {
				expect(schedule.ok ? {ok: true, form: schedule.form} : {ok: false, error: schedule.error}).toEqual({ok: false, error: row.error});
				return;
			}
			expect(schedule.ok ? {ok: true, form: schedule.form} : {ok: false, error: schedule.error}).toEqual({ok: true, form: row.form});
			if (!schedule.ok || row.next === null) return;
			const from = new Date(row.from ?? FROM);
			const want = row.next.map((text) => new Date(text).toISOString());
			const count = want.length === 0 ? 3 : want.length;
			expect(nextFires(schedule, from, count).map((date) => date.toISOString())).toEqual(want);
		});
	}
});
