import rule from '../../../../src/core/rules/component/kind.js';
import {complete, CRON_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const FILE = 'components/cron-binding.yaml';

ruleTester.run(rule, {
	valid: [{name: 'the lesson components', files: complete()}],
	invalid: [
		{name: 'lower-case kind', files: complete({[FILE]: CRON_YAML.replace('kind: Component', 'kind: component')}), errors: [{messageId: 'wrong', data: {got: 'component'}, file: FILE, line: 2, column: 7, severity: 'error', hint: /kind: Component/}]},
		{name: 'missing kind', files: complete({[FILE]: CRON_YAML.replace('kind: Component\n', '')}), errors: [{messageId: 'missing', file: FILE, line: 1, column: 1, severity: 'error'}]},
	],
});
