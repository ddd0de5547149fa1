import {defineRule} from '../../rule.js';
import type {Span} from '../../types.js';
import {readyPython} from '../support.js';

export default defineRule({
	id: 'dapr-client/missing-import',
	meta: {
		description: 'Require DaprClient to be imported before it is used',
		severity: 'error',
		messages: {
			missing: 'DaprClient is used but never imported; Python raises NameError when this line runs.',
		},
		docs: 'DaprClient comes from the `dapr` package. Without the import the app still starts, and the first request that reaches the client raises NameError, so the handler answers 500.',
		symptom: '`NameError: name \'DaprClient\' is not defined` in the app output.',
		fix: 'Add the import at the top of app.py.',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python || python.boundNames.has('DaprClient')) return;
		// `from dapr.clients import *` binds it without naming it.
		if (python.imports.some((imp) => imp.name === '*')) return;
		const uses: Span[] = [
			...python.calls.filter((call) => call.callee === 'DaprClient').map((call) => call.span),
			...python.withs.filter((item) => item.contextCallee === 'DaprClient').map((item) => item.span),
			...python.calledNames.filter((use) => use.name === 'DaprClient').map((use) => use.span),
		].sort((a, b) => a.line - b.line || a.column - b.column);
		const first = uses[0];
		if (!first) return;
		report({messageId: 'missing', file: python.file, at: first, hint: 'Add `from dapr.clients import DaprClient` at the top of app.py.'});
	},
});
