import {describe, expect, test} from 'vitest';
import {at, check, complete, CRON_YAML} from '../../../helpers/rules.js';

const RULE = 'component/unknown-metadata';

describe(RULE, () => {
	test('valid: direction and route are runtime keys of bindings', () => {
		expect(check(RULE, complete({'components/cron-binding.yaml': CRON_YAML + '    - name: route\n      value: /cron\n'}))).toEqual([]);
	});
	test('a misspelt key gets did-you-mean', () => {
		const findings = check(RULE, complete({'components/cron-binding.yaml': CRON_YAML.replace('name: schedule', 'name: shedule')}));
		expect(at(findings)).toEqual([[RULE, 'warning', 'components/cron-binding.yaml', 9, 13]]);
		expect(findings[0]!.message).toContain('did you mean schedule?');
	});
	test('`Route` is not `route` (daprd compares it exactly)', () => {
		const findings = check(RULE, complete({'components/cron-binding.yaml': CRON_YAML + '    - name: Route\n      value: /cron\n'}));
		expect(at(findings)).toEqual([[RULE, 'warning', 'components/cron-binding.yaml', 13, 13]]);
	});
});
