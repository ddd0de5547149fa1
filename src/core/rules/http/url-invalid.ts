import {defineRule} from '../../rule.js';
import {entryOf, metadataItem, short} from '../support.js';

export default defineRule({
	id: 'http/url-invalid',
	meta: {
		description: 'Require the http binding\'s url to be an absolute http(s) URL',
		severity: 'error',
		messages: {
			invalid: 'The url "{{url}}" is not an absolute http:// or https:// URL, so every invoke of {{name}} fails.',
			empty: 'The url is empty, so every invoke of {{name}} fails.',
		},
		docs: 'bindings.http sends each request to `url` (plus an optional `path` from the request metadata) with Go\'s HTTP client. Without a scheme and host (`httpbin.org/post`, `/post`) the request cannot be built and invoke_binding returns ERR_INVOKE_OUTPUT_BINDING.',
		symptom: '`unsupported protocol scheme` inside an ERR_INVOKE_OUTPUT_BINDING 500.',
		fix: 'Write an absolute URL with the http:// or https:// scheme.',
	},
	check({model, report}) {
		for (const doc of model.components) {
			if (entryOf(doc)?.type !== 'bindings.http') continue;
			const value = metadataItem(doc, 'url')?.value;
			if (!value) continue;
			const url = value.value.trim();
			const name = doc.name?.value ?? 'the binding';
			if (url === '') {
				report({messageId: 'empty', data: {name}, file: doc.file, at: value.span, hint: 'Write `value: "https://httpbin.org/post"`.'});
				continue;
			}
			let ok = false;
			try {
				const parsed = new URL(url);
				ok = (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
			} catch {
				ok = false;
			}
			if (ok) continue;
			const guess = /^[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?(\/|$)/i.test(url) || /^localhost(:\d+)?(\/|$)/i.test(url) ? `https://${url}` : 'https://httpbin.org/post';
			report({messageId: 'invalid', data: {url: short(url), name}, file: doc.file, at: value.span, hint: `Write \`value: "${guess}"\`.`});
		}
	},
});
