import rule from '../../../../src/core/rules/component/env-placeholder.js';
import {complete, CRON_YAML, HTTP_YAML, PUBSUB_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const invalid = (name: string, file: string, yaml: string, variable: string) => ({
	name,
	files: complete({[file]: yaml}),
	errors: [{messageId: 'placeholder' as const, file, line: 10, column: 14, severity: 'error' as const, message: /literally/, hint: new RegExp(`envRef: ${variable}`)}],
});

ruleTester.run(rule, {
	valid: [
		{name: 'the lesson components', files: complete()},
		{name: 'envRef instead of value', files: complete({'components/cron-binding.yaml': CRON_YAML.replace('value: "@every 30s"', 'envRef: CRON_SCHEDULE')})},
		{name: 'a $ inside other text (a password)', files: complete({'components/pubsub.yaml': PUBSUB_YAML.replace(/redisPassword\n\s+value: .*\n/, 'redisPassword\n      value: "pa$word"\n')})},
		{name: 'a lone $', files: complete({'components/http-binding.yaml': HTTP_YAML.replace('https://httpbin.org/post', '$')})},
	],
	invalid: [
		invalid('${VAR} as the schedule', 'components/cron-binding.yaml', CRON_YAML.replace('@every 30s', '${CRON_SCHEDULE}'), 'CRON_SCHEDULE'),
		invalid('$VAR as the schedule', 'components/cron-binding.yaml', CRON_YAML.replace('@every 30s', '$CRON_SCHEDULE'), 'CRON_SCHEDULE'),
		invalid('${VAR} inside a URL', 'components/http-binding.yaml', HTTP_YAML.replace('https://httpbin.org/post', 'https://${WEBHOOK_HOST}/post'), 'WEBHOOK_HOST'),
	],
});
