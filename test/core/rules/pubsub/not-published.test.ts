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
});
