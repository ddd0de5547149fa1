import {describe, expect, test} from 'vitest';
import {at, check, complete, CRON_YAML, HTTP_YAML} from '../../../helpers/rules.js';

const RULE = 'binding/direction-mismatch';
const CRON = 'components/cron-binding.yaml';
const HTTP = 'components/http-binding.yaml';

describe(RULE, () => {
	test('valid: reference components, and no direction at all', () => {
		expect(check(RULE, complete())).toEqual([]);
		expect(check(RULE, complete({[CRON]: CRON_YAML.replace('    - name: direction\n      value: "input"\n', '')}))).toEqual([]);
	});
	test('cron with direction output: never fires (error) and has no output side (warning)', () => {
		const findings = check(RULE, complete({[CRON]: CRON_YAML.replace('value: "input"', 'value: "output"')}));
		expect(at(findings)).toEqual([
			[RULE, 'error', CRON, 12, 14],
			[RULE, 'warning', CRON, 12, 14],
		]);
		expect(findings[0]!.message).toContain('loads but never fires');
	});
	test('http with direction input cannot be invoked', () => {
		const findings = check(RULE, complete({[HTTP]: HTTP_YAML.replace('value: "output"', 'value: "input"')}));
		expect(findings.map((f) => [f.severity, f.line])).toEqual([
			['error', 12],
			['warning', 12],
		]);
		expect(findings[0]!.message).toContain("couldn't find output binding monitoring-webhook");
	});
	test('cron with "input, output" only warns', () => {
		expect(at(check(RULE, complete({[CRON]: CRON_YAML.replace('value: "input"', 'value: "input, output"')})))).toEqual([[RULE, 'warning', CRON, 12, 14]]);
	});
	test('an empty direction registers neither side', () => {
		const findings = check(RULE, complete({[CRON]: CRON_YAML.replace('value: "input"', 'value: ""')}));
		expect(at(findings)).toEqual([[RULE, 'error', CRON, 12, 14]]);
		expect(findings[0]!.message).toContain('neither an input nor an output');
	});
	test('invalid parts are left to binding/direction-invalid', () => {
		expect(check(RULE, complete({[CRON]: CRON_YAML.replace('value: "input"', 'value: "inputs"')}))).toEqual([]);
	});
});
