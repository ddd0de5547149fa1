import rule from '../../../../src/core/rules/pubsub/unknown-component.js';
import {APP_PY, complete} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const RENAME = 'Change `pubsub_name` to "pubsub" (the pub/sub component components/ declares).';
const withApp = (app: string) => complete({'app.py': app});

ruleTester.run(rule, {
	valid: [{name: 'the lesson app', files: complete()}],
	invalid: [
		{
			name: 'no pubsub component: names --resources-path',
			files: complete({'components/pubsub.yaml': null}),
			errors: [{messageId: 'unknown', file: 'app.py', line: 16, column: 34, severity: 'error', message: /--resources-path \.\/components/, hint: /components\/pubsub\.yaml/}],
		},
		{
			name: 'positional pubsub name with a typo',
			files: withApp(APP_PY.replace('client.publish_event(pubsub_name="pubsub", topic_name="task-events",', 'client.publish_event("pubsup", "task-events",')),
			errors: [{messageId: 'unknownNear', file: 'app.py', line: 16, column: 34, severity: 'error', message: /did you mean pubsub\?/}],
		},
		{
			name: 'a binding name is not a pubsub; the fix renames to the pub/sub',
			files: withApp(APP_PY.replace('pubsub_name="pubsub"', 'pubsub_name="monitoring-webhook"')),
			errors: [{messageId: 'notPubsub', line: 16, column: 34, message: /not a pub\/sub/, hint: RENAME}],
		},
		{
			name: 'a pub/sub component under another name: the fix renames the call, it does not create a file over a correct one',
			files: withApp(APP_PY.replace('pubsub_name="pubsub"', 'pubsub_name="redis-pubsub"')),
			errors: [{messageId: 'unknown', file: 'app.py', line: 16, column: 34, severity: 'error', hint: RENAME}],
		},
	],
});
