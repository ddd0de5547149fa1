import {allComponentTypes} from '../../catalog/index.js';
import {defineRule} from '../../rule.js';
import {didYouMean} from '../../text.js';
import {entryOf, short} from '../support.js';

export default defineRule({
	id: 'component/unknown-type',
	meta: {
		description: 'Require spec.type to be a Dapr component type',
		severity: 'error',
		messages: {
			missing: 'The component has no spec.type; daprd cannot tell which component to load.',
			unknown: 'The spec.type "{{type}}" is not a Dapr component type.',
			unknownNear: 'The spec.type "{{type}}" is not a Dapr component type; did you mean {{near}}?',
		},
		docs: 'daprd looks spec.type up in its registry of built-in components. An unknown type fails with `couldn\'t find ... in the registry` and daprd stops.',
		symptom: 'daprd exits with `Fatal error from runtime` naming the component.',
		fix: 'Use the did-you-mean suggestion, or a type from the Dapr component reference.',
	},
	check({model, report}) {
		let types: readonly string[] | null = null;
		for (const doc of model.components) {
			if (!doc.type || doc.type.value.trim() === '') {
				report({messageId: 'missing', file: doc.file, at: doc.type?.span ?? doc.specSpan, hint: 'Add `type: bindings.cron` (or the type you need) under spec.'});
				continue;
			}
			if (entryOf(doc)) continue;
			types ??= allComponentTypes();
			const near = didYouMean(doc.type.value.trim(), types);
			report({
				messageId: near ? 'unknownNear' : 'unknown',
				data: {type: short(doc.type.value), near: near ?? ''},
				file: doc.file,
				at: doc.type.span,
				hint: near ? `Write \`type: ${near}\`.` : 'Use a type from the Dapr component reference, e.g. `bindings.cron`, `bindings.http` or `pubsub.redis`.',
			});
		}
	},
});
