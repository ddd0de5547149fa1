import rule from '../../../../src/core/rules/cron/never-fires.js';
import {complete, CRON_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const FILE = 'components/cron-binding.yaml';
const withSchedule = (value: string) => complete({[FILE]: CRON_YAML.replace('value: "@every 30s"', `value: "${value}"`)});

ruleTester.run(rule, {
	valid: ['@every 30s', '0 0 0 29 2 *', '0 0 0 31 * *'].map((value) => ({name: value, files: withSchedule(value)})),
	invalid: ['0 0 0 30 2 *', '0 0 0 31 4 *'].map((value) => ({name: `never fires: ${value}`, files: withSchedule(value), errors: [{messageId: 'never' as const, file: FILE, line: 10, column: 14, severity: 'warning' as const}]})),
});
