import rule from '../../../../src/core/rules/output-binding/envelope-in-sdk-data.js';
import {APP_PY, complete} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const CALL = 'client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=json.dumps({"task_id": task_id}))';
const withCall = (call: string, before = '') => complete({'app.py': APP_PY.replace(CALL, `${before}${call}`)});
const envelope = (line: number, column: number, via = '') => [
	{messageId: 'envelope' as const, file: 'app.py', line, column, severity: 'error' as const, message: new RegExp(`${via.replace(/[()]/g, '\\$&')}[\\s\\S]*never sees the metadata|never sees the metadata[\\s\\S]*${via.replace(/[()]/g, '\\$&')}`), hint: /binding_metadata/},
];

ruleTester.run(rule, {
	valid: [
		{name: 'the lesson call', files: complete()},
		{name: 'payload with metadata in binding_metadata', files: withCall('client.invoke_binding("monitoring-webhook", "post", json.dumps({"task_id": task_id}), binding_metadata={"path": "/x"})')},
		{name: 'a payload that has a "data" key only', files: withCall('client.invoke_binding("monitoring-webhook", "post", json.dumps({"data": task_id}))')},
		{name: 'a variable holding the payload', files: withCall('client.invoke_binding("monitoring-webhook", "post", body)', 'body = json.dumps({"task_id": task_id})\n            ')},
		{name: '"metadata" only as binding_metadata text', files: withCall('client.invoke_binding("monitoring-webhook", "post", data="x", binding_metadata={"metadata": "1"})')},
	],
	invalid: [
		{name: 'json.dumps of the envelope', files: withCall('client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=json.dumps({"data": {"task_id": task_id}, "metadata": {"path": "/x"}}))'), errors: envelope(17, 88)},
		{name: 'positional envelope', files: withCall('client.invoke_binding("monitoring-webhook", "post", json.dumps({\'data\': task_id, \'metadata\': {}}))'), errors: envelope(17, 65)},
		{
			name: 'the envelope built in a variable',
			files: withCall('client.invoke_binding("monitoring-webhook", "post", data=payload)', 'payload = json.dumps({\n                "data": {"task_id": task_id},\n                "metadata": {"path": "/alerts"},\n            })\n            '),
			errors: envelope(21, 65, '(payload)'),
		},
	],
});
