import {describe, expect, test} from 'vitest';
import rule from '../../../../src/core/rules/lab/missing-component.js';
import {complete} from '../../../helpers/rules.js';
import {runRule, ruleTester} from '../../../helpers/rule-tester.js';

const missing = (name: string, overrides: Record<string, null>, lab: 'lab-a' | 'lab-b' | 'combined', type: string) => ({
	name,
	files: complete(overrides),
	lab,
	errors: [{messageId: 'missing' as const, data: {type}, file: 'components', line: 0, column: 0, severity: 'error' as const, message: /components\//, hint: /components\/.*\.yaml/}],
});

ruleTester.run(rule, {
	valid: [
		...(['lab-a', 'lab-b', 'combined'] as const).map((lab) => ({name: `a complete folder passes ${lab}`, files: complete(), lab})),
		{name: 'lab-a needs bindings.cron only', files: complete({'components/http-binding.yaml': null, 'components/pubsub.yaml': null}), lab: 'lab-a'},
	],
	invalid: [
		missing('combined without pubsub', {'components/pubsub.yaml': null}, 'combined', 'pubsub.*'),
		missing('lab-a without cron', {'components/cron-binding.yaml': null}, 'lab-a', 'bindings.cron'),
		missing('lab-b without http', {'components/http-binding.yaml': null}, 'lab-b', 'bindings.http'),
	],
});

describe(rule.id, () => {
	test('an empty folder reports every needed type', () => {
		expect(runRule(rule, {}, 'combined')).toHaveLength(3);
	});
});
