import {componentTypeMatches} from '../../labs.js';
import {defineRule} from '../../rule.js';
import {NO_POSITION} from '../../types.js';

/** Hint per needed type: the file to create and what goes in it (the lab's own component). */
const HINT_FOR: Readonly<Record<string, string>> = {
	'bindings.cron': 'Create components/cron-binding.yaml: apiVersion dapr.io/v1alpha1, kind Component, metadata.name cleanup-cron, spec.type bindings.cron, version v1, metadata schedule "@every 30s" and direction "input".',
	'bindings.http': 'Create components/http-binding.yaml: apiVersion dapr.io/v1alpha1, kind Component, metadata.name monitoring-webhook, spec.type bindings.http, version v1, metadata url "https://httpbin.org/post" and direction "output".',
	'pubsub.*': 'Create components/pubsub.yaml: apiVersion dapr.io/v1alpha1, kind Component, metadata.name pubsub, spec.type pubsub.redis, version v1, metadata redisHost localhost:6379 and redisPassword "".',
};

export default defineRule({
	id: 'lab/missing-component',
	meta: {
		description: 'Require every component type the lab needs to be declared in components/',
		severity: 'error',
		messages: {
			missing: 'The lab needs a {{type}} component, and {{folder}} has none.',
		},
		docs: '`dapr run --resources-path ./components` loads only the YAML files in that folder. A component that is not there does not exist for daprd: an input binding never fires, and invoking or publishing to a missing component fails at run time.',
		symptom: 'No `successful init for input binding` line, or `couldn\'t find output binding`/`pubsub ... not found` errors.',
		fix: 'Create the missing component file in components/: one component of each type the lab lists (bindings.cron for a cron trigger, bindings.http for an HTTP output binding, a pubsub.* for pub/sub).',
	},
	check({model, lab, report}) {
		const types = model.components.map((doc) => doc.type?.value ?? '').filter((type) => type !== '');
		for (const group of lab.requiredComponents) {
			if (group.some((pattern) => types.some((type) => componentTypeMatches(pattern, type)))) continue;
			const type = group.join(' or ');
			const hint = group.map((pattern) => HINT_FOR[pattern]).find(Boolean) ?? `Create a file in components/ with spec.type ${(group[0] ?? '').replace('*', 'redis')}.`;
			report({messageId: 'missing', data: {type, folder: 'components/'}, file: 'components', at: NO_POSITION, hint});
		}
	},
});
