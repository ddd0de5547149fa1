import {defineRule} from '../../rule.js';

export default defineRule({
	id: 'component/metadata-shape',
	meta: {
		description: 'Require spec.metadata to be a list of name/value entries',
		severity: 'error',
		messages: {
			notList: 'The spec.metadata value must be a list of `- name: ... value: ...` entries: {{detail}}',
			item: 'This metadata entry is malformed: {{detail}}',
		},
		docs: 'daprd decodes spec.metadata as a list of {name, value | secretKeyRef | envRef}. A map, or an entry without a name or without a value, fails to decode and the component does not load (or the key is silently empty).',
		symptom: '`error unmarshalling component` or a missing-metadata error from the component at start-up.',
		fix: 'Write spec.metadata as a list of entries, each with `name` and one of `value`, `secretKeyRef` or `envRef`.',
	},
	check({model, report}) {
		const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
		for (const doc of model.components) {
			if (doc.metadataShapeError) {
				report({
					messageId: 'notList',
					data: {detail: sentence(doc.metadataShapeError.message)},
					file: doc.file,
					at: doc.metadataShapeError.span,
					hint: 'Write each entry as a list item: `- name: schedule` with `value: "@every 30s"` on the next line, indented under the name.',
				});
			}
			for (const item of doc.metadata ?? []) {
				for (const problem of item.shapeProblems) {
					report({
						messageId: 'item',
						data: {detail: sentence(problem.message)},
						file: doc.file,
						at: problem.span,
						hint: 'Each entry needs `name:` and one of `value:`, `secretKeyRef:` or `envRef:`.',
					});
				}
			}
		}
	},
});
