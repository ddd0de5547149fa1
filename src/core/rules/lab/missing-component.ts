import {defineRule} from '../../rule.js';
import {START} from '../support.js';

/** Hint file per needed type: what the student creates. */
const FILE_FOR: Readonly<Record<string, string>> = {
	'bindings.cron': 'components/cron-binding.yaml',
	'bindings.http': 'components/http-binding.yaml',
	'pubsub.*': 'components/pubsub.yaml',
};

function matches(type: string, pattern: string): boolean {
	const t = type.trim().toLowerCase();
	const p = pattern.toLowerCase();
	return p.endsWith('*') ? t.startsWith(p.slice(0, -1)) : t === p;
}

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
	},
	check({model, lab, report}) {
		const types = model.components.map((doc) => doc.type?.value ?? '').filter((type) => type !== '');
		for (const group of lab.requiredComponents) {
			if (group.some((pattern) => types.some((type) => matches(type, pattern)))) continue;
			const type = group.join(' or ');
			const file = group.map((pattern) => FILE_FOR[pattern]).find(Boolean) ?? `components/${(group[0] ?? 'component').replace(/[.*]+/g, '-').replace(/-+$/, '')}.yaml`;
			report({
				messageId: 'missing',
				data: {type, folder: 'components/'},
				file: 'components',
				at: START,
				hint: `Create ${file} with spec.type: ${(group[0] ?? '').replace('*', 'redis')}.`,
			});
		}
	},
});
