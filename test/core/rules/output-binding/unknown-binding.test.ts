import {describe, expect, test} from 'vitest';
import {APP_PY, at, check, complete, HTTP_YAML} from '../../../helpers/rules.js';

const RULE = 'output-binding/unknown-binding';
const invoke = (args: string) => APP_PY.replace('client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=json.dumps({"task_id": task_id}))', `client.invoke_binding(${args})`);

describe(RULE, () => {
	test('valid: keyword and positional', () => {
		expect(check(RULE, complete())).toEqual([]);
		expect(check(RULE, complete({'app.py': invoke('"monitoring-webhook", "post", json.dumps({})')}))).toEqual([]);
	});
	test('valid: a name that is not statically known is not checked', () => {
		expect(check(RULE, complete({'app.py': invoke('binding_name=BINDING, operation="post"')}))).toEqual([]);
	});
	test('a typo gets did-you-mean', () => {
		const findings = check(RULE, complete({'app.py': invoke('binding_name="monitoring_webhook", operation="post"')}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 17, 35]]);
		expect(findings[0]!.message).toContain('did you mean monitoring-webhook?');
	});
	test('positional name of the cron (input-only)', () => {
		const findings = check(RULE, complete({'app.py': invoke('"cleanup-cron", "create", "x"')}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 17, 35]]);
		expect(findings[0]!.message).toContain('input-only');
	});
	test('an http binding whose direction excludes output', () => {
		const findings = check(RULE, complete({'components/http-binding.yaml': HTTP_YAML.replace('value: "output"', 'value: "input"')}));
		expect(findings[0]!.message).toContain('excludes output');
	});
	test('a pubsub is not a binding', () => {
		expect(check(RULE, complete({'app.py': invoke('binding_name="pubsub", operation="create"')}))[0]!.message).toContain('not a binding');
	});
	test('the aio client, awaited', () => {
		const app = invoke('"nope", "post", "x"').replace('client.invoke_binding', 'await client.invoke_binding').replace('from dapr.clients', 'from dapr.aio.clients').replace('with DaprClient()', 'async with DaprClient()');
		expect(check(RULE, complete({'app.py': app})).map((f) => f.ruleId)).toEqual([RULE]);
	});
});
