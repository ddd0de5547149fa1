import {defineRule} from '../../rule.js';

export default defineRule({
	id: 'component/version',
	meta: {
		description: 'Require spec.version on every component',
		severity: 'warning',
		messages: {
			missing: 'The component has no spec.version; daprd falls back to v1, but the lesson writes it out.',
		},
		docs: 'Without spec.version daprd assumes `v1`, which is what every component in these labs is. The lab asks for it to be written so that the component says what it is; an upgrade to a v2 component is then a visible change.',
	},
	check({model, report}) {
		for (const doc of model.components) {
			if (doc.version && doc.version.value.trim() !== '') continue;
			report({messageId: 'missing', file: doc.file, at: doc.version?.span ?? doc.type?.span ?? doc.specSpan, hint: 'Add `version: v1` under spec, next to type.'});
		}
	},
});
