import {describe, expect, test} from 'vitest';
import {at, check, complete, CRON_YAML} from '../../../helpers/rules.js';

const RULE = 'cron/five-field';
const FILE = 'components/cron-binding.yaml';
const withSchedule = (value: string) => complete({[FILE]: CRON_YAML.replace('value: "@every 30s"', `value: "${value}"`)});

describe(RULE, () => {
	test.each(['@every 30s', '*/30 * * * * *', '@hourly', 'nonsense'])('valid: %s', (value) => {
		expect(check(RULE, withSchedule(value))).toEqual([]);
	});
	test('*/30 * * * * fires every 30 minutes; the hint offers @every 30s and the 6-field form', () => {
		const findings = check(RULE, withSchedule('*/30 * * * *'));
		expect(at(findings)).toEqual([[RULE, 'error', FILE, 10, 14]]);
		expect(findings[0]!.message).toContain('standard crontab');
		expect(findings[0]!.message).toContain('second 0');
		expect(findings[0]!.message).toMatch(/30 minutes/);
		expect(findings[0]!.hint).toContain('@every 30s');
		expect(findings[0]!.hint).toContain('0 */30 * * * *');
	});
	test('a daily crontab line gets only the 6-field form', () => {
		const findings = check(RULE, withSchedule('0 2 * * *'));
		expect(findings[0]!.hint).toBe('Write the 6-field form `value: "0 0 2 * * *"` (second minute hour day month weekday).');
	});
});
