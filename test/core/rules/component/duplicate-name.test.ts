import {describe, expect, test} from 'vitest';
import {at, check, complete, HTTP_YAML} from '../../../helpers/rules.js';

const RULE = 'component/duplicate-name';

describe(RULE, () => {
	test('valid', () => expect(check(RULE, complete())).toEqual([]));
	test('the second component with a name is reported and names the first', () => {
		const findings = check(RULE, complete({'components/z-copy.yaml': HTTP_YAML}));
		expect(at(findings)).toEqual([[RULE, 'error', 'components/z-copy.yaml', 4, 9]]);
		expect(findings[0]!.message).toContain('components/http-binding.yaml:4');
	});
	test('two documents in one file', () => {
		expect(at(check(RULE, complete({'components/http-binding.yaml': `${HTTP_YAML}---\n${HTTP_YAML}`})))).toEqual([[RULE, 'error', 'components/http-binding.yaml', 17, 9]]);
	});
});
