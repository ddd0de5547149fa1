import rule from '../../../../src/core/rules/component/missing-metadata.js';
import {complete, component, CRON_YAML, HTTP_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const CRON = 'components/cron-binding.yaml';
const HTTP = 'components/http-binding.yaml';
const X = 'components/x.yaml';
const at = (file: string, key: string, messageId: 'missing' | 'missingInvoke' | 'empty' | 'emptyInvoke', line = 5, column = 1) => ({messageId, data: {key}, file, line, column, severity: 'error' as const, message: new RegExp(`"${key}"`)});

ruleTester.run(rule, {
	valid: [
		{name: 'also when the value comes from envRef', files: complete({[CRON]: CRON_YAML.replace('value: "@every 30s"', 'envRef: CRON_SCHEDULE')})},
		// SendGrid and SMTP keys a request can supply are not required on the component (dapr/samples calendar).
		{name: 'SendGrid with emailFrom and apiKey', files: complete({'components/sendgrid.yaml': component('sendgrid', 'bindings.twilio.sendgrid', {emailFrom: 'calendar@example.com', apiKey: 'x'})})},
		{name: 'localstorage needs nothing beyond rootPath', files: complete({[X]: component('files', 'bindings.localstorage', {rootPath: '/tmp/x'})})},
	],
	invalid: [
		{name: 'cron without schedule', files: complete({[CRON]: CRON_YAML.replace('    - name: schedule\n      value: "@every 30s"\n', '')}), errors: [{...at(CRON, 'schedule', 'missing'), hint: /- name: schedule/}]},
		{name: 'http without url', files: complete({[HTTP]: HTTP_YAML.replace('    - name: url\n      value: "https://httpbin.org/post"\n', '')}), errors: [{...at(HTTP, 'url', 'missingInvoke'), hint: /- name: url/, message: /"url"[\s\S]*it loads, but every invoke fails/}]},
		// smtp Init: `host and port fields are required in metadata` (bindings/smtp/smtp.go parseMetadata).
		{name: 'smtp without host and port', files: complete({'components/smtp.yaml': component('mail', 'bindings.smtp', {emailFrom: 'a@example.com'})}), errors: [at('components/smtp.yaml', 'host', 'missing'), at('components/smtp.yaml', 'port', 'missing')]},
		// Required keys follow Init, not metadata.yaml.
		{name: 'SendGrid apiKey', files: complete({[X]: component('sendgrid', 'bindings.twilio.sendgrid', {emailFrom: 'a@example.com'})}), errors: [at(X, 'apiKey', 'missing')]},
		{name: 'twilio.sms accountSid and authToken', files: complete({[X]: component('sms', 'bindings.twilio.sms', {fromNumber: '+1555'})}), errors: [at(X, 'accountSid', 'missing'), at(X, 'authToken', 'missing')]},
		{name: 'rabbitmq host', files: complete({[X]: component('q', 'bindings.rabbitmq', {queueName: 'q'})}), errors: [at(X, 'host', 'missing')]},
		{
			name: 'empty apiKey on SendGrid (the Init code tests == "")',
			files: complete({[X]: component('sendgrid', 'bindings.twilio.sendgrid', {apiKey: '', emailFrom: 'a@example.com'})}),
			errors: [{...at(X, 'apiKey', 'empty', 10, 14), message: /"apiKey"[\s\S]*fails to initialise/}],
		},
		{name: 'empty schedule', files: complete({[X]: CRON_YAML.replace('"@every 30s"', '""')}), errors: [{...at(X, 'schedule', 'empty', 10, 14), message: /"schedule"[\s\S]*fails to initialise/}]},
		{name: 'empty url on bindings.http: it loads, invokes fail', files: complete({[X]: HTTP_YAML.replace('"https://httpbin.org/post"', '""')}), errors: [{...at(X, 'url', 'emptyInvoke', 10, 14), message: /"url"[\s\S]*every invoke fails/}]},
		{
			name: 'the last of two url entries is empty (daprd keeps the last)',
			files: complete({[X]: HTTP_YAML.replace('  metadata:\n', '  metadata:\n    - name: url\n      value: "https://example.com"\n').replace('"https://httpbin.org/post"', '" "')}),
			errors: [{...at(X, 'url', 'emptyInvoke', 12, 14), message: /"url"[\s\S]*every invoke fails/}],
		},
	],
});
