import {defineRule} from '../../rule.js';
import type {ComponentDoc} from '../../model.js';
import {where} from '../support.js';

export default defineRule({
	id: 'component/duplicate-name',
	meta: {
		description: 'Disallow two components with the same metadata.name',
		severity: 'error',
		messages: {
			duplicate: 'Component name "{{name}}" is already used by {{first}}; daprd refuses to load a second component with the same name.',
		},
		docs: 'Component names are unique per app. When two files under --resources-path declare the same name, daprd fails to load the second one (and stops), so which one you get is not up to you.',
		symptom: 'daprd exits at start-up with a `component ... already exists` style error.',
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
