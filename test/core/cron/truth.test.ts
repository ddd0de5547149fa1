// The 65 schedules whose validity, error text and fire times the Go parser (dapr/kit cron) itself produced.
import {readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {nextFires, parseSchedule} from '../../../src/core/cron/index.js';

type TruthCase = {
	readonly schedule: string;
	readonly from: string;
	readonly tz: string;
	readonly valid: boolean;
	readonly error: string | null;
	readonly next: readonly string[];
	readonly form: string | null;
};

const repoRoot = join(import.meta.dirname, '..', '..', '..');
// A copy kept in the repository (test/fixtures/reference/SOURCE.md says where it comes from).
const truthPath = resolve(repoRoot, 'test/fixtures/reference/cron-truth-sample.json');

describe('dapr/kit cron truth sample', () => {
	const cases = (JSON.parse(readFileSync(truthPath, 'utf8')) as {cases: TruthCase[]}).cases;
	it('holds the 65 cases', () => {
		expect(cases).toHaveLength(65);
	});
	for (const [index, truth] of cases.entries()) {
		it(`#${index} ${JSON.stringify(truth.schedule)}`, () => {
			const schedule = parseSchedule(truth.schedule, {zone: truth.tz});
			if (schedule.ok) {
				expect({valid: true, form: schedule.form, next: nextFires(schedule, new Date(truth.from), truth.next.length || 5).map((d) => d.toISOString())}).toEqual({
					valid: truth.valid,
					form: truth.form,
					next: truth.next,
				});
			} else {
				expect({valid: false, error: schedule.error}).toEqual({valid: truth.valid, error: truth.error});
			}
		});
	}
});
