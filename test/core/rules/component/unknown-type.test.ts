import rule from '../../../../src/core/rules/component/unknown-type.js';
import {complete, CRON_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const FILE = 'components/cron-binding.yaml';
const typed = (type: string) => complete({[FILE]: CRON_YAML.replace('bindings.cron', type)});

ruleTester.run(rule, {
	valid: [{name: 'an alias (bindings.postgresql)', files: complete({'components/db.yaml': CRON_YAML.replace('name: cleanup-cron', 'name: db').replace('bindings.cron', 'bindings.postgresql')})}],
	invalid: [
		{
			name: 'a typo gets did-you-mean, with daprd\'s own text for an unknown prefix',
			files: typed('binding.cron'),
			errors: [{messageId: 'unknownNear', file: FILE, line: 6, column: 9, severity: 'error', message: /did you mean bindings\.cron\?[\s\S]*`incorrect type binding\.cron`|`incorrect type binding\.cron`[\s\S]*did you mean bindings\.cron\?/, hint: 'Write `type: bindings.cron`.'}],
		},
		{name: 'nothing close', files: typed('timer'), errors: [{messageId: 'unknown', line: 6, column: 9, message: 'The spec.type "timer" is not a Dapr component type; daprd fails with `incorrect type timer`.'}]},
		{name: 'couldn\'t find binding for an unknown bindings.* name', files: typed('bindings.cronn'), errors: [{messageId: 'unknownNear', line: 6, column: 9, message: /`couldn't find binding cleanup-cron \(bindings\.cronn\/v1\)`/}]},
		...[
			['bindings.twitter', 'v1.11'],
			['pubsub.hazelcast', 'v1.11'],
			['pubsub.natsstreaming', 'v1.13'],
		].map(([type, release]) => ({
			name: `removed type ${type} names its release instead of a did-you-mean`,
			files: complete({'components/x.yaml': CRON_YAML.replace('name: cleanup-cron', 'name: x').replace('bindings.cron', type!)}),
			errors: [{messageId: 'removed' as const, file: 'components/x.yaml', line: 6, column: 9, message: `The spec.type "${type}" was removed from Dapr in ${release}; daprd ${release} and later cannot load it.`}],
		})),
		{name: 'missing spec.type', files: complete({[FILE]: CRON_YAML.replace('  type: bindings.cron\n', '')}), errors: [{messageId: 'missing', file: FILE, line: 5, column: 1, severity: 'error'}]},
	],
});
