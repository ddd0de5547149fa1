import rule from '../../../../src/core/rules/output-binding/unknown-binding.js';
import {APP_PY, complete, HTTP_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const invoke = (args: string) => APP_PY.replace('client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=json.dumps({"task_id": task_id}))', `client.invoke_binding(${args})`);
const withApp = (app: string) => complete({'app.py': app});

ruleTester.run(rule, {
	valid: [
		{name: 'keyword', files: complete()},
		{name: 'positional', files: withApp(invoke('"monitoring-webhook", "post", json.dumps({})'))},
		{name: 'a name that is not statically known is not checked', files: withApp(invoke('binding_name=BINDING, operation="post"'))},
	],
	invalid: [
		{name: 'a typo gets did-you-mean', files: withApp(invoke('binding_name="monitoring_webhook", operation="post"')), errors: [{messageId: 'unknownNear', file: 'app.py', line: 17, column: 35, severity: 'error', message: /did you mean monitoring-webhook\?/}]},
		{name: 'positional name of the cron (input-only)', files: withApp(invoke('"cleanup-cron", "create", "x"')), errors: [{messageId: 'inputOnly', file: 'app.py', line: 17, column: 35, severity: 'error', message: /input-only/}]},
		{name: 'an http binding whose direction excludes output', files: complete({'components/http-binding.yaml': HTTP_YAML.replace('value: "output"', 'value: "input"')}), errors: [{messageId: 'directionExcludes', line: 17, column: 35, message: /excludes output/}]},
		{name: 'a pubsub is not a binding', files: withApp(invoke('binding_name="pubsub", operation="create"')), errors: [{messageId: 'notBinding', line: 17, column: 35, message: /not a binding/}]},
		{
			name: 'the aio client, awaited',
			files: withApp(invoke('"nope", "post", "x"').replace('client.invoke_binding', 'await client.invoke_binding').replace('from dapr.clients', 'from dapr.aio.clients').replace('with DaprClient()', 'async with DaprClient()')),
			errors: [{messageId: 'unknown', file: 'app.py', line: 17, column: 41, severity: 'error'}],
		},
	],
});
