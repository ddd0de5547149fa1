import rule from '../../../../src/core/rules/component/version.js';
import {complete, CRON_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

ruleTester.run(rule, {
	valid: [{name: 'the lesson components', files: complete()}],
	invalid: [
		{
			name: 'missing version is a warning at spec.type',
			files: complete({'components/cron-binding.yaml': CRON_YAML.replace('  version: v1\n', '')}),
			errors: [{messageId: 'missing', file: 'components/cron-binding.yaml', line: 6, column: 9, severity: 'warning', hint: /version: v1/}],
		},
	],
});
