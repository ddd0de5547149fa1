import {describe, expect, test} from 'vitest';
import {APP_PY, at, check, complete} from '../../../helpers/rules.js';

const RULE = 'output-binding/envelope-in-sdk-data';
const CALL = 'client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=json.dumps({"task_id": task_id}))';
const withCall = (call: string, before = '') => APP_PY.replace(CALL, `${before}${call}`);

describe(RULE, () => {
	test.each([
		['the lesson call', APP_PY],
		['payload with metadata in binding_metadata', withCall('client.invoke_binding("monitoring-webhook", "post", json.dumps({"task_id": task_id}), binding_metadata={"path": "/x"})')],
		['a payload that has a "data" key only', withCall('client.invoke_binding("monitoring-webhook", "post", json.dumps({"data": task_id}))')],
		['a variable holding the payload', withCall('client.invoke_binding("monitoring-webhook", "post", body)', 'body = json.dumps({"task_id": task_id})\n            ')],
		['"metadata" only as binding_metadata text', withCall('client.invoke_binding("monitoring-webhook", "post", data="x", binding_metadata={"metadata": "1"})')],
	])('valid: %s', (_name, app) => {
		expect(check(RULE, complete({'app.py': app}))).toEqual([]);
	});
	test.each([
		['json.dumps of the envelope', withCall('client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=json.dumps({"data": {"task_id": task_id}, "metadata": {"path": "/x"}}))'), 88, ''],
		['positional envelope', withCall('client.invoke_binding("monitoring-webhook", "post", json.dumps({\'data\': task_id, \'metadata\': {}}))'), 65, ''],
		['the envelope built in a variable', withCall('client.invoke_binding("monitoring-webhook", "post", data=payload)', 'payload = json.dumps({\n                "data": {"task_id": task_id},\n                "metadata": {"path": "/alerts"},\n            })\n            '), 0, '(payload)'],
	] as const)('invalid: %s', (_name, app, column, via) => {
		const findings = check(RULE, complete({'app.py': app}));
		expect(findings.map((f) => [f.ruleId, f.severity, f.file])).toEqual([[RULE, 'error', 'app.py']]);
		if (column > 0) expect(at(findings)[0]![4]).toBe(column);
		expect(findings[0]!.message).toContain(via);
		expect(findings[0]!.message).toContain('never sees the metadata');
		expect(findings[0]!.hint).toContain('binding_metadata');
	});
});
