import {defineRule} from '../../rule.js';

export default defineRule({
	id: 'yaml/syntax',
	meta: {
		description: 'Require every component file to be valid YAML',
		severity: 'error',
		messages: {
			syntax: 'The file {{file}} is not valid YAML: {{detail}}',
		},
		docs: 'daprd reads every file in --resources-path at start-up. A file it cannot parse is skipped with a warning, `daprd load Component error when parsing manifests yaml resource in <path>: <error>` (dapr/dapr pkg/internal/loader/disk/manifest.go), and daprd keeps running without the components of that file: the cron never fires, invoke_binding answers `couldn\'t find output binding`. Nothing stops, so the warning is easy to miss.',
		symptom: 'A `daprd load Component error when parsing manifests yaml resource in ...` warning at start-up, then a component that is simply not there.',
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
