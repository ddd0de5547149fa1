import {describe, expect, test} from 'vitest';
import {APP_PY, at, check, complete} from '../../../helpers/rules.js';

const RULE = 'output-binding/not-invoked';

const NO_CALL = APP_PY.replace(/\n\s*client\.invoke_binding\([^\n]*\)/, '');

describe(RULE, () => {
	test('valid: the SDK call', () => expect(check(RULE, complete())).toEqual([]));
	test('valid: the raw HTTP API, as the bindings quickstart does', () => {
		const app = NO_CALL.replace('import json', 'import json\nimport requests').replace('    return {"status": "OK"}', '    requests.post(f"http://localhost:3500/v1.0/bindings/monitoring-webhook", json={"operation": "post", "data": {}})\n    return {"status": "OK"}');
		expect(check(RULE, complete({'app.py': app}), 'lab-b')).toEqual([]);
	});
	test('no invoke_binding anywhere (lab-b): points at the app object, names the component', () => {
		const findings = check(RULE, complete({'app.py': NO_CALL}), 'lab-b');
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 5, 7]]);
		expect(findings[0]!.message).toContain('"monitoring-webhook"');
		expect(findings[0]!.hint).toContain('invoke_binding(binding_name="monitoring-webhook", operation="post"');
	});
	test('lab-a does not need an output binding', () => expect(check(RULE, complete({'app.py': NO_CALL}), 'lab-a')).toEqual([]));
	test('silent while app.py does not parse (python/syntax speaks)', () => expect(check(RULE, complete({'app.py': 'def (:\n'}), 'lab-b')).toEqual([]));
});
