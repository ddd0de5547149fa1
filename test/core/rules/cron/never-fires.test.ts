import {describe, expect, test} from 'vitest';
import {at, check, complete, CRON_YAML} from '../../../helpers/rules.js';

const RULE = 'cron/never-fires';
const FILE = 'components/cron-binding.yaml';
const withSchedule = (value: string) => complete({[FILE]: CRON_YAML.replace('value: "@every 30s"', `value: "${value}"`)});

describe(RULE, () => {
	test.each(['@every 30s', '0 0 0 29 2 *', '0 0 0 31 * *'])('valid: %s', (value) => {
		expect(check(RULE, withSchedule(value))).toEqual([]);
	});
	test.each(['0 0 0 30 2 *', '0 0 0 31 4 *'])('never fires: %s', (value) => {
		const findings = check(RULE, withSchedule(value));
		expect(at(findings)).toEqual([[RULE, 'warning', FILE, 10, 14]]);
	});
});
