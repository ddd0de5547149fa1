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
	test('raw HTTP with %, .format() or a variable counts; a URL it cannot read is info, never "nothing"', () => {
		const base = APP_PY.replace(/\n\s*client\.invoke_binding\([^\n]*\)/, '').replace('import json', 'import json\nimport requests');
		for (const line of [
			`requests.post(url='%s/v1.0/bindings/%s' % (BASE, NAME), json={})`,
			`requests.post('{}/v1.0/bindings/{}'.format(BASE, NAME), json={})`,
			`url = f"{BASE}/v1.0/bindings/x"\n    requests.post(url, json={})`,
		]) {
			expect(check('output-binding/not-invoked', complete({'app.py': base.replace('    return {"status": "OK"}', `    ${line}\n    return {"status": "OK"}`)}))).toEqual([]);
		}
		const unknown = check('output-binding/not-invoked', complete({'app.py': base.replace('    return {"status": "OK"}', '    requests.post(make_url(), json={})\n    return {"status": "OK"}')}));
		expect(unknown.map((f) => f.severity)).toEqual(['info']);
	});
	test('combined: a call only another handler makes does not count for the cron handler', () => {
		const moved = APP_PY.replace(/\n(\s*)client\.invoke_binding\(([^\n]*)\)/, '').replace('    return {"status": "OK"}', '    return {"status": "OK"}\n\n\n@app.post("/other")\ndef other():\n    with DaprClient() as client:\n        client.invoke_binding(x=1)\n    return {}');
		const findings = check('output-binding/not-invoked', complete({'app.py': moved}));
		expect(findings.map((f) => f.severity)).toEqual(['error']);
		expect(findings[0]!.message).toContain('runs only when another route is called');
	});
	test('never names a component the folder does not have', () => {
		const findings = check(RULE, complete({'app.py': NO_CALL, 'components/http-binding.yaml': null}), 'lab-b');
		expect(findings.map((f) => f.message)).toEqual(['Nothing in the app invokes an output binding, and components/ has no output binding for it to invoke.']);
		expect(findings[0]!.hint).not.toContain('monitoring-webhook');
	});
});
