import {describe, expect, test} from 'vitest';
import {APP_PY, at, check, complete} from '../../../helpers/rules.js';

const RULE = 'output-binding/data-type';
const withData = (data: string, positional = false) =>
	APP_PY.replace(
		'client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=json.dumps({"task_id": task_id}))',
		positional ? `client.invoke_binding("monitoring-webhook", "post", ${data})` : `client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=${data})`,
	);

describe(RULE, () => {
	test.each(['json.dumps({"a": 1})', '"text"', 'b"raw"', 'payload'])('valid: %s', (data) => expect(check(RULE, complete({'app.py': withData(data)}))).toEqual([]));
	test.each([
		['dict', '{"task_id": task_id}'],
		['list', '[1, 2]'],
		['set', '{1, 2}'],
	])('%s literal', (kind, data) => {
		const findings = check(RULE, complete({'app.py': withData(data)}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 17, 88]]);
		expect(findings[0]!.message).toContain(`${kind} literal`);
		expect(findings[0]!.hint).toContain('json.dumps');
	});
	test('positional data', () => {
		expect(at(check(RULE, complete({'app.py': withData('{"a": 1}', true)})))).toEqual([[RULE, 'error', 'app.py', 17, 65]]);
	});
});
