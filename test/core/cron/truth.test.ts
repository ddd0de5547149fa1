// The 65 schedules whose validity, error text and fire times the Go parser (dapr/kit cron) itself produced.
import {existsSync, readFileSync} from 'node:fs';
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
const truthPath = resolve(repoRoot, '../shared/reference/cron-truth-sample.json');
const present = existsSync(truthPath);
const required = process.env['DAPR_LABS_REQUIRE_E2E'] === '1';

describe('dapr/kit cron truth sample', () => {
	if (!present) {
		// Only the shared reference folder holds this file; CI (DAPR_LABS_REQUIRE_E2E=1) must have it.
		it.skipIf(!required)(`needs ${truthPath}`, () => {
			expect.fail(`${truthPath} is missing (required because DAPR_LABS_REQUIRE_E2E=1)`);
		});
		if (!required) console.log(`skipping the Go truth cases: ${truthPath} is absent`);
		return;
	}

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
