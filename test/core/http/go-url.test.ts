/**
 * Go net/url Parse + net/http request checks, as ported in src/core/http/go-url.ts. Expected texts are Go's error
 * strings as read in golang/go src/net/url/url.go (EscapeError, InvalidHostError, parseHost, getScheme, parse); no
 * Go toolchain runs here, so the cases were not executed against Go itself.
 */
import {describe, expect, test} from 'vitest';
import {goHttpInvokeError, parseGoUrl} from '../../../src/core/http/go-url.js';

describe('parseGoUrl / goHttpInvokeError', () => {
	test.each([
		'https://httpbin.org/post',
		'http://localhost:22222/call',
		'http://127.0.0.1:9000',
		'HTTPS://Example.COM/x',
		'https://example.com/{{id}}/x', // braces in the path are fine: only the host is checked character by character
		'https://example.com/a?b={{c}}', // the query is not validated by Parse
		'https://user:p%40ss@example.com/x',
		'https://example.com:/x', // empty port is valid (/^:\d*$/)
		'http://[::1]:8080/x',
		'https://bücher.example/x', // non-ASCII host bytes are left to later stages
		'https://my_host.example.com/x',
	])('accepted: %s', (url) => {
		expect(goHttpInvokeError(url)).toBeNull();
	});
	test.each([
		['https://{{tenant}}.example.com/hook', 'parse "https://{{tenant}}.example.com/hook": invalid character "{" in host name'],
		['https://exa mple.com/', 'parse "https://exa mple.com/": invalid character " " in host name'],
		['https://example.com:80a/x', 'parse "https://example.com:80a/x": invalid port ":80a" after host'],
		['https://example.com/%zz', 'parse "https://example.com/%zz": invalid URL escape "%zz"'],
		['https://example.com/x#%G1', 'parse "https://example.com/x#%G1": invalid URL escape "%G1"'],
		['https://ex%41mple.com/', 'parse "https://ex%41mple.com/": invalid URL escape "%41"'],
		['https://[::1/x', 'parse "https://[::1/x": missing \']\' in host'],
		['https://a\tb.com/', 'parse "https://a\\tb.com/": net/url: invalid control character in URL'],
		[':8080/x', 'parse ":8080/x": missing protocol scheme'],
		['localhost:8080/x', 'Post "localhost:8080/x": unsupported protocol scheme "localhost"'],
		[' https://example.com/', 'parse " https://example.com/": first path segment in URL cannot contain colon'],
		['https://us er@example.com/', 'parse "https://us er@example.com/": net/url: invalid userinfo'],
		['httpbin.org/post', 'Post "httpbin.org/post": unsupported protocol scheme ""'],
		['ftp://example.com/x', 'Post "ftp://example.com/x": unsupported protocol scheme "ftp"'],
		['/post', 'Post "/post": unsupported protocol scheme ""'],
		['https:/example.com/x', 'Post "https:///example.com/x": http: no Host in request URL'], // WHATWG repairs this one
		['https:example.com', 'Post "https:example.com": http: no Host in request URL'], // opaque in Go
		['https:\\\\example.com', 'Post "https:\\\\\\\\example.com": http: no Host in request URL'], // WHATWG turns \ into /
		['', 'Post "": unsupported protocol scheme ""'],
	])('rejected: %s', (url, error) => {
		expect(goHttpInvokeError(url)).toBe(error);
	});
	test('scheme is lower-cased, host kept', () => {
		expect(parseGoUrl('HTTP://Example.com:8080/x')).toEqual({ok: true, scheme: 'http', host: 'Example.com:8080'});
	});
});
