import rule from '../../../../src/core/rules/component/api-version.js';
import {complete, CRON_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const FILE = 'components/cron-binding.yaml';

ruleTester.run(rule, {
	valid: [{name: 'the lesson components', files: complete()}],
	invalid: [
		{name: 'wrong version', files: complete({[FILE]: CRON_YAML.replace('dapr.io/v1alpha1', 'dapr.io/v1')}), errors: [{messageId: 'wrong', data: {got: 'dapr.io/v1'}, file: FILE, line: 1, column: 13, severity: 'error'}]},
		{name: 'missing', files: complete({[FILE]: CRON_YAML.replace('apiVersion: dapr.io/v1alpha1\n', '')}), errors: [{messageId: 'missing', file: FILE, line: 1, column: 1, severity: 'error'}]},
	],
});
