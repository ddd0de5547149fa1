import rule from '../../../../src/core/rules/component/metadata-shape.js';
import {complete, CRON_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const FILE = 'components/cron-binding.yaml';

ruleTester.run(rule, {
	valid: [{name: 'including envRef and secretKeyRef entries', files: complete({[FILE]: CRON_YAML.replace('value: "@every 30s"', 'envRef: CRON_SCHEDULE')})}],
	invalid: [
		{name: 'metadata as a map', files: complete({[FILE]: CRON_YAML.replace(/ {2}metadata:\n[\s\S]*$/, '  metadata:\n    schedule: "@every 30s"\n')}), errors: [{messageId: 'notList', file: FILE, line: 9, column: 5, severity: 'error'}]},
		{name: 'an entry without a value', files: complete({[FILE]: CRON_YAML.replace('      value: "input"\n', '')}), errors: [{messageId: 'item', file: FILE, line: 11, column: 7, severity: 'error'}]},
	],
});
