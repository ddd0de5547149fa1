import {describe, expect, test} from 'vitest';
import {at, check, complete, CRON_YAML} from '../../../helpers/rules.js';

const RULE = 'binding/direction-invalid';
const FILE = 'components/cron-binding.yaml';

describe(RULE, () => {
	test.each(['input', 'INPUT', ' input , output ', 'input,'])('valid: %j', (value) => {
		expect(check(RULE, complete({[FILE]: CRON_YAML.replace('value: "input"', `value: "${value}"`)}))).toEqual([]);
	});
	test.each([
		['inputs', 'input'],
		['in', 'input'],
		['both', 'input, output'],
	])('invalid: %j', (value, fix) => {
		const findings = check(RULE, complete({[FILE]: CRON_YAML.replace('value: "input"', `value: "${value}"`)}));
		expect(at(findings)).toEqual([[RULE, 'error', FILE, 12, 14]]);
		expect(findings[0]!.hint).toBe(`Write \`value: "${fix}"\`.`);
	});
	test('each bad part is reported', () => {
		expect(check(RULE, complete({[FILE]: CRON_YAML.replace('value: "input"', 'value: "read, write"')}))).toHaveLength(2);
	});
});
