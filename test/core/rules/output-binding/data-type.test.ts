import rule from '../../../../src/core/rules/output-binding/data-type.js';
import {APP_PY, complete} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const withData = (data: string, positional = false) =>
	complete({
		'app.py': APP_PY.replace(
			'client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=json.dumps({"task_id": task_id}))',
			positional ? `client.invoke_binding("monitoring-webhook", "post", ${data})` : `client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=${data})`,
		),
	});

ruleTester.run(rule, {
	valid: ['json.dumps({"a": 1})', '"text"', 'b"raw"', 'payload'].map((data) => ({name: data, files: withData(data)})),
	invalid: [
		...[
			['dict', '{"task_id": task_id}'],
			['list', '[1, 2]'],
			['set', '{1, 2}'],
		].map(([kind, data]) => ({
			name: `${kind} literal`,
			files: withData(data!),
			errors: [{messageId: 'literal' as const, file: 'app.py', line: 17, column: 88, severity: 'error' as const, message: new RegExp(`${kind} literal`), hint: /json\.dumps/}],
		})),
		{name: 'positional data', files: withData('{"a": 1}', true), errors: [{messageId: 'literal', file: 'app.py', line: 17, column: 65, severity: 'error'}]},
	],
});
