import rule from '../../../../src/core/rules/output-binding/not-invoked.js';
import {APP_PY, complete} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const NO_CALL = APP_PY.replace(/\n\s*client\.invoke_binding\([^\n]*\)/, '');
const RAW = NO_CALL.replace('import json', 'import json\nimport requests');
const rawCall = (line: string) => complete({'app.py': RAW.replace('    return {"status": "OK"}', `    ${line}\n    return {"status": "OK"}`)});

ruleTester.run(rule, {
	valid: [
		{name: 'the SDK call', files: complete()},
		{name: 'the raw HTTP API, as the bindings quickstart does', files: rawCall('requests.post(f"http://localhost:3500/v1.0/bindings/monitoring-webhook", json={"operation": "post", "data": {}})'), lab: 'lab-b'},
		{name: 'lab-a does not need an output binding', files: complete({'app.py': NO_CALL}), lab: 'lab-a'},
		{name: 'silent while app.py does not parse (python/syntax speaks)', files: complete({'app.py': 'def (:\n'}), lab: 'lab-b'},
		// Raw HTTP with %, .format() or a variable counts.
		{name: 'raw HTTP with %', files: rawCall(`requests.post(url='%s/v1.0/bindings/%s' % (BASE, NAME), json={})`)},
		{name: 'raw HTTP with .format()', files: rawCall(`requests.post('{}/v1.0/bindings/{}'.format(BASE, NAME), json={})`)},
		{name: 'raw HTTP through a variable', files: rawCall(`url = f"{BASE}/v1.0/bindings/x"\n    requests.post(url, json={})`)},
	],
	invalid: [
		{
			name: 'no invoke_binding anywhere (lab-b): points at the app object, names the component',
			files: complete({'app.py': NO_CALL}),
			lab: 'lab-b',
			errors: [{messageId: 'never', data: {name: 'monitoring-webhook'}, file: 'app.py', line: 5, column: 7, severity: 'error', message: /"monitoring-webhook"/, hint: /invoke_binding\(binding_name="monitoring-webhook", operation="post"/}],
		},
		{name: 'a URL it cannot read is info, never "nothing"', files: rawCall('requests.post(make_url(), json={})'), errors: [{messageId: 'unresolved', file: 'app.py', line: 18, column: 5, severity: 'info'}]},
		{
			name: 'combined: a call only another handler makes does not count for the cron handler',
			files: complete({'app.py': APP_PY.replace(/\n(\s*)client\.invoke_binding\(([^\n]*)\)/, '').replace('    return {"status": "OK"}', '    return {"status": "OK"}\n\n\n@app.post("/other")\ndef other():\n    with DaprClient() as client:\n        client.invoke_binding(x=1)\n    return {}')}),
			errors: [{messageId: 'notFromHandler', file: 'app.py', line: 12, column: 1, severity: 'error', message: /runs only when another route is called/}],
		},
		{
			name: 'never names a component the folder does not have',
			files: complete({'app.py': NO_CALL, 'components/http-binding.yaml': null}),
			lab: 'lab-b',
			errors: [{messageId: 'neverNoName', line: 5, column: 7, message: 'Nothing in the app invokes an output binding, and components/ has no output binding for it to invoke.', hint: /^(?![\s\S]*monitoring-webhook)/}],
		},
	],
});
