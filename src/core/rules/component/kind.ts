import {defineRule} from '../../rule.js';
import {short} from '../support.js';

export default defineRule({
	id: 'component/kind',
	meta: {
		description: 'Require kind Component on every component',
		severity: 'error',
		messages: {
			missing: 'The component has no kind; a Dapr component needs `kind: Component`.',
			wrong: 'The kind "{{got}}" is not Component, so daprd does not load this document as a component.',
		},
		docs: 'daprd loads only documents with `kind: Component` (case-sensitive) as components. A misspelt kind is silently not a component.',
		symptom: 'The component never loads; no error names it.',
		fix: 'Write `kind: Component`.',
	},
	check({model, report}) {
		for (const doc of model.components) {
			if (!doc.kind) {
				report({messageId: 'missing', file: doc.file, at: doc.span, hint: 'Write `kind: Component` under apiVersion.'});
			} else if (doc.kind.value !== 'Component') {
				report({messageId: 'wrong', data: {got: short(doc.kind.value)}, file: doc.file, at: doc.kind.span, hint: 'Write `kind: Component` (capital C).'});
			}
		}
	},
});
