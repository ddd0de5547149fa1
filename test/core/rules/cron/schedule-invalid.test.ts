import {describe, expect, test} from 'vitest';
import {at, check, complete, CRON_YAML} from '../../../helpers/rules.js';

const RULE = 'cron/schedule-invalid';
const FILE = 'components/cron-binding.yaml';
const withSchedule = (value: string) => complete({[FILE]: CRON_YAML.replace('value: "@every 30s"', `value: "${value}"`)});

describe(RULE, () => {
	test.each(['@every 30s', '*/30 * * * * *', '0 0 */6 ? * *', '*/15 * * * *', 'TZ=UTC @daily', 'CRON_TZ=America/New_York 0 30 4 * * *'])('valid: %s', (value) => {
		expect(check(RULE, withSchedule(value))).toEqual([]);
	});
	test.each([
		['INVALID_SCHEDULE', 'expected 5 to 6 fields, found 1: [INVALID_SCHEDULE]'],
		['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
		['@every 10', 'missing unit in duration'],
		['0 0 L * *', 'failed to parse int from L'],
	])('invalid: %s', (value, error) => {
		const findings = check(RULE, withSchedule(value));
		expect(at(findings)).toEqual([[RULE, 'error', FILE, 10, 14]]);
		expect(findings[0]!.message).toContain(`invalid schedule format '${value}'`);
		expect(findings[0]!.message).toContain(error);
	});
	test('an envRef schedule cannot be checked: info', () => {
		const findings = check(RULE, complete({[FILE]: CRON_YAML.replace('value: "@every 30s"', 'envRef: CRON_SCHEDULE')}));
		expect(at(findings)).toEqual([[RULE, 'info', FILE, 10, 15]]);
	});
	test('an empty schedule', () => {
		expect(at(check(RULE, withSchedule('')))).toEqual([[RULE, 'error', FILE, 10, 14]]);
	});
});
