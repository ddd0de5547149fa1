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
		expect(findings[0]!.message).toBe('The spec.type "timer" is not a Dapr component type; daprd fails with `incorrect type timer`.');
	});
	test('daprd\'s own texts: incorrect type for an unknown prefix, couldn\'t find binding for an unknown bindings.* name', () => {
		const prefix = check(RULE, complete({'components/cron-binding.yaml': CRON_YAML.replace('bindings.cron', 'binding.cron')}));
		expect(prefix[0]!.message).toContain('`incorrect type binding.cron`');
		const name = check(RULE, complete({'components/cron-binding.yaml': CRON_YAML.replace('bindings.cron', 'bindings.cronn')}));
		expect(name[0]!.message).toContain("`couldn't find binding cleanup-cron (bindings.cronn/v1)`");
	});
	test.each([
		['bindings.twitter', 'v1.11'],
		['pubsub.hazelcast', 'v1.11'],
		['pubsub.natsstreaming', 'v1.13'],
	])('removed type %s names its release instead of a did-you-mean', (type, release) => {
		const findings = check(RULE, complete({'components/x.yaml': CRON_YAML.replace('name: cleanup-cron', 'name: x').replace('bindings.cron', type)}));
		expect(findings.map((f) => f.ruleId)).toEqual([RULE]);
		expect(findings[0]!.message).toBe(`The spec.type "${type}" was removed from Dapr in ${release}; daprd ${release} and later cannot load it.`);
		expect(findings[0]!.message).not.toContain('did you mean');
	});
	test('missing spec.type', () => {
		expect(check(RULE, complete({'components/cron-binding.yaml': CRON_YAML.replace('  type: bindings.cron\n', '')})).map((f) => f.ruleId)).toEqual([RULE]);
	});
});
