import {describe, expect, test} from 'vitest';
import {check, complete, CRON_YAML} from '../../../helpers/rules.js';

const RULE = 'component/metadata-shape';

describe(RULE, () => {
	test('valid, including envRef and secretKeyRef entries', () => {
		const yaml = CRON_YAML.replace('value: "@every 30s"', 'envRef: CRON_SCHEDULE');
		expect(check(RULE, complete({'components/cron-binding.yaml': yaml}))).toEqual([]);
	});
	test('metadata as a map', () => {
		const yaml = CRON_YAML.replace(/ {2}metadata:\n[\s\S]*$/, '  metadata:\n    schedule: "@every 30s"\n');
		const findings = check(RULE, complete({'components/cron-binding.yaml': yaml}));
		expect(findings.map((f) => [f.ruleId, f.severity, f.file, f.line])).toEqual([[RULE, 'error', 'components/cron-binding.yaml', 9]]);
	});
	test('an entry without a value', () => {
		const yaml = CRON_YAML.replace('      value: "input"\n', '');
		const findings = check(RULE, complete({'components/cron-binding.yaml': yaml}));
		expect(findings.map((f) => [f.ruleId, f.severity, f.file, f.line])).toEqual([[RULE, 'error', 'components/cron-binding.yaml', 11]]);
	});
});
