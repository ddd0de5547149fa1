import rule from '../../../../src/core/rules/component/scoped-out.js';
import {complete, CRON_YAML, HTTP_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const scoped = (yaml: string, scopes: string) => `${yaml}scopes:\n${scopes}`;
const cron = (yaml: string) => complete({'components/cron-binding.yaml': yaml});
const invalid = (name: string, file: string, yaml: string, listed: string) => ({
	name,
	files: complete({[file]: yaml}),
	errors: [{messageId: 'scopedOut' as const, file, line: 13, column: 1, severity: 'error' as const, message: new RegExp(`${listed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\S]*--app-id cron-app|--app-id cron-app[\\s\\S]*${listed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), hint: /- cron-app/}],
});

ruleTester.run(rule, {
	valid: [
		{name: 'no scopes', files: cron(CRON_YAML)},
		{name: 'scoped to the lab app id', files: cron(scoped(CRON_YAML, '  - cron-app\n'))},
		{name: 'the app id among others', files: cron(scoped(CRON_YAML, '  - other-app\n  - cron-app\n'))},
		{name: 'an empty scopes list (daprd loads it for every app)', files: cron(`${CRON_YAML}scopes: []\n`)},
		{name: 'scopes that is not a list (left to daprd)', files: cron(`${CRON_YAML}scopes: cron-app\n`)},
	],
	invalid: [
		invalid('another app id', 'components/cron-binding.yaml', scoped(CRON_YAML, '  - checkout\n'), '"checkout"'),
		invalid('the app id in another case (daprd compares exactly)', 'components/cron-binding.yaml', scoped(CRON_YAML, '  - Cron-App\n'), '"Cron-App"'),
		invalid('the http binding scoped to two others', 'components/http-binding.yaml', scoped(HTTP_YAML, '  - order-app\n  - "web"\n'), '"order-app", "web"'),
	],
});
