import {legacyMetadataKey, matchMetadataKey, runtimeMetadataKeys} from '../../catalog/index.js';
import {defineRule} from '../../rule.js';
import {didYouMean} from '../../text.js';
import {entryOf, short} from '../support.js';

export default defineRule({
	id: 'component/unknown-metadata',
	meta: {
		description: 'Disallow metadata keys that the component type does not read',
		severity: 'warning',
		messages: {
			unknown: 'Type {{type}} does not read a metadata key "{{key}}", so daprd ignores it.',
			legacy: 'Type {{type}} still reads the older key "{{key}}" as {{replacement}}, so this works; newer Dapr docs write {{replacement}}.',
			unknownNear: 'Type {{type}} does not read a metadata key "{{key}}"; did you mean {{near}}?',
		},
		docs: 'A component reads only the keys it knows. Whether the case of a key matters depends on how it is read: keys a component decodes with dapr/kit\'s DecodeMetadata (mapstructure; cron `schedule`, http `url`) match in any case, so `URL` works as `url`; keys read by a direct map lookup match only as spelt (daprd\'s `route`, http\'s `errorIfNot2XX`; daprd\'s `direction` is compared with strings.EqualFold, so any case). A misspelt key (`shedule`) is ignored without a word, and the real key then has no value: the component fails to start or runs with a default you did not choose. Older keys that daprd still reads and maps (bindings.postgres `url`, kafka `authRequired`, pubsub.rabbitmq `host` → connectionString) are noted as info, not warned about.',
		symptom: 'A component error like `schedule not set`, or a default you did not expect.',
		fix: 'Use the did-you-mean suggestion or remove the key.',
	},
	check({model, report}) {
		for (const doc of model.components) {
			const entry = entryOf(doc);
			if (!entry || !entry.metadata) continue;
			let runtime: readonly string[] = [];
			try {
				runtime = runtimeMetadataKeys(entry.category);
			} catch {
				runtime = [];
			}
			const known = [...entry.metadata.map((key) => key.name), ...runtime];
			for (const item of doc.metadata ?? []) {
				if (!item.name || item.name.value.trim() === '') continue;
				if (matchMetadataKey(entry, item.name.value) !== null) continue;
				const legacy = legacyMetadataKey(entry, item.name.value);
				if (legacy) {
					report({messageId: 'legacy', data: {type: entry.type, key: legacy.key, replacement: legacy.replacement}, file: doc.file, at: item.name.span, severity: 'info', hint: `Nothing to fix; \`- name: ${legacy.replacement}\` is the current spelling.`});
					continue;
				}
				const near = didYouMean(item.name.value, known);
				report({
					messageId: near ? 'unknownNear' : 'unknown',
					data: {type: entry.type, key: short(item.name.value), near: near ?? ''},
					file: doc.file,
					at: item.name.span,
					hint: near ? `Write \`- name: ${near}\`.` : `Remove it, or use one of: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ` and ${known.length - 12} more` : ''}.`,
				});
			}
		}
	},
});
