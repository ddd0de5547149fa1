import {describe, expect, test} from 'vitest';
import {APP_PY, at, check, complete} from '../../../helpers/rules.js';

const RULE = 'dapr-client/async-with-sync-client';
const asyncWith = (app: string) => app.replace('with DaprClient() as client:', 'async with DaprClient() as client:');

describe(RULE, () => {
	test('valid: sync with', () => expect(check(RULE, complete())).toEqual([]));
	test('valid: async with the aio client', () => {
		const app = asyncWith(APP_PY).replace('from dapr.clients import DaprClient', 'from dapr.aio.clients import DaprClient');
		expect(check(RULE, complete({'app.py': app}))).toEqual([]);
	});
	test('async with the sync client', () => {
		const findings = check(RULE, complete({'app.py': asyncWith(APP_PY)}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 14, 16]]);
		expect(findings[0]!.hint).toContain('with DaprClient() as client:');
	});
	test('through an alias: from dapr.clients import DaprClient as DC', () => {
		const app = asyncWith(APP_PY).replace('from dapr.clients import DaprClient', 'from dapr.clients import DaprClient as DC').replace('async with DaprClient()', 'async with DC()');
		expect(check(RULE, complete({'app.py': app})).map((f) => f.ruleId)).toEqual([RULE]);
	});
	test('through a module alias: import dapr.clients as dc', () => {
		const app = asyncWith(APP_PY).replace('from dapr.clients import DaprClient', 'import dapr.clients as dc').replace('async with DaprClient()', 'async with dc.DaprClient()');
		expect(check(RULE, complete({'app.py': app})).map((f) => f.ruleId)).toEqual([RULE]);
	});
	test.each([
		['import dapr.clients as dc', 'dc.DaprClient', 1],
		['from dapr.clients import *', 'DaprClient', 1],
		['from dapr.aio.clients import DaprClient as DC', 'DC', 0],
		['import dapr.aio.clients', 'dapr.aio.clients.DaprClient', 0],
	] as const)('resolved through the imports: %s / async with %s()', (imp, callee, count) => {
		const app = `${imp}
from fastapi import FastAPI

app = FastAPI()


@app.post("/go")
async def go():
    async with ${callee}() as client:
        await client.invoke_binding("monitoring-webhook", "post", "x")
`;
		expect(check(RULE, complete({'app.py': app}))).toHaveLength(count);
	});
});
