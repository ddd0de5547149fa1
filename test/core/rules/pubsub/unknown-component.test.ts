import {describe, expect, test} from 'vitest';
import {APP_PY, at, check, complete} from '../../../helpers/rules.js';

const RULE = 'pubsub/unknown-component';

describe(RULE, () => {
	test('valid', () => expect(check(RULE, complete())).toEqual([]));
	test('no pubsub component: names --resources-path', () => {
		const findings = check(RULE, complete({'components/pubsub.yaml': null}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 16, 34]]);
		expect(findings[0]!.message).toContain('--resources-path ./components');
		expect(findings[0]!.hint).toContain('components/pubsub.yaml');
	});
	test('positional pubsub name with a typo', () => {
		const app = APP_PY.replace('client.publish_event(pubsub_name="pubsub", topic_name="task-events",', 'client.publish_event("pubsup", "task-events",');
		const findings = check(RULE, complete({'app.py': app}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 16, 34]]);
		expect(findings[0]!.message).toContain('did you mean pubsub?');
	});
	test('a binding name is not a pubsub', () => {
		const app = APP_PY.replace('pubsub_name="pubsub"', 'pubsub_name="monitoring-webhook"');
		expect(check(RULE, complete({'app.py': app}))[0]!.message).toContain('not a pub/sub');
	});
	test('a pub/sub component under another name: the fix renames the call, it does not create a file over a correct one', () => {
		const app = APP_PY.replace('pubsub_name="pubsub"', 'pubsub_name="redis-pubsub"');
		const findings = check(RULE, complete({'app.py': app}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 16, 34]]);
		expect(findings[0]!.hint).toBe('Change `pubsub_name` to "pubsub" (the pub/sub component components/ declares).');
		expect(findings[0]!.hint).not.toContain('Create');
	});
	test('a binding name with a pub/sub component present: rename to the pub/sub', () => {
		const app = APP_PY.replace('pubsub_name="pubsub"', 'pubsub_name="monitoring-webhook"');
		expect(check(RULE, complete({'app.py': app}))[0]!.hint).toBe('Change `pubsub_name` to "pubsub" (the pub/sub component components/ declares).');
	});
});
