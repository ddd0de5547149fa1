import rule from '../../../../src/core/rules/http/url-invalid.js';
import {complete, HTTP_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const FILE = 'components/http-binding.yaml';
const withUrl = (value: string) => complete({[FILE]: HTTP_YAML.replace('value: "https://httpbin.org/post"', `value: "${value}"`)});

ruleTester.run(rule, {
	valid: ['https://httpbin.org/post', 'http://localhost:22222/call', 'http://127.0.0.1:9000'].map((value) => ({name: value, files: withUrl(value)})),
	invalid: [
		...['httpbin.org/post', 'ftp://example.com/x', '/post'].map((value) => ({
			name: value,
			files: withUrl(value),
			errors: [{messageId: 'invalid' as const, file: FILE, line: 10, column: 14, severity: 'error' as const, hint: 'Write `value: "https://httpbin.org/post"`.'}],
		})),
		{
			name: 'a host Go rejects although a browser URL accepts it: the message quotes Go\'s error',
			files: withUrl('https://{{tenant}}.example.com/hook'),
			errors: [{messageId: 'invalid', file: FILE, line: 10, column: 14, severity: 'error', message: /invalid character "\{" in host name[\s\S]*monitoring-webhook loads|monitoring-webhook loads[\s\S]*invalid character "\{" in host name/}],
		},
		{name: 'https:/x, which WHATWG repairs, has no host for Go', files: withUrl('https:/httpbin.org/post'), errors: [{messageId: 'invalid', line: 10, column: 14, message: /http: no Host in request URL/}]},
		{name: 'empty url', files: withUrl(''), errors: [{messageId: 'empty', file: FILE, line: 10, column: 14, severity: 'error'}]},
	],
});
