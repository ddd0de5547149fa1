import {describe, expect, test} from 'vitest';
import {at, check, complete} from '../../../helpers/rules.js';

const RULE = 'lab/missing-component';

describe(RULE, () => {
	test('a complete folder passes every lab', () => {
		for (const lab of ['lab-a', 'lab-b', 'combined'] as const) expect(check(RULE, complete(), lab)).toEqual([]);
	});
	test('lab-a needs bindings.cron only', () => {
		expect(check(RULE, complete({'components/http-binding.yaml': null, 'components/pubsub.yaml': null}), 'lab-a')).toEqual([]);
	});
	test.each([
		['combined without pubsub', {'components/pubsub.yaml': null}, 'combined', 'pubsub.*'],
		['lab-a without cron', {'components/cron-binding.yaml': null}, 'lab-a', 'bindings.cron'],
		['lab-b without http', {'components/http-binding.yaml': null}, 'lab-b', 'bindings.http'],
	] as const)('%s', (_name, overrides, lab, type) => {
		const findings = check(RULE, complete(overrides), lab);
		expect(at(findings)).toEqual([[RULE, 'error', 'components', 0, 0]]);
		expect(findings[0]!.message).toContain(type);
		expect(findings[0]!.message).toContain('components/');
		expect(findings[0]!.hint).toMatch(/components\/.*\.yaml/);
	});
	test('an empty folder reports every needed type', () => {
		expect(check(RULE, {}, 'combined')).toHaveLength(3);
	});
});
