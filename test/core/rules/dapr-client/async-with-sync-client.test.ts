import rule from '../../../../src/core/rules/dapr-client/async-with-sync-client.js';
import {APP_PY, complete} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const asyncWith = (app: string) => app.replace('with DaprClient() as client:', 'async with DaprClient() as client:');
const withApp = (app: string) => complete({'app.py': app});
const resolved = (imp: string, callee: string) =>
	withApp(`${imp}
from fastapi import FastAPI

app = FastAPI()


@app.post("/go")
async def go():
    async with ${callee}() as client:
        await client.invoke_binding("monitoring-webhook", "post", "x")
`);

ruleTester.run(rule, {
	valid: [
		{name: 'sync with', files: complete()},
		{name: 'async with the aio client', files: withApp(asyncWith(APP_PY).replace('from dapr.clients import DaprClient', 'from dapr.aio.clients import DaprClient'))},
		{name: 'resolved through the imports: from dapr.aio.clients import DaprClient as DC', files: resolved('from dapr.aio.clients import DaprClient as DC', 'DC')},
		{name: 'resolved through the imports: import dapr.aio.clients', files: resolved('import dapr.aio.clients', 'dapr.aio.clients.DaprClient')},
	],
	invalid: [
		{name: 'async with the sync client', files: withApp(asyncWith(APP_PY)), errors: [{messageId: 'asyncWith', file: 'app.py', line: 14, column: 16, severity: 'error', hint: /with DaprClient\(\) as client:/}]},
		{
			name: 'through an alias: from dapr.clients import DaprClient as DC',
			files: withApp(asyncWith(APP_PY).replace('from dapr.clients import DaprClient', 'from dapr.clients import DaprClient as DC').replace('async with DaprClient()', 'async with DC()')),
			errors: [{messageId: 'asyncWith', file: 'app.py', line: 14, column: 16}],
		},
		{
			name: 'through a module alias: import dapr.clients as dc',
			files: withApp(asyncWith(APP_PY).replace('from dapr.clients import DaprClient', 'import dapr.clients as dc').replace('async with DaprClient()', 'async with dc.DaprClient()')),
			errors: [{messageId: 'asyncWith', file: 'app.py', line: 14, column: 16}],
		},
		{name: 'resolved through the imports: import dapr.clients as dc', files: resolved('import dapr.clients as dc', 'dc.DaprClient'), errors: [{messageId: 'asyncWith', file: 'app.py', line: 9, column: 16}]},
		{name: 'resolved through the imports: from dapr.clients import *', files: resolved('from dapr.clients import *', 'DaprClient'), errors: [{messageId: 'asyncWith', file: 'app.py', line: 9, column: 16}]},
	],
});
