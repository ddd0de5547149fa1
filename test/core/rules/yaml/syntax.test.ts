import {describe, expect, test} from 'vitest';
import {at, check, complete} from '../../../helpers/rules.js';

const RULE = 'yaml/syntax';

describe(RULE, () => {
	test('valid: reference components', () => expect(check(RULE, complete())).toEqual([]));
	test('a tab-indented mapping is an error at its line', () => {
		const broken = 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: cleanup-cron\nspec:\n  type: bindings.cron\n  metadata:\n    - name: schedule\n      value: "@every 30s\n';
		const findings = check(RULE, complete({'components/cron-binding.yaml': broken}));
		expect(findings.length).toBeGreaterThanOrEqual(1);
		expect(findings[0]!.ruleId).toBe(RULE);
		expect(findings[0]!.file).toBe('components/cron-binding.yaml');
		expect(findings[0]!.line).toBeGreaterThanOrEqual(9);
		expect(findings[0]!.message).toMatch(/^The file components\/cron-binding\.yaml is not valid YAML: .+\.$/);
	});
	test('bad indentation', () => {
		const broken = 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n spec: 1\n';
		const findings = check(RULE, complete({'components/x.yaml': broken}));
		expect(findings.map((f) => [f.ruleId, f.file])).toContainEqual([RULE, 'components/x.yaml']);
		expect(findings[0]!.line).toBe(5);
	});
});
