import {describe, expect, test} from 'vitest';
import {at, check, complete, CRON_YAML} from '../../../helpers/rules.js';

const RULE = 'component/kind';

describe(RULE, () => {
	test('valid', () => expect(check(RULE, complete())).toEqual([]));
	test('lower-case kind', () => {
		const findings = check(RULE, complete({'components/cron-binding.yaml': CRON_YAML.replace('kind: Component', 'kind: component')}));
		expect(at(findings)).toEqual([[RULE, 'error', 'components/cron-binding.yaml', 2, 7]]);
		expect(findings[0]!.hint).toContain('kind: Component');
	});
	test('missing kind', () => {
		expect(at(check(RULE, complete({'components/cron-binding.yaml': CRON_YAML.replace('kind: Component\n', '')})))).toEqual([[RULE, 'error', 'components/cron-binding.yaml', 1, 1]]);
	});
});
