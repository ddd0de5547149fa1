import {describe, expect, test} from 'vitest';
import {at, check, complete, CRON_YAML} from '../../../helpers/rules.js';

const RULE = 'component/name';

describe(RULE, () => {
	test('valid', () => expect(check(RULE, complete())).toEqual([]));
	test('capitals and underscores are a warning with the fixed name', () => {
		const findings = check(RULE, complete({'components/cron-binding.yaml': CRON_YAML.replace('name: cleanup-cron', 'name: Cleanup_Cron')}));
		expect(at(findings)).toEqual([[RULE, 'warning', 'components/cron-binding.yaml', 4, 9]]);
		expect(findings[0]!.hint).toContain('cleanup-cron');
	});
	test('empty name is an error', () => {
		expect(at(check(RULE, complete({'components/cron-binding.yaml': CRON_YAML.replace('name: cleanup-cron', 'name: ""')})))).toEqual([[RULE, 'error', 'components/cron-binding.yaml', 4, 9]]);
	});
	test('missing metadata.name is an error', () => {
		const findings = check(RULE, complete({'components/cron-binding.yaml': CRON_YAML.replace('metadata:\n  name: cleanup-cron\n', '')}));
		expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([[RULE, 'error']]);
	});
});

describe('component/name: names self-hosted daprd skips (k8s path.IsValidPathSegmentName in the disk loader)', () => {
	test.each([['..', 'may not be ".."'], ['a/b', 'may not contain "/"'], ['50%', 'may not contain "%"']])('%s is an error', (name, why) => {
		const findings = check('component/name', complete({'components/cron-binding.yaml': CRON_YAML.replace('name: cleanup-cron', `name: "${name}"`)}));
		expect(findings.map((f) => f.severity)).toEqual(['error']);
		expect(findings[0]!.message).toContain(why);
	});
	test('a dotted name is only the lab\'s DNS-label warning (self-hosted daprd loads it)', () => {
		const findings = check('component/name', complete({'components/cron-binding.yaml': CRON_YAML.replace('name: cleanup-cron', 'name: cleanup.cron')}));
		expect(findings.map((f) => f.severity)).toEqual(['warning']);
	});
});
