import rule from '../../../../src/core/rules/pubsub/not-published.js';
import {APP_PY, complete} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const NO_PUBLISH = APP_PY.replace(/\n\s*client\.publish_event\([^\n]*\)/, '');
const RAW = NO_PUBLISH.replace('import json', 'import json\nimport requests');
const rawCall = (line: string) => complete({'app.py': RAW.replace('    return {"status": "OK"}', `    ${line}\n    return {"status": "OK"}`)});

ruleTester.run(rule, {
	valid: [
		{name: 'the SDK call', files: complete()},
		{
			name: 'the raw HTTP publish API',
			files: complete({'app.py': NO_PUBLISH.replace('import json', 'import json\nimport httpx').replace('    return {"status": "OK"}', '    httpx.post("http://localhost:3500/v1.0/publish/pubsub/task-events", json={})\n    return {"status": "OK"}')}),
		},
		{name: 'lab-b does not need pub/sub', files: complete({'app.py': NO_PUBLISH}), lab: 'lab-b'},
		// Raw HTTP with %, .format() or a variable counts.
		{name: 'raw HTTP with %', files: rawCall(`requests.post(url='%s/v1.0/publish/%s' % (BASE, NAME), json={})`)},
		{name: 'raw HTTP with .format()', files: rawCall(`requests.post('{}/v1.0/publish/{}'.format(BASE, NAME), json={})`)},
		{name: 'raw HTTP through a variable', files: rawCall(`url = f"{BASE}/v1.0/publish/x"\n    requests.post(url, json={})`)},
	],
	invalid: [
		{
			name: 'combined without a publish: names the pub/sub component',
			files: complete({'app.py': NO_PUBLISH}),
			errors: [{messageId: 'never', data: {name: 'pubsub'}, file: 'app.py', line: 5, column: 7, severity: 'error', message: /"pubsub"/, hint: /topic_name="task-events"/}],
		},
		{name: 'a URL it cannot read is info, never "nothing"', files: rawCall('requests.post(make_url(), json={})'), errors: [{messageId: 'unresolved', file: 'app.py', line: 18, column: 5, severity: 'info'}]},
		{
			name: 'combined: a call only another handler makes does not count for the cron handler',
			files: complete({'app.py': APP_PY.replace(/\n(\s*)client\.publish_event\(([^\n]*)\)/, '').replace('    return {"status": "OK"}', '    return {"status": "OK"}\n\n\n@app.post("/other")\ndef other():\n    with DaprClient() as client:\n        client.publish_event(x=1)\n    return {}')}),
			errors: [{messageId: 'notFromHandler', file: 'app.py', line: 12, column: 1, severity: 'error', message: /runs only when another route is called/}],
		},
	],
});
