import rule from '../../../../src/core/rules/cron/schedule-invalid.js';
import {complete, CRON_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const FILE = 'components/cron-binding.yaml';
const withSchedule = (value: string) => complete({[FILE]: CRON_YAML.replace('value: "@every 30s"', `value: "${value}"`)});
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

ruleTester.run(rule, {
	valid: ['@every 30s', '*/30 * * * * *', '0 0 */6 ? * *', '*/15 * * * *', 'TZ=UTC @daily', 'CRON_TZ=America/New_York 0 30 4 * * *'].map((value) => ({name: value, files: withSchedule(value)})),
	invalid: [
		...[
			['INVALID_SCHEDULE', 'expected 5 to 6 fields, found 1: [INVALID_SCHEDULE]'],
			['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
			['@every 10', 'missing unit in duration'],
			['0 0 L * *', 'failed to parse int from L'],
		].map(([value, error]) => ({
			name: value,
			files: withSchedule(value!),
			errors: [{messageId: 'invalid' as const, file: FILE, line: 10, column: 14, severity: 'error' as const, message: new RegExp(`invalid schedule format '${escape(value!)}'[\\s\\S]*${escape(error!)}`)}],
		})),
		{name: 'an envRef schedule cannot be checked: info', files: complete({[FILE]: CRON_YAML.replace('value: "@every 30s"', 'envRef: CRON_SCHEDULE')}), errors: [{messageId: 'unverifiable', file: FILE, line: 10, column: 15, severity: 'info'}]},
		{name: 'an empty schedule', files: withSchedule(''), errors: [{messageId: 'empty', file: FILE, line: 10, column: 14, severity: 'error'}]},
	],
});
