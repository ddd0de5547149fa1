import {defineRule} from '../../rule.js';
import {qualifiedName, readyPython} from '../support.js';

const SYNC_CLIENTS = new Set(['dapr.clients.DaprClient', 'dapr.clients.grpc.client.DaprGrpcClient', 'dapr.clients.DaprGrpcClient']);

export default defineRule({
	id: 'dapr-client/async-with-sync-client',
	meta: {
		description: 'Disallow `async with` on the synchronous dapr.clients.DaprClient',
		severity: 'error',
		messages: {
			asyncWith: 'This `async with {{callee}}()` uses the synchronous DaprClient from dapr.clients, which has no __aenter__: Python raises TypeError (AttributeError before 3.11).',
		},
		docs: '`dapr.clients.DaprClient` defines __enter__/__exit__ only. `async with` on it fails with `TypeError: \'DaprClient\' object does not support the asynchronous context manager protocol` (Python 3.11+), after its constructor has already waited for the sidecar. Use a plain `with`, or the async client from `dapr.aio.clients` and await its calls.',
		symptom: 'HTTP 500 and `does not support the asynchronous context manager protocol` in the app output.',
		fix: 'Use a plain `with`, or the async client from dapr.aio.clients.',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python) return;
		for (const item of python.withs) {
			if (!item.async) continue;
			if (!SYNC_CLIENTS.has(qualifiedName(item))) continue;
			report({
				messageId: 'asyncWith',
				data: {callee: item.contextCallee},
				file: python.file,
				at: item.span,
				hint: `Write \`with ${item.contextCallee}() as ${item.asName ?? 'client'}:\`, or import the async client (\`from dapr.aio.clients import DaprClient\`) and await its calls.`,
			});
		}
	},
});
