import {describe, expect, test} from 'vitest';
import {APP_PY, at, check, complete} from '../../../helpers/rules.js';

const RULE = 'python/undefined-name';

describe(RULE, () => {
	test('valid: defined, imported, builtin (incl. exceptions) and parameters', () => {
		const app = APP_PY + '\n\ndef other(callback):\n    callback()\n    print(len(sorted([])))\n    raise ValueError(ExceptionGroup)\n';
		expect(check(RULE, complete({'app.py': app}))).toEqual([]);
	});
	test('the lesson handler: find_expired_tasks called but never defined', () => {
		const app = APP_PY.replace('def find_expired_tasks():\n    return ["task-1"]\n', '').replace('for task_id in find_expired_tasks():', 'for task_id in find_expired_tasks() + find_expired_tasks():');
		const findings = check(RULE, complete({'app.py': app}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 13, 24]]);
		expect(findings[0]!.message).toBe('The function find_expired_tasks() is called 2 times but never defined or imported; Python raises NameError when the line runs.');
	});
	test('a star import may bind anything: no claim', () => {
		const app = APP_PY.replace('def find_expired_tasks():\n    return ["task-1"]\n', '').replace('import json\n', 'import json\nfrom tasks import *\n');
		expect(check(RULE, complete({'app.py': app}))).toEqual([]);
	});
	test('DaprClient is left to dapr-client/missing-import', () => {
		expect(check(RULE, complete({'app.py': APP_PY.replace('from dapr.clients import DaprClient\n', '')}))).toEqual([]);
	});
});
