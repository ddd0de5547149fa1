import {defineRule} from '../../rule.js';
import {argOf, entryOf, outputBindings, readyPython, short, stringArg} from '../support.js';

export default defineRule({
	id: 'output-binding/unsupported-operation',
	meta: {
		description: 'Require invoke_binding\'s operation to be one the binding supports, in its exact case',
		severity: 'error',
		messages: {
			unsupported: 'Operation "{{operation}}" is not one that {{name}} supports; daprd compares operations exactly, case included, and answers "error invoking output binding {{name}}: binding {{name}} does not support operation {{operation}}. supported operations:{{spaced}}".',
			empty: 'The operation is empty; daprd answers "operation field is missing from request".',
		},
		docs: 'daprd checks the operation against the binding\'s Operations() list before calling it, with an exact comparison, case included (dapr/dapr pkg/runtime/processor/binding/send.go SendToOutputBinding, slices.Contains). Operations are written as each binding declares them: bindings.http\'s are create, get, head, post, put, patch, delete, options and trace, so `POST` and `Post` are rejected; others are camelCase (`bulkGet` on S3 and blob storage, `clientNegotiate` on SignalR), so "lower-case" is not the rule either. Through the Python SDK the failure is a raw grpc.RpcError (StatusCode.INTERNAL) whose details read `error invoking output binding <name>: binding <name> does not support operation POST. supported operations:create get head post put patch delete options trace`; the ERR_INVOKE_OUTPUT_BINDING code is only in the gRPC ErrorInfo, not in that text. A curl to your app then sees FastAPI\'s plain `Internal Server Error`.',
		symptom: 'grpc.RpcError (StatusCode.INTERNAL) `error invoking output binding <name>: binding <name> does not support operation POST. supported operations:...`; curl to the app gets `Internal Server Error`.',
		fix: 'Use an operation from the supported list in the message, spelled exactly as listed (case included).',
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
				data: {name, operation: short(operation), operations: operations.join(', '), spaced: operations.join(' ')},
				file: python.file,
				at: opArg.span,
				hint: caseFix ? `Write operation="${caseFix}".` : `Use one of: ${operations.join(', ')}.`,
			});
		}
	},
});
