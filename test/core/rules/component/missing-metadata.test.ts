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
		expect(at(check(RULE, complete({'components/smtp.yaml': smtp})))).toEqual([[RULE, 'error', 'components/smtp.yaml', 5, 1]]);
		expect(check(RULE, complete({'components/smtp.yaml': smtp}))[0]!.message).toContain('"host"');
	});
});
