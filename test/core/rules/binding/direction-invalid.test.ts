import rule from '../../../../src/core/rules/binding/direction-invalid.js';
import {complete, CRON_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const FILE = 'components/cron-binding.yaml';
const withDirection = (value: string) => complete({[FILE]: CRON_YAML.replace('value: "input"', `value: "${value}"`)});

ruleTester.run(rule, {
	valid: ['input', 'INPUT', ' input , output ', 'input,'].map((value) => ({name: JSON.stringify(value), files: withDirection(value)})),
	invalid: [
		...[
			['inputs', 'input'],
			['in', 'input'],
			['both', 'input, output'],
		].map(([value, fix]) => ({name: JSON.stringify(value), files: withDirection(value!), errors: [{messageId: 'invalid' as const, file: FILE, line: 12, column: 14, severity: 'error' as const, hint: `Write \`value: "${fix}"\`.`}]})),
		{
			name: 'each bad part is reported',
			files: withDirection('read, write'),
			errors: [
				{messageId: 'invalid', line: 12, column: 14, message: /part "read"/},
				{messageId: 'invalid', line: 12, column: 14, message: /part "write"/},
			],
		},
	],
});
