import {describe, expect, test} from 'vitest';
import {at, check, complete, HTTP_YAML} from '../../../helpers/rules.js';

const RULE = 'http/url-invalid';
const FILE = 'components/http-binding.yaml';
const withUrl = (value: string) => complete({[FILE]: HTTP_YAML.replace('value: "https://httpbin.org/post"', `value: "${value}"`)});

describe(RULE, () => {
	test.each(['https://httpbin.org/post', 'http://localhost:22222/call', 'http://127.0.0.1:9000'])('valid: %s', (value) => {
		expect(check(RULE, withUrl(value))).toEqual([]);
	});
	test.each([
		['httpbin.org/post', 'https://httpbin.org/post'],
		['ftp://example.com/x', 'https://httpbin.org/post'],
		['/post', 'https://httpbin.org/post'],
	])('invalid: %s', (value, fix) => {
		const findings = check(RULE, withUrl(value));
		expect(at(findings)).toEqual([[RULE, 'error', FILE, 10, 14]]);
		expect(findings[0]!.hint).toBe(`Write \`value: "${fix}"\`.`);
	});
	test('empty url', () => expect(at(check(RULE, withUrl('')))).toEqual([[RULE, 'error', FILE, 10, 14]]));
});
