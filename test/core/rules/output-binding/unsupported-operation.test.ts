import {describe, expect, test} from 'vitest';
import {APP_PY, at, check, complete} from '../../../helpers/rules.js';

const RULE = 'output-binding/unsupported-operation';
const withOperation = (operation: string, positional = false) =>
	APP_PY.replace(
		'client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=json.dumps({"task_id": task_id}))',
		positional ? `client.invoke_binding("monitoring-webhook", "${operation}", "x")` : `client.invoke_binding(binding_name="monitoring-webhook", operation="${operation}", data="x")`,
	);

describe(RULE, () => {
	test.each(['post', 'get', 'create', 'delete'])('valid: %s', (operation) => expect(check(RULE, complete({'app.py': withOperation(operation)}))).toEqual([]));
	test('POST is rejected case-sensitively; hint is the lower-case form', () => {
		const findings = check(RULE, complete({'app.py': withOperation('POST')}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 17, 70]]);
		expect(findings[0]!.message).toContain('binding monitoring-webhook does not support operation POST');
		expect(findings[0]!.hint).toBe('Write operation="post".');
	});
	test('positional operation not supported at all: hint lists them', () => {
		const findings = check(RULE, complete({'app.py': withOperation('send', true)}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 17, 57]]);
		expect(findings[0]!.hint).toContain('create, get, head, post');
	});
});
