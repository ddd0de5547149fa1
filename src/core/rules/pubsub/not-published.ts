import {defineRule} from '../../rule.js';
import {completeness, labNeeds, reportCompleteness} from '../completeness.js';
import {categoryOfDoc, readyPython, short} from '../support.js';

export default defineRule({
	id: 'pubsub/not-published',
	meta: {
		description: 'Require the app to publish to pub/sub when the lab is about pub/sub, from the input binding handler when there is one',
		severity: 'error',
		messages: {
			never: 'Nothing in the app publishes an event, so the "{{name}}" pub/sub component is loaded but no internal service hears of the expired tasks.',
			neverNoName: 'Nothing in the app publishes an event, and components/ has no pub/sub component to publish to.',
			notFromHandler:
				'The handler of input binding "{{binding}}" ({{handler}} at {{where}}) never publishes an event, directly or through the functions it calls; the publish at {{elsewhere}} runs only when another route is called, so no event reaches "{{name}}" when "{{binding}}" fires.',
			unresolved: 'Could not verify that the app publishes to "{{name}}": the HTTP call at {{where}} may reach the sidecar\'s /v1.0/publish/ API, but its URL is not statically known; `dapr-labs run` verifies it.',
		},
		docs: 'The cron + pub/sub + output binding pattern tells internal Dapr services about expired tasks through pub/sub: `publish_event(pubsub_name=..., topic_name=..., data=...)` through the SDK, or a POST to the sidecar\'s `/v1.0/publish/<pubsub>/<topic>` (built with an f-string, `%`, `.format()` or a variable, as the pub/sub quickstart does). The publish must be reachable from the cron handler, directly or through the helper functions it calls in any module of the app; a publish that only another route makes does not run when the cron fires. Without a publish, nothing reaches the `task-events` topic (the Redis stream of that name stays empty).',
		symptom: '`XRANGE task-events - +` in redis-cli shows nothing after the cron fires.',
		fix: 'Publish each expired task with `publish_event(pubsub_name="pubsub", topic_name="task-events", data=json.dumps(...))`.',
	},
	check({model, lab, report}) {
		if (!labNeeds(lab, 'pubsub')) return;
		const python = readyPython(model);
		if (!python) return;
		const name = model.components.find((doc) => categoryOfDoc(doc) === 'pubsub')?.name?.value ?? null;
		const hint = `In the cron handler, for each expired task: \`client.publish_event(pubsub_name="${name === null ? '<your pub/sub component>' : short(name)}", topic_name="task-events", data=json.dumps({"event": "task.expired", "task_id": task_id}))\`.`;
		reportCompleteness(completeness(model, lab, python, 'publish_event', '/v1.0/publish/'), python, {name, anyName: 'a pub/sub component', theName: 'the pub/sub component', hint}, report);
	},
});
