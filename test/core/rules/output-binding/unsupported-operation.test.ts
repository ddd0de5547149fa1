import rule from '../../../../src/core/rules/output-binding/unsupported-operation.js';
import {APP_PY, complete} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const withOperation = (operation: string, positional = false) =>
	complete({
		'app.py': APP_PY.replace(
			'client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=json.dumps({"task_id": task_id}))',
			positional ? `client.invoke_binding("monitoring-webhook", "${operation}", "x")` : `client.invoke_binding(binding_name="monitoring-webhook", operation="${operation}", data="x")`,
		),
	});

ruleTester.run(rule, {
	valid: ['post', 'get', 'create', 'delete'].map((operation) => ({name: operation, files: withOperation(operation)})),
	invalid: [
		{
			name: 'POST is rejected case-sensitively; hint is the lower-case form',
			files: withOperation('POST'),
			errors: [{messageId: 'unsupported', file: 'app.py', line: 17, column: 70, severity: 'error', message: /binding monitoring-webhook does not support operation POST/, hint: 'Write operation="post".'}],
		},
		{
			name: 'positional operation not supported at all: hint lists them',
			files: withOperation('send', true),
			errors: [{messageId: 'unsupported', file: 'app.py', line: 17, column: 57, severity: 'error', hint: /create, get, head, post/}],
		},
	],
});
