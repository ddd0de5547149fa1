import {describe, expect, test} from 'vitest';
import {at, check, complete, CRON_YAML} from '../../../helpers/rules.js';

const RULE = 'component/version';

describe(RULE, () => {
	test('valid', () => expect(check(RULE, complete())).toEqual([]));
	test('missing version is a warning at spec.type', () => {
		const findings = check(RULE, complete({'components/cron-binding.yaml': CRON_YAML.replace('  version: v1\n', '')}));
		expect(at(findings)).toEqual([[RULE, 'warning', 'components/cron-binding.yaml', 6, 9]]);
		expect(findings[0]!.hint).toContain('version: v1');
	});
});
