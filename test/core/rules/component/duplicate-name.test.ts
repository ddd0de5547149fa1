import rule from '../../../../src/core/rules/component/duplicate-name.js';
import {complete, HTTP_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

ruleTester.run(rule, {
	valid: [{name: 'the lesson components', files: complete()}],
	invalid: [
		{
			name: 'the second component with a name is reported and names the first',
			files: complete({'components/z-copy.yaml': HTTP_YAML}),
			errors: [{messageId: 'duplicate', data: {name: 'monitoring-webhook', first: 'components/http-binding.yaml:4'}, file: 'components/z-copy.yaml', line: 4, column: 9, severity: 'error', message: /components\/http-binding\.yaml:4/}],
		},
		{
			name: 'two documents in one file',
			files: complete({'components/http-binding.yaml': `${HTTP_YAML}---\n${HTTP_YAML}`}),
			errors: [{messageId: 'duplicate', file: 'components/http-binding.yaml', line: 17, column: 9, severity: 'error'}],
		},
	],
});
