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
	test('a host Go rejects although a browser URL accepts it: the message quotes Go\'s error', () => {
		const findings = check(RULE, withUrl('https://{{tenant}}.example.com/hook'));
		expect(at(findings)).toEqual([[RULE, 'error', FILE, 10, 14]]);
		expect(findings[0]!.message).toContain('invalid character "{" in host name');
		expect(findings[0]!.message).toContain('monitoring-webhook loads');
	});
	test('https:/x, which WHATWG repairs, has no host for Go', () => {
		expect(check(RULE, withUrl('https:/httpbin.org/post'))[0]!.message).toContain('http: no Host in request URL');
	});
	test('empty url', () => expect(at(check(RULE, withUrl('')))).toEqual([[RULE, 'error', FILE, 10, 14]]));
});
