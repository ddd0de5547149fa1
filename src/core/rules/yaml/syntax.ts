import {defineRule} from '../../rule.js';

export default defineRule({
	id: 'yaml/syntax',
	meta: {
		description: 'Require every component file to be valid YAML',
		severity: 'error',
		messages: {
			syntax: 'The file {{file}} is not valid YAML: {{detail}}',
		},
		docs: 'daprd parses every file in --resources-path at start-up. A file that does not parse is skipped with an error or stops the sidecar, and the components in it never load.',
		symptom: '`error parsing components` or the binding never initialises.',
		fix: 'Fix the YAML at the reported line (indentation, a missing space after `:`, an unclosed quote).',
	},
	check({model, report}) {
		for (const file of model.componentFiles) {
			for (const error of file.errors) {
				const text = error.message.trim().split('\n')[0] ?? '';
				report({
					messageId: 'syntax',
					data: {file: error.file, detail: /[.!?]$/.test(text) ? text : `${text}.`},
					file: error.file,
					at: error.span,
					hint: 'Indent with spaces only (two per level), put a space after every `:` and `-`, and quote values that contain `: ` or start with `*`, `@` or `{`.',
				});
			}
		}
	},
});
