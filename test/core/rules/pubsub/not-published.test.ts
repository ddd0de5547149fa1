import {describe, expect, test} from 'vitest';
import {APP_PY, at, check, complete} from '../../../helpers/rules.js';

const RULE = 'pubsub/not-published';

const NO_PUBLISH = APP_PY.replace(/\n\s*client\.publish_event\([^\n]*\)/, '');

describe(RULE, () => {
	test('valid: the SDK call', () => expect(check(RULE, complete())).toEqual([]));
	test('valid: the raw HTTP publish API', () => {
		const app = NO_PUBLISH.replace('import json', 'import json\nimport httpx').replace('    return {"status": "OK"}', '    httpx.post("http://localhost:3500/v1.0/publish/pubsub/task-events", json={})\n    return {"status": "OK"}');
		expect(check(RULE, complete({'app.py': app}))).toEqual([]);
	});
	test('combined without a publish: names the pub/sub component', () => {
		const findings = check(RULE, complete({'app.py': NO_PUBLISH}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 5, 7]]);
		expect(findings[0]!.message).toContain('"pubsub"');
		expect(findings[0]!.hint).toContain('topic_name="task-events"');
	});
	test('lab-b does not need pub/sub', () => expect(check(RULE, complete({'app.py': NO_PUBLISH}), 'lab-b')).toEqual([]));
	test('raw HTTP with %, .format() or a variable counts; a URL it cannot read is info, never "nothing"', () => {
		const base = APP_PY.replace(/\n\s*client\.publish_event\([^\n]*\)/, '').replace('import json', 'import json\nimport requests');
		for (const line of [
			`requests.post(url='%s/v1.0/publish/%s' % (BASE, NAME), json={})`,
			`requests.post('{}/v1.0/publish/{}'.format(BASE, NAME), json={})`,
			`url = f"{BASE}/v1.0/publish/x"\n    requests.post(url, json={})`,
		]) {
			expect(check('pubsub/not-published', complete({'app.py': base.replace('    return {"status": "OK"}', `    ${line}\n    return {"status": "OK"}`)}))).toEqual([]);
		}
		const unknown = check('pubsub/not-published', complete({'app.py': base.replace('    return {"status": "OK"}', '    requests.post(make_url(), json={})\n    return {"status": "OK"}')}));
		expect(unknown.map((f) => f.severity)).toEqual(['info']);
	});
	test('combined: a call only another handler makes does not count for the cron handler', () => {
		const moved = APP_PY.replace(/\n(\s*)client\.publish_event\(([^\n]*)\)/, '').replace('    return {"status": "OK"}', '    return {"status": "OK"}\n\n\n@app.post("/other")\ndef other():\n    with DaprClient() as client:\n        client.publish_event(x=1)\n    return {}');
		const findings = check('pubsub/not-published', complete({'app.py': moved}));
		expect(findings.map((f) => f.severity)).toEqual(['error']);
		expect(findings[0]!.message).toContain('runs only when another route is called');
	});
});
