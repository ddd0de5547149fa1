import {defineRule} from '../../rule.js';
import {argOf, entryOf, outputBindings, readyPython, short, stringArg} from '../support.js';

export default defineRule({
	id: 'output-binding/unsupported-operation',
	meta: {
		description: 'Require invoke_binding\'s operation to be one the binding supports, in its exact case',
		severity: 'error',
		messages: {
			unsupported: 'Operation "{{operation}}" is not one that {{name}} supports; daprd compares case-sensitively and answers "binding {{name}} does not support operation {{operation}}" (supported: {{operations}}).',
			empty: 'The operation is empty; daprd answers "operation field is missing from request".',
		},
		docs: 'daprd checks the operation against the binding\'s Operations() list before calling it, with an exact, case-sensitive comparison (send.go SendToOutputBinding). `POST` and `Post` are rejected for bindings.http, whose operations are create, get, head, post, put, patch, delete, options and trace.',
		symptom: 'HTTP 500 with `binding <name> does not support operation POST. supported operations:...`.',
		fix: 'Use the exact operation name (the hint gives the lower-case form when that is valid, else the list).',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python) return;
		const outputs = outputBindings(model);
		for (const call of python.calls) {
			if (call.method !== 'invoke_binding') continue;
			const name = stringArg(argOf(call, 'binding_name', 0));
			const opArg = argOf(call, 'operation', 1);
			const operation = stringArg(opArg);
			if (name === null || operation === null || !opArg) continue;
			const doc = outputs.find((d) => d.name?.value === name);
			const operations = doc ? (entryOf(doc)?.binding?.operations ?? []) : [];
			if (!doc || operations.length === 0) continue;
			if (operation === '') {
				report({messageId: 'empty', file: python.file, at: opArg.span, hint: `Write operation="${operations.includes('post') ? 'post' : operations[0]}".`});
				continue;
			}
			if (operations.includes(operation)) continue;
			const lower = operation.toLowerCase();
			const caseFix = operations.find((op) => op.toLowerCase() === lower);
			report({
				messageId: 'unsupported',
				data: {name, operation: short(operation), operations: operations.join(', ')},
				file: python.file,
				at: opArg.span,
				hint: caseFix ? `Write operation="${caseFix}".` : `Use one of: ${operations.join(', ')}.`,
			});
		}
	},
});
