import {defineRule} from '../../rule.js';
import {argOf, readyPython} from '../support.js';

export default defineRule({
	id: 'output-binding/data-type',
	meta: {
		description: 'Require invoke_binding\'s data to be str or bytes',
		severity: 'error',
		messages: {
			literal: 'The data argument is a {{kind}} literal, but invoke_binding needs str or bytes; the SDK cannot send a {{kind}}.',
		},
		docs: 'The Python SDK\'s invoke_binding takes `data: Union[bytes, str]`: a str is UTF-8 encoded, bytes pass through. A dict or list does not become JSON by itself; the request fails in the client before it reaches daprd.',
		symptom: 'A TypeError from the SDK (or the gRPC request builder) and HTTP 500 from your handler.',
		fix: 'Wrap the literal in json.dumps(...).',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python) return;
		for (const call of python.calls) {
			if (call.method !== 'invoke_binding') continue;
			const arg = argOf(call, 'data', 2);
			const kind = arg?.value.kind;
			if (!arg || (kind !== 'dict' && kind !== 'list' && kind !== 'set')) continue;
			report({
				messageId: 'literal',
				data: {kind},
				file: python.file,
				at: arg.span,
				hint: 'Write data=json.dumps(...) around the literal (and `import json` at the top).',
			});
		}
	},
});
