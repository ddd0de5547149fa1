import {describe, expect, test} from 'vitest';
import {at, check, complete, component, CRON_YAML, HTTP_YAML} from '../../../helpers/rules.js';

const RULE = 'component/missing-metadata';

describe(RULE, () => {
	test('valid, also when the value comes from envRef', () => {
		expect(check(RULE, complete({'components/cron-binding.yaml': CRON_YAML.replace('value: "@every 30s"', 'envRef: CRON_SCHEDULE')}))).toEqual([]);
	});
	test.each([
		['cron without schedule', 'components/cron-binding.yaml', CRON_YAML.replace('    - name: schedule\n      value: "@every 30s"\n', ''), 'schedule'],
		['http without url', 'components/http-binding.yaml', HTTP_YAML.replace('    - name: url\n      value: "https://httpbin.org/post"\n', ''), 'url'],
	] as const)('%s', (_name, file, yaml, key) => {
		const findings = check(RULE, complete({[file]: yaml}));
		expect(findings.map((f) => [f.ruleId, f.severity, f.file, f.line, f.column])).toEqual([[RULE, 'error', file, 5, 1]]);
		expect(findings[0]!.message).toContain(`"${key}"`);
		expect(findings[0]!.hint).toContain(`- name: ${key}`);
	});
	test('SendGrid and SMTP keys a request can supply are not required on the component (dapr/samples calendar)', () => {
		const sendgrid = component('sendgrid', 'bindings.twilio.sendgrid', {emailFrom: 'calendar@example.com', apiKey: 'x'});
		expect(check(RULE, complete({'components/sendgrid.yaml': sendgrid}))).toEqual([]);
		const smtp = component('mail', 'bindings.smtp', {emailFrom: 'a@example.com'});
		// smtp Init: `host and port fields are required in metadata` (bindings/smtp/smtp.go parseMetadata).
		expect(at(check(RULE, complete({'components/smtp.yaml': smtp})))).toEqual([
			[RULE, 'error', 'components/smtp.yaml', 5, 1],
			[RULE, 'error', 'components/smtp.yaml', 5, 1],
		]);
		expect(check(RULE, complete({'components/smtp.yaml': smtp})).map((f) => f.message.match(/"(\w+)"/)?.[1])).toEqual(['host', 'port']);
	});
	test('required keys follow Init, not metadata.yaml: SendGrid apiKey, twilio.sms accountSid/authToken, rabbitmq host', () => {
		const keysOf = (yaml: string) => check(RULE, complete({'components/x.yaml': yaml})).map((f) => f.message.match(/"(\w+)"/)?.[1]);
		expect(keysOf(component('sendgrid', 'bindings.twilio.sendgrid', {emailFrom: 'a@example.com'}))).toEqual(['apiKey']);
		expect(keysOf(component('sms', 'bindings.twilio.sms', {fromNumber: '+1555'}))).toEqual(['accountSid', 'authToken']);
		expect(keysOf(component('q', 'bindings.rabbitmq', {queueName: 'q'}))).toEqual(['host']);
		expect(keysOf(component('files', 'bindings.localstorage', {rootPath: '/tmp/x'}))).toEqual([]);
	});
	test.each([
		['empty apiKey on SendGrid (the Init code tests == "")', component('sendgrid', 'bindings.twilio.sendgrid', {apiKey: '', emailFrom: 'a@example.com'}), 'apiKey', 'fails to initialise'],
		['empty schedule', CRON_YAML.replace('"@every 30s"', '""'), 'schedule', 'fails to initialise'],
		['empty url on bindings.http: it loads, invokes fail', HTTP_YAML.replace('"https://httpbin.org/post"', '""'), 'url', 'every invoke fails'],
		['the last of two url entries is empty (daprd keeps the last)', HTTP_YAML.replace('  metadata:\n', '  metadata:\n    - name: url\n      value: "https://example.com"\n').replace('"https://httpbin.org/post"', '" "'), 'url', 'every invoke fails'],
	])('invalid: %s', (_name, yaml, key, story) => {
		const findings = check(RULE, complete({'components/x.yaml': yaml}));
		expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([[RULE, 'error']]);
		expect(findings[0]!.message).toContain(`"${key}"`);
		expect(findings[0]!.message).toContain(story);
	});
	test('a missing url on bindings.http says the component loads', () => {
		const findings = check(RULE, complete({'components/http-binding.yaml': HTTP_YAML.replace('    - name: url\n      value: "https://httpbin.org/post"\n', '')}));
		expect(findings[0]!.message).toContain('it loads, but every invoke fails');
	});
});
