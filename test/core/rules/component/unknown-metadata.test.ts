import rule from '../../../../src/core/rules/component/unknown-metadata.js';
import {complete, component, CRON_YAML, HTTP_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const CRON = 'components/cron-binding.yaml';
const HTTP = 'components/http-binding.yaml';
const cron = (yaml: string) => complete({[CRON]: yaml});
const http = (yaml: string) => complete({[HTTP]: yaml});
const rabbit = (key: string) => complete({'components/pubsub.yaml': `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: pubsub\nspec:\n  type: pubsub.rabbitmq\n  version: v1\n  metadata:\n    - name: ${key}\n      value: "amqp://localhost:5672"\n`});

ruleTester.run(rule, {
	valid: [
		{name: 'direction and route are runtime keys of bindings', files: cron(CRON_YAML + '    - name: route\n      value: /cron\n')},
		// Case per key, as each key is read (issue 9).
		{name: 'URL on bindings.http (DecodeMetadata, any case)', files: http(HTTP_YAML.replace('- name: url', '- name: URL'))},
		{name: 'Schedule on bindings.cron (DecodeMetadata, any case)', files: cron(CRON_YAML.replace('- name: schedule', '- name: Schedule'))},
		{name: 'Direction (strings.EqualFold in daprd)', files: cron(CRON_YAML.replace('- name: direction', '- name: Direction'))},
		{name: 'errorIfNot2XX spelt exactly', files: http(`${HTTP_YAML}    - name: errorIfNot2XX\n      value: "false"\n`)},
	],
	invalid: [
		{name: 'a misspelt key gets did-you-mean (shedule, ignored by daprd)', files: cron(CRON_YAML.replace('name: schedule', 'name: shedule')), errors: [{messageId: 'unknownNear', file: CRON, line: 9, column: 13, severity: 'warning', message: /did you mean schedule\?/}]},
		{name: '`Route` is not `route` (daprd compares it exactly)', files: cron(CRON_YAML + '    - name: Route\n      value: /cron\n'), errors: [{messageId: 'unknownNear', file: CRON, line: 13, column: 13, severity: 'warning'}]},
		{
			name: 'ErrorIfNot2XX (a direct map lookup: only the exact spelling)',
			files: http(`${HTTP_YAML}    - name: ErrorIfNot2XX\n      value: "false"\n`),
			errors: [{messageId: 'unknownNear', line: 13, column: 13, severity: 'warning', message: /did you mean errorIfNot2XX\?/}],
		},
		{
			name: 'the quickstart postgres binding\'s `url` is a legacy key daprd still reads: info, not a warning',
			files: complete({'components/binding-postgres.yaml': component('sqldb', 'bindings.postgres', {url: 'user=postgres password=docker host=localhost port=5432 dbname=orders'})}),
			errors: [{messageId: 'legacy', file: 'components/binding-postgres.yaml', line: 9, column: 13, severity: 'info', message: /connectionString/}],
		},
		{
			name: 'kafka `authRequired` is legacy too; a typo of it is still a warning',
			files: complete({'components/kafka.yaml': component('kafkabinding', 'bindings.kafka', {topics: 'sample', brokers: 'localhost:9092', authRequired: 'false', authRequird: 'x'})}),
			errors: [
				{messageId: 'legacy', file: 'components/kafka.yaml', line: 13, column: 13, severity: 'info'},
				{messageId: 'unknown', file: 'components/kafka.yaml', line: 15, column: 13, severity: 'warning'},
			],
		},
		{
			name: 'pubsub.rabbitmq host is read and mapped to connectionString: info, not a warning',
			files: rabbit('host'),
			errors: [{messageId: 'legacy', line: 9, column: 13, severity: 'info', message: 'Type pubsub.rabbitmq still reads the older key "host" as connectionString, so this works; newer Dapr docs write connectionString.'}],
		},
		{name: 'pubsub.rabbitmq Host is not', files: rabbit('Host'), errors: [{messageId: 'unknown', line: 9, column: 13, severity: 'warning'}]},
	],
});
