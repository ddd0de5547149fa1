import {describe, expect, test} from 'vitest';
import {at, check, complete, CRON_YAML, HTTP_YAML} from '../../../helpers/rules.js';

const RULE = 'component/scoped-out';
const scoped = (yaml: string, scopes: string) => `${yaml}scopes:\n${scopes}`;

describe(RULE, () => {
	test.each([
		['no scopes', CRON_YAML],
		['scoped to the lab app id', scoped(CRON_YAML, '  - cron-app\n')],
		['the app id among others', scoped(CRON_YAML, '  - other-app\n  - cron-app\n')],
		['an empty scopes list (daprd loads it for every app)', `${CRON_YAML}scopes: []\n`],
		['scopes that is not a list (left to daprd)', `${CRON_YAML}scopes: cron-app\n`],
	])('valid: %s', (_name, yaml) => {
		expect(check(RULE, complete({'components/cron-binding.yaml': yaml}))).toEqual([]);
	});
	test.each([
		['another app id', 'components/cron-binding.yaml', scoped(CRON_YAML, '  - checkout\n'), 13, '"checkout"'],
		['the app id in another case (daprd compares exactly)', 'components/cron-binding.yaml', scoped(CRON_YAML, '  - Cron-App\n'), 13, '"Cron-App"'],
		['the http binding scoped to two others', 'components/http-binding.yaml', scoped(HTTP_YAML, '  - order-app\n  - "web"\n'), 13, '"order-app", "web"'],
	] as const)('invalid: %s', (_name, file, yaml, line, listed) => {
		const findings = check(RULE, complete({[file]: yaml}));
		expect(at(findings)).toEqual([[RULE, 'error', file, line, 1]]);
		expect(findings[0]!.message).toContain(listed);
		expect(findings[0]!.message).toContain('--app-id cron-app');
		expect(findings[0]!.hint).toContain('- cron-app');
	});
});
