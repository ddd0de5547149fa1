import rule from '../../../../src/core/rules/yaml/syntax.js';
import {complete} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

ruleTester.run(rule, {
	valid: [{name: 'reference components', files: complete()}],
	invalid: [
		{
			name: 'an unclosed quote is an error at its line',
			files: complete({'components/cron-binding.yaml': 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: cleanup-cron\nspec:\n  type: bindings.cron\n  metadata:\n    - name: schedule\n      value: "@every 30s\n'}),
			errors: [{messageId: 'syntax', file: 'components/cron-binding.yaml', line: 10, column: 1, severity: 'error', message: /^The file components\/cron-binding\.yaml is not valid YAML: .+\.$/}],
		},
		{
			name: 'bad indentation',
			files: complete({'components/x.yaml': 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n spec: 1\n'}),
			errors: [{messageId: 'syntax', file: 'components/x.yaml', line: 5, column: 1}],
		},
	],
});
