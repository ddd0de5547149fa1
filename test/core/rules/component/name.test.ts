import rule from '../../../../src/core/rules/component/name.js';
import {complete, CRON_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const FILE = 'components/cron-binding.yaml';
const named = (name: string) => complete({[FILE]: CRON_YAML.replace('name: cleanup-cron', `name: ${name}`)});

ruleTester.run(rule, {
	valid: [{name: 'the lesson components', files: complete()}],
	invalid: [
		{name: 'capitals and underscores are a warning with the fixed name', files: named('Cleanup_Cron'), errors: [{messageId: 'notDns', file: FILE, line: 4, column: 9, severity: 'warning', hint: /cleanup-cron/}]},
		{name: 'empty name is an error', files: named('""'), errors: [{messageId: 'missing', file: FILE, line: 4, column: 9, severity: 'error'}]},
		{name: 'missing metadata.name is an error', files: complete({[FILE]: CRON_YAML.replace('metadata:\n  name: cleanup-cron\n', '')}), errors: [{messageId: 'missing', file: FILE, line: 1, column: 1, severity: 'error'}]},
		// Names self-hosted daprd skips (k8s path.IsValidPathSegmentName in the disk loader).
		...[
			['..', 'may not be ".."'],
			['a/b', 'may not contain "/"'],
			['50%', 'may not contain "%"'],
		].map(([name, why]) => ({name: `${name} is an error`, files: named(`"${name}"`), errors: [{messageId: 'notPathSegment' as const, file: FILE, line: 4, column: 9, severity: 'error' as const, message: new RegExp(why!)}]})),
		{name: 'a dotted name is only the lab\'s DNS-label warning (self-hosted daprd loads it)', files: named('cleanup.cron'), errors: [{messageId: 'notDns', file: FILE, line: 4, column: 9, severity: 'warning'}]},
	],
});
