import {describe, expect, test} from 'vitest';
import {at, check, complete, component, CRON_YAML, HTTP_YAML} from '../../../helpers/rules.js';

const HTTP_YAML2 = HTTP_YAML;
const CRON_YAML2 = CRON_YAML;
const check2 = (rule: string, yaml: string) => check(rule, complete({[yaml.includes('bindings.http') ? 'components/http-binding.yaml' : 'components/cron-binding.yaml']: yaml}));
const checkFile = (rule: string, file: string, yaml: string) => check(rule, complete({[file]: yaml}));

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

describe('component/unknown-metadata: case per key, as each key is read (issue 9)', () => {
	const RULE2 = 'component/unknown-metadata';
	test.each([
		['URL on bindings.http (DecodeMetadata, any case)', HTTP_YAML2.replace('- name: url', '- name: URL')],
		['Schedule on bindings.cron (DecodeMetadata, any case)', CRON_YAML2.replace('- name: schedule', '- name: Schedule')],
		['Direction (strings.EqualFold in daprd)', CRON_YAML2.replace('- name: direction', '- name: Direction')],
		['errorIfNot2XX spelt exactly', `${HTTP_YAML2}    - name: errorIfNot2XX\n      value: "false"\n`],
	])('valid: %s', (_name, yaml) => {
		expect(check2(RULE2, yaml)).toEqual([]);
	});
	test.each([
		['ErrorIfNot2XX (a direct map lookup: only the exact spelling)', `${HTTP_YAML2}    - name: ErrorIfNot2XX\n      value: "false"\n`, 'errorIfNot2XX', 'warning'],
		['shedule (a real misspelling, ignored by daprd)', CRON_YAML2.replace('- name: schedule', '- name: shedule'), 'schedule', 'warning'],
	])('invalid: %s', (_name, yaml, near, severity) => {
		const findings = check2(RULE2, yaml);
		expect(findings.map((f) => f.severity)).toEqual([severity]);
		expect(findings[0]!.message).toContain(`did you mean ${near}?`);
	});
	test('pubsub.rabbitmq host is read and mapped to connectionString: info, not a warning; Host is not', () => {
		const rabbit = (key: string) => `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: pubsub\nspec:\n  type: pubsub.rabbitmq\n  version: v1\n  metadata:\n    - name: ${key}\n      value: "amqp://localhost:5672"\n`;
		const findings = checkFile(RULE2, 'components/pubsub.yaml', rabbit('host'));
		expect(findings.map((f) => [f.severity, f.message])).toEqual([['info', 'Type pubsub.rabbitmq still reads the older key "host" as connectionString, so this works; newer Dapr docs write connectionString.']]);
		expect(checkFile(RULE2, 'components/pubsub.yaml', rabbit('Host')).map((f) => f.severity)).toEqual(['warning']);
	});
});
