import {allComponentTypes, removedInRelease} from '../../catalog/index.js';
import {defineRule} from '../../rule.js';
import {didYouMean} from '../../text.js';
import {entryOf, short} from '../support.js';

// daprd's category is the spec.type prefix, compared case-sensitively (dapr/dapr pkg/runtime/processor/manager.go
// category); none → `incorrect type X`. A bindings.* type no registry knows → binding.go `couldn't find binding
// <name> (<type>/<version>)`. Other categories' registries word it their own way, so no quote for them.
const PREFIXES = ['bindings', 'configuration', 'crypto', 'lock', 'middleware', 'pubsub', 'secretstores', 'state', 'conversation'];

function daprdStory(type: string, name: string, version: string): string {
	const known = PREFIXES.some((prefix) => type.startsWith(`${prefix}.`));
	if (!known) return `; daprd fails with \`incorrect type ${short(type, 60)}\``;
	if (type.startsWith('bindings.') && name.trim() !== '') return `; daprd fails with \`couldn't find binding ${short(name.trim(), 60)} (${short(type, 60)}/${version.trim() || 'v1'})\``;
	return '';
}

export default defineRule({
	id: 'component/unknown-type',
	meta: {
		description: 'Require spec.type to be a Dapr component type',
		severity: 'error',
		messages: {
			missing: 'The component has no spec.type; daprd cannot tell which component to load.',
			unknown: 'The spec.type "{{type}}" is not a Dapr component type{{story}}.',
			unknownNear: 'The spec.type "{{type}}" is not a Dapr component type{{story}}; did you mean {{near}}?',
			removed: 'The spec.type "{{type}}" was removed from Dapr in {{release}}; daprd {{release}} and later cannot load it.',
		},
		docs: 'daprd looks spec.type up in its registry of built-in components. The part before the first dot picks the registry: a prefix daprd does not know (`binding.cron`) fails with `incorrect type binding.cron`; a known prefix with an unknown name fails with `couldn\'t find binding cleanup-cron (bindings.cronn/v1)` (for bindings). Either way the component fails to load and daprd stops. Types Dapr removed (bindings.twitter in v1.11) are named as removed, with the release, instead of a did-you-mean.',
		symptom: 'daprd exits: `incorrect type binding.cron`, or `couldn\'t find binding <name> (<type>/<version>)`.',
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
			const release = removedInRelease(doc.type.value);
			if (release !== null) {
				report({messageId: 'removed', data: {type: short(doc.type.value.trim()), release}, file: doc.file, at: doc.type.span, hint: 'Pick a current component for the job from the Dapr component reference, or call the service\'s API from your app.'});
				continue;
			}
			types ??= allComponentTypes();
			const near = didYouMean(doc.type.value.trim(), types);
			report({
				messageId: near ? 'unknownNear' : 'unknown',
				data: {type: short(doc.type.value), near: near ?? '', story: daprdStory(doc.type.value, doc.name?.value ?? '', doc.version?.value ?? '')},
				file: doc.file,
				at: doc.type.span,
				hint: near ? `Write \`type: ${near}\`.` : 'Use a type from the Dapr component reference, e.g. `bindings.cron`, `bindings.http` or `pubsub.redis`.',
			});
		}
	},
});
