import {defineRule} from '../../rule.js';
import type {ComponentDoc} from '../../model.js';
import {where} from '../support.js';

export default defineRule({
	id: 'component/duplicate-name',
	meta: {
		description: 'Disallow two components with the same metadata.name',
		severity: 'error',
		messages: {
			duplicate: 'Component name "{{name}}" is already used by {{first}}; a duplicate name makes daprd reject the whole resources folder, so neither component loads.',
		},
		docs: 'Component names are unique per app. daprd\'s disk loader checks every manifest under --resources-path before it loads any (dapr/dapr pkg/internal/loader/disk/disk.go filterManifests): a second component with a name already seen is an error, `duplicate definition of Component name <name> (<type>/<version>) with existing <name> (<type>/<version>)`, and the loader returns no components at all. The check runs before scopes are applied, so it counts components scoped to other apps too. The Dapr CLI runs the same loader before it starts anything (dapr/cli pkg/standalone/run.go validateResourcesPaths), so `dapr run` refuses to start with `error validating components in resources path ...`. Loading `--resources-path ./components` next to a second folder that also has a `pubsub` component is the same error.',
		symptom: '`dapr run` stops at once: `error validating components in resources path [...] : duplicate definition of Component name ... with existing ...`.',
		fix: 'Rename or delete one of them.',
	},
	check({model, report}) {
		const seen = new Map<string, ComponentDoc>();
		for (const doc of model.components) {
			const name = doc.name?.value.trim();
			if (!name || !doc.name) continue;
			const first = seen.get(name);
			if (!first) {
				seen.set(name, doc);
				continue;
			}
			report({
				messageId: 'duplicate',
				data: {name, first: where(first.file, first.name?.span ?? first.span)},
				file: doc.file,
				at: doc.name.span,
				hint: `Give this component another name, or delete one of the two (${first.file} and ${doc.file}).`,
			});
		}
	},
});
