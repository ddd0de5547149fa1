import {defineRule} from '../../rule.js';
import {labNeeds, usesOf} from '../completeness.js';
import {appConstruction, categoryOfDoc, readyPython, short} from '../support.js';

export default defineRule({
	id: 'pubsub/not-published',
	meta: {
		description: 'Require app.py to publish to pub/sub when the lab is about pub/sub',
		severity: 'error',
		messages: {
			never: 'Nothing in app.py publishes an event, so the "{{name}}" pub/sub component is loaded but no internal service hears of the expired tasks.',
		},
		docs: 'The combined pattern tells internal Dapr services about expired tasks through pub/sub: `publish_event(pubsub_name=..., topic_name=..., data=...)` through the SDK, or a POST to the sidecar\'s `/v1.0/publish/<pubsub>/<topic>`. Without a publish, nothing reaches the `task-events` topic (the Redis stream of that name stays empty).',
		symptom: '`XRANGE task-events - +` in redis-cli shows nothing after the cron fires.',
		fix: 'Publish each expired task with `publish_event(pubsub_name="pubsub", topic_name="task-events", data=json.dumps(...))`.',
	},
	check({model, lab, report}) {
		if (!labNeeds(lab, 'pubsub')) return;
		const python = readyPython(model);
		if (!python) return;
		if (usesOf(python, 'publish_event', '/v1.0/publish/').length > 0) return;
		const name = model.components.find((doc) => categoryOfDoc(doc) === 'pubsub')?.name?.value ?? 'pubsub';
		report({
			messageId: 'never',
			data: {name: short(name)},
			file: python.file,
			at: appConstruction(python),
			hint: `In the cron handler, for each expired task: \`client.publish_event(pubsub_name="${short(name)}", topic_name="task-events", data=json.dumps({"event": "task.expired", "task_id": task_id}))\`.`,
		});
	},
});
