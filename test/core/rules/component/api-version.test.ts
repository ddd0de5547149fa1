import {describe, expect, test} from 'vitest';
import {at, check, complete, CRON_YAML} from '../../../helpers/rules.js';

const RULE = 'component/api-version';

describe(RULE, () => {
	test('valid', () => expect(check(RULE, complete())).toEqual([]));
	test.each([
		['wrong version', CRON_YAML.replace('dapr.io/v1alpha1', 'dapr.io/v1'), [[RULE, 'error', 'components/cron-binding.yaml', 1, 13]]],
		['missing', CRON_YAML.replace('apiVersion: dapr.io/v1alpha1\n', ''), [[RULE, 'error', 'components/cron-binding.yaml', 1, 1]]],
	] as const)('invalid: %s', (_name, yaml, expected) => {
		expect(at(check(RULE, complete({'components/cron-binding.yaml': yaml})))).toEqual(expected);
	});
});
