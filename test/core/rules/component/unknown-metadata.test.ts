import {describe, expect, test} from 'vitest';
import {at, check, complete, component, CRON_YAML} from '../../../helpers/rules.js';

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
	test('the quickstart postgres binding\'s `url` is a legacy key daprd still reads: info, not a warning', () => {
		const postgres = component('sqldb', 'bindings.postgres', {url: 'user=postgres password=docker host=localhost port=5432 dbname=orders'});
		const findings = check(RULE, complete({'components/binding-postgres.yaml': postgres}));
		expect(at(findings)).toEqual([[RULE, 'info', 'components/binding-postgres.yaml', 9, 13]]);
		expect(findings[0]!.message).toContain('connectionString');
	});
	test('kafka `authRequired` is legacy too; a typo of it is still a warning', () => {
		const kafka = component('kafkabinding', 'bindings.kafka', {topics: 'sample', brokers: 'localhost:9092', authRequired: 'false', authRequird: 'x'});
		const findings = check(RULE, complete({'components/kafka.yaml': kafka}));
		expect(findings.map((f) => f.severity)).toEqual(['info', 'warning']);
	});
});
