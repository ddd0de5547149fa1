import {suppliedPerRequest} from '../../catalog/index.js';
import type {MetadataItem} from '../../model.js';
import {defineRule} from '../../rule.js';
import {entryOf} from '../support.js';

const EXAMPLES: Readonly<Record<string, string>> = {
	schedule: '"@every 30s"',
	url: '"https://httpbin.org/post"',
	redisHost: 'localhost:6379',
};

/** Whether an item gives a value daprd passes on as non-empty (envRef and secretKeyRef count: resolved at load). */
function hasValue(item: MetadataItem): boolean {
	if (item.envRef || item.secretKeyRef) return true;
	return item.value !== null && item.value.value.trim() !== '';
}

export default defineRule({
	id: 'component/missing-metadata',
	meta: {
		description: 'Require the metadata keys the component type cannot start or send without',
		severity: 'error',
		messages: {
			missing: 'Type {{type}} needs the metadata key "{{key}}", and this component does not set it; the component fails to initialise.',
			empty: 'The metadata key "{{key}}" is set to an empty value, which type {{type}} treats as missing; the component fails to initialise.',
			missingInvoke: 'Type {{type}} needs the metadata key "{{key}}", and this component does not set it; it loads, but every invoke fails.',
			emptyInvoke: 'The metadata key "{{key}}" is set to an empty value; type {{type}} loads, but every invoke fails.',
		},
		docs: 'Required keys follow each component\'s Init code (components-contrib), not its metadata.yaml. An empty value (`apiKey: ""`) is the same as a missing key: the Go code tests `== ""`. A cron without `schedule` fails Init with `schedule not set`, a SendGrid binding without `apiKey` with `apiKey field is required in metadata`; a component that fails to init stops daprd. bindings.http never reads `url` in Init: without it the component loads and every invoke fails with `Post "": unsupported protocol scheme ""`. Keys that an output binding reads per request when the component leaves them out (smtp and SendGrid `emailTo`, `subject`...; twilio.sms `toNumber`; localstorage `fileName`) are not required here, although metadata.yaml marks some of them so: daprd loads the component without them.',
		symptom: 'Init keys: `Failed to init component ... [INIT_COMPONENT_FAILURE]` and daprd exits. bindings.http `url`: every invoke fails with `Post "": unsupported protocol scheme ""`.',
		fix: 'Add the required key. A value from envRef or secretKeyRef counts as present.',
	},
	check({model, report}) {
		for (const doc of model.components) {
			const entry = entryOf(doc);
			if (!entry?.metadata) continue;
			const items = new Map<string, MetadataItem[]>();
			for (const item of doc.metadata ?? []) {
				const name = item.name?.value.toLowerCase();
				if (!name) continue;
				items.set(name, [...(items.get(name) ?? []), item]);
			}
			for (const key of entry.metadata) {
				if (!key.required || suppliedPerRequest(entry, key.name)) continue;
				const atInvoke = key.requiredAt === 'invoke';
				const present = items.get(key.name.toLowerCase());
				const hint = `Add under spec.metadata: \`- name: ${key.name}\` with \`value: ${EXAMPLES[key.name] ?? '"..."'}\`.`;
				if (!present) {
					report({messageId: atInvoke ? 'missingInvoke' : 'missing', data: {type: entry.type, key: key.name}, file: doc.file, at: doc.specSpan, hint});
					continue;
				}
				// Repeated names become one map entry in daprd, the last one winning.
				const empty = present[present.length - 1]!;
				if (hasValue(empty) || !empty.value) continue; // no value and no ref: metadata-shape reports it
				report({
					messageId: atInvoke ? 'emptyInvoke' : 'empty',
					data: {type: entry.type, key: empty.name?.value ?? key.name},
					file: doc.file,
					at: empty.value.span,
					hint: `Give \`${key.name}\` a value${EXAMPLES[key.name] ? ` (e.g. ${EXAMPLES[key.name]})` : ''}, or take it from the environment with \`envRef: NAME\`.`,
				});
			}
		}
	},
});
