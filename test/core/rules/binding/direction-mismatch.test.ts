import rule from '../../../../src/core/rules/binding/direction-mismatch.js';
import {complete, CRON_YAML, HTTP_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const CRON = 'components/cron-binding.yaml';
const HTTP = 'components/http-binding.yaml';
const cron = (value: string) => complete({[CRON]: CRON_YAML.replace('value: "input"', `value: "${value}"`)});

ruleTester.run(rule, {
	valid: [
		{name: 'reference components', files: complete()},
		{name: 'no direction at all', files: complete({[CRON]: CRON_YAML.replace('    - name: direction\n      value: "input"\n', '')})},
		{name: 'invalid parts are left to binding/direction-invalid', files: cron('inputs')},
	],
	invalid: [
		{
			name: 'cron with direction output: never fires (error) and has no output side (warning)',
			files: cron('output'),
			errors: [
				{messageId: 'noInput', file: CRON, line: 12, column: 14, severity: 'error', message: /loads but never fires/},
				{messageId: 'noSuchSide', file: CRON, line: 12, column: 14, severity: 'warning'},
			],
		},
		{
			name: 'http with direction input cannot be invoked',
			files: complete({[HTTP]: HTTP_YAML.replace('value: "output"', 'value: "input"')}),
			errors: [
				{messageId: 'noOutput', file: HTTP, line: 12, column: 14, severity: 'error', message: /couldn't find output binding monitoring-webhook/},
				{messageId: 'noSuchSide', file: HTTP, line: 12, column: 14, severity: 'warning'},
			],
		},
		{name: 'cron with "input, output" only warns', files: cron('input, output'), errors: [{messageId: 'noSuchSide', file: CRON, line: 12, column: 14, severity: 'warning'}]},
		{name: 'an empty direction registers neither side', files: cron(''), errors: [{messageId: 'empty', file: CRON, line: 12, column: 14, severity: 'error', message: /neither an input nor an output/}]},
	],
});
