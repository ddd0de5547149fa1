import {suppliedPerRequest} from '../../catalog/index.js';
import {defineRule} from '../../rule.js';
import {entryOf} from '../support.js';

const EXAMPLES: Readonly<Record<string, string>> = {
	schedule: '"@every 30s"',
	url: '"https://httpbin.org/post"',
	redisHost: 'localhost:6379',
};

export default defineRule({
	id: 'component/missing-metadata',
	meta: {
		description: 'Require the metadata keys the component type cannot start without',
		severity: 'error',
		messages: {
			missing: 'Type {{type}} needs the metadata key "{{key}}", and this component does not set it.',
		},
		docs: 'Required keys are checked when daprd initialises the component: a cron without `schedule` fails with `schedule not set`, an http binding without `url` cannot send anything. A component that fails to init stops daprd. Keys that an output binding reads per request when the component leaves them out (smtp and SendGrid `emailTo`, `subject`...; twilio.sms `toNumber`) are not required here, although metadata.yaml marks them so: daprd loads the component without them.',
		symptom: '`Failed to init component ... [INIT_COMPONENT_FAILURE]` and daprd exits.',
		fix: 'Add the required key. A value from envRef or secretKeyRef counts as present.',
	},
	check({model, report}) {
		for (const doc of model.components) {
			const entry = entryOf(doc);
			if (!entry?.metadata) continue;
			const present = new Set((doc.metadata ?? []).map((item) => item.name?.value.toLowerCase()).filter(Boolean));
			for (const key of entry.metadata) {
				if (!key.required || present.has(key.name.toLowerCase()) || suppliedPerRequest(entry, key.name)) continue;
				report({
					messageId: 'missing',
					data: {type: entry.type, key: key.name},
					file: doc.file,
					at: doc.metadata === null ? doc.specSpan : doc.specSpan,
					hint: `Add under spec.metadata: \`- name: ${key.name}\` with \`value: ${EXAMPLES[key.name] ?? '"..."'}\`.`,
				});
			}
		}
	},
});
