import {defineRule} from '../../rule.js';

// `${NAME}` anywhere in a value, or a value that is only `$NAME`: shell / docker-compose style placeholders. A `$`
// inside other text (a password such as `pa$word`) is not flagged: nothing says it was meant as a variable.
const BRACED = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/;
const WHOLE = /^\$([A-Za-z_][A-Za-z0-9_]*)$/;

/** The variable a component metadata value seems to expect from the environment, or null. */
export function placeholderIn(value: string): string | null {
	const trimmed = value.trim();
	return BRACED.exec(trimmed)?.[1] ?? WHOLE.exec(trimmed)?.[1] ?? null;
}

export default defineRule({
	id: 'component/env-placeholder',
	meta: {
		description: 'Disallow shell-style ${VAR} placeholders in component metadata values',
		severity: 'error',
		messages: {
			placeholder: 'The value of "{{key}}" is "{{value}}": daprd does not expand environment variables in component files, so the component receives that text literally.',
		},
		docs: 'daprd expands `$VAR` / `${VAR}` only in Configuration files (`--config`, os.ExpandEnv in pkg/config); component files under --resources-path are decoded as written. A schedule of `${CRON_SCHEDULE}` is an invalid cron spec, and a URL or connection string with a placeholder points nowhere. To take a value from the environment, write `envRef: NAME` instead of `value:` (daprd reads the variable from its own environment when the component loads), or `secretKeyRef` with a secret store.',
		symptom: '`Failed to init component ... [INIT_COMPONENT_FAILURE]` (for cron: `invalid schedule format`), or every call goes to a host named after the placeholder.',
		fix: 'Use `envRef: NAME` (daprd reads the variable when the component loads; `APP_API_TOKEN` and `DAPR_*` names are refused), a `secretKeyRef`, or the value itself.',
	},
	check({model, report}) {
		for (const doc of model.components) {
			for (const item of doc.metadata ?? []) {
				if (!item.value || !item.name) continue;
				const variable = placeholderIn(item.value.value);
				if (variable === null) continue;
				report({
					messageId: 'placeholder',
					data: {key: item.name.value, value: item.value.value.trim().slice(0, 80)},
					file: doc.file,
					at: item.value.span,
					hint: `Replace \`value: ...\` with \`envRef: ${variable}\` and export ${variable} in the shell that runs \`dapr run\`, or write the value itself.`,
				});
			}
		}
	},
});
