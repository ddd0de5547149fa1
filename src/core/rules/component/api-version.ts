import {defineRule} from '../../rule.js';
import {short} from '../support.js';

export default defineRule({
	id: 'component/api-version',
	meta: {
		description: 'Require apiVersion dapr.io/v1alpha1 on every component',
		severity: 'error',
		messages: {
			missing: 'The component has no apiVersion; Dapr components use dapr.io/v1alpha1.',
			wrong: 'The apiVersion "{{got}}" is not dapr.io/v1alpha1, so daprd does not read this file as a component.',
		},
		docs: 'daprd loads a YAML document from --resources-path as a component only when its apiVersion is `dapr.io/v1alpha1` and its kind is `Component`. Anything else is not a component, and whatever depends on it is missing.',
		symptom: 'The binding or pub/sub never appears in daprd\'s `component loaded` lines.',
		fix: 'Write `apiVersion: dapr.io/v1alpha1`.',
	},
	check({model, report}) {
		for (const doc of model.components) {
			if (!doc.apiVersion) {
				report({messageId: 'missing', file: doc.file, at: doc.span, hint: 'Write `apiVersion: dapr.io/v1alpha1` as the first line.'});
			} else if (doc.apiVersion.value !== 'dapr.io/v1alpha1') {
				report({messageId: 'wrong', data: {got: short(doc.apiVersion.value)}, file: doc.file, at: doc.apiVersion.span, hint: 'Write `apiVersion: dapr.io/v1alpha1`.'});
			}
		}
	},
});
