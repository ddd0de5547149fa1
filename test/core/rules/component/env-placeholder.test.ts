import {describe, expect, test} from 'vitest';
import {at, check, complete, CRON_YAML, HTTP_YAML, PUBSUB_YAML} from '../../../helpers/rules.js';

const RULE = 'component/env-placeholder';

describe(RULE, () => {
	test.each([
		['the lesson components', {}],
		['envRef instead of value', {'components/cron-binding.yaml': CRON_YAML.replace('value: "@every 30s"', 'envRef: CRON_SCHEDULE')}],
		['a $ inside other text (a password)', {'components/pubsub.yaml': PUBSUB_YAML.replace(/redisPassword\n\s+value: .*\n/, 'redisPassword\n      value: "pa$word"\n')}],
		['a lone $', {'components/http-binding.yaml': HTTP_YAML.replace('https://httpbin.org/post', '$')}],
	])('valid: %s', (_name, files) => {
		expect(check(RULE, complete(files))).toEqual([]);
	});
	test.each([
		['${VAR} as the schedule', 'components/cron-binding.yaml', CRON_YAML.replace('@every 30s', '${CRON_SCHEDULE}'), 10, 'CRON_SCHEDULE'],
		['$VAR as the schedule', 'components/cron-binding.yaml', CRON_YAML.replace('@every 30s', '$CRON_SCHEDULE'), 10, 'CRON_SCHEDULE'],
		['${VAR} inside a URL', 'components/http-binding.yaml', HTTP_YAML.replace('https://httpbin.org/post', 'https://${WEBHOOK_HOST}/post'), 10, 'WEBHOOK_HOST'],
	] as const)('invalid: %s', (_name, file, yaml, line, variable) => {
		const findings = check(RULE, complete({[file]: yaml}));
		expect(at(findings)).toEqual([[RULE, 'error', file, line, 14]]);
		expect(findings[0]!.message).toContain('literally');
		expect(findings[0]!.hint).toContain(`envRef: ${variable}`);
	});
});
