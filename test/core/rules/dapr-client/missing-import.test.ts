import {describe, expect, test} from 'vitest';
import {APP_PY, at, check, complete} from '../../../helpers/rules.js';

const RULE = 'dapr-client/missing-import';

describe(RULE, () => {
	test('valid: imported', () => expect(check(RULE, complete())).toEqual([]));
	test('valid: aio import', () => {
		expect(check(RULE, complete({'app.py': APP_PY.replace('from dapr.clients import DaprClient', 'from dapr.aio.clients import DaprClient')}))).toEqual([]);
	});
	test('valid: a star import may bind it', () => {
		expect(check(RULE, complete({'app.py': APP_PY.replace('from dapr.clients import DaprClient', 'from dapr.clients import *')}))).toEqual([]);
	});
	test('used but never imported: at the first use', () => {
		const findings = check(RULE, complete({'app.py': APP_PY.replace('from dapr.clients import DaprClient\n', '')}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 13, 10]]);
		expect(findings[0]!.hint).toBe('Add `from dapr.clients import DaprClient` at the top of app.py.');
	});
});
