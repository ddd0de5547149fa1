import {defineRule} from '../../rule.js';

export default defineRule({
	id: 'component/scoped-out',
	meta: {
		description: 'Require a component\'s scopes to include the lab\'s app id',
		severity: 'error',
		messages: {
			scopedOut: 'Component "{{name}}" lists scopes {{scopes}}, which leave out the app id "{{appId}}"; daprd started with --app-id {{appId}} never loads it.',
		},
		docs: 'A component with a non-empty top-level `scopes:` list is loaded only by the apps whose id is in that list, compared exactly (case included). daprd skips any other component quietly: no error and no log line at the default level. The lab runs `dapr run --app-id cron-app`, so a cron component scoped to another id never fires, and an output binding or pub/sub scoped away is "not found" at invoke time.',
		symptom: 'Nothing happens: the cron never fires, or invoke_binding / publish_event fails with `binding ... not found` / `pubsub ... is not found`.',
		fix: 'Add the lab\'s app id to `scopes:`, or delete the list.',
	},
	check({model, lab, report}) {
		const appId = lab.appId;
		if (!appId) return;
		for (const doc of model.components) {
			const scopes = doc.scopes;
			if (!scopes || scopes.items.length === 0) continue;
			if (scopes.items.some((item) => item.value === appId)) continue;
			const name = doc.name?.value.trim() || doc.file;
			report({
				messageId: 'scopedOut',
				data: {name, appId, scopes: scopes.items.map((item) => `"${item.value}"`).join(', ')},
				file: doc.file,
				at: scopes.span,
				hint: `Add \`- ${appId}\` under scopes:, or delete the scopes: list so every app loads the component.`,
			});
		}
	},
});
