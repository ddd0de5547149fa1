import {goHttpInvokeError} from '../../http/go-url.js';
import {defineRule} from '../../rule.js';
import {entryOf, metadataItem, short} from '../support.js';

export default defineRule({
	id: 'http/url-invalid',
	meta: {
		description: 'Require the http binding\'s url to be an http(s) URL that Go\'s net/url and net/http accept',
		severity: 'error',
		messages: {
			invalid: 'The url "{{url}}" is not one Go can send to: {{name}} loads, but every invoke fails with `{{error}}`.',
			empty: 'The url is empty: {{name}} loads, but every invoke fails with `Post "": unsupported protocol scheme ""`.',
		},
		docs: 'bindings.http does not check `url` when it initialises (Init only decodes it), so the component loads and daprd starts. Each invoke then builds a request to `url` (plus an optional `path` from the request metadata) with Go\'s net/http: http.NewRequestWithContext parses the URL with Go\'s net/url, which rejects characters a host may not hold (`https://{{tenant}}.example.com/` fails with `invalid character "{" in host name`), bad %-escapes and non-numeric ports; the client then refuses any scheme but http and https (`unsupported protocol scheme "ftp"`) and a URL without a host (`http: no Host in request URL`, e.g. `https:/example.com`). The checker ports Go\'s net/url parse rules, not the browser\'s WHATWG URL, which accepts some of these and repairs others.',
		symptom: 'Every invoke_binding fails: the Python SDK raises grpc.RpcError (StatusCode.INTERNAL) with details `error invoking output binding <name>: <Go error>`.',
		fix: 'Write an absolute URL with the http:// or https:// scheme.',
	},
	check({model, report}) {
		for (const doc of model.components) {
			if (entryOf(doc)?.type !== 'bindings.http') continue;
			const value = metadataItem(doc, 'url')?.value;
			if (!value) continue;
			const url = value.value;
			const name = doc.name?.value ?? 'the binding';
			if (url.trim() === '') {
				report({messageId: 'empty', data: {name}, file: doc.file, at: value.span, hint: 'Write `value: "https://httpbin.org/post"`.'});
				continue;
			}
			const error = goHttpInvokeError(url);
			if (error === null) continue;
			const trimmed = url.trim();
			const guess =
				trimmed !== url && goHttpInvokeError(trimmed) === null
					? trimmed
					: /^[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?(\/|$)/i.test(trimmed) || /^localhost(:\d+)?(\/|$)/i.test(trimmed)
						? `https://${trimmed}`
						: 'https://httpbin.org/post';
			report({messageId: 'invalid', data: {url: short(url), name, error: short(error, 160)}, file: doc.file, at: value.span, hint: `Write \`value: "${guess}"\`.`});
		}
	},
});
