import {describe, expect, test} from 'vitest';
import {at, check, complete, CRON_YAML} from '../../../helpers/rules.js';

const RULE = 'component/unknown-type';

describe(RULE, () => {
	test('valid, including an alias (bindings.postgresql)', () => {
		expect(check(RULE, complete({'components/db.yaml': CRON_YAML.replace('name: cleanup-cron', 'name: db').replace('bindings.cron', 'bindings.postgresql')}))).toEqual([]);
	});
	test('a typo gets did-you-mean', () => {
		const findings = check(RULE, complete({'components/cron-binding.yaml': CRON_YAML.replace('bindings.cron', 'binding.cron')}));
		expect(at(findings)).toEqual([[RULE, 'error', 'components/cron-binding.yaml', 6, 9]]);
		expect(findings[0]!.message).toContain('did you mean bindings.cron?');
		expect(findings[0]!.hint).toBe('Write `type: bindings.cron`.');
	});
	test('nothing close', () => {
		const findings = check(RULE, complete({'components/cron-binding.yaml': CRON_YAML.replace('bindings.cron', 'timer')}));
		expect(findings[0]!.message).toBe('The spec.type "timer" is not a Dapr component type.');
	});
	test('missing spec.type', () => {
		expect(check(RULE, complete({'components/cron-binding.yaml': CRON_YAML.replace('  type: bindings.cron\n', '')})).map((f) => f.ruleId)).toEqual([RULE]);
	});
});
