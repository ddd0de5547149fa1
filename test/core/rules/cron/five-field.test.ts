import rule from '../../../../src/core/rules/cron/five-field.js';
import {complete, CRON_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const FILE = 'components/cron-binding.yaml';
const withSchedule = (value: string) => complete({[FILE]: CRON_YAML.replace('value: "@every 30s"', `value: "${value}"`)});

ruleTester.run(rule, {
	valid: ['@every 30s', '*/30 * * * * *', '@hourly', 'nonsense'].map((value) => ({name: value, files: withSchedule(value)})),
	invalid: [
		{
			name: '*/30 * * * * fires every 30 minutes; the hint offers @every 30s and the 6-field form',
			files: withSchedule('*/30 * * * *'),
			errors: [{messageId: 'fiveField', file: FILE, line: 10, column: 14, severity: 'error', message: /standard crontab[\s\S]*second 0|second 0[\s\S]*standard crontab/, hint: /@every 30s[\s\S]*0 \*\/30 \* \* \* \*|0 \*\/30 \* \* \* \*[\s\S]*@every 30s/}],
		},
		{name: 'the message says 30 minutes', files: withSchedule('*/30 * * * *'), errors: [{messageId: 'fiveField', line: 10, column: 14, message: /30 minutes/}]},
		{
			name: 'a daily crontab line gets only the 6-field form',
			files: withSchedule('0 2 * * *'),
			errors: [{messageId: 'fiveField', line: 10, column: 14, hint: 'Write the 6-field form `value: "0 0 2 * * *"` (second minute hour day month weekday).'}],
		},
	],
});
