import {defineRule} from '../../rule.js';
import {short} from '../support.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export default defineRule({
	id: 'component/name',
	meta: {
		description: 'Require a non-empty metadata.name that is a lowercase DNS-1123 label',
		severity: 'error',
		messages: {
			missing: 'The component has no metadata.name; daprd cannot load a component without a name.',
			notDns: 'The name "{{name}}" is not a lowercase DNS-1123 label (a-z, 0-9 and -, at most 63 characters).',
			notPathSegment: 'The name "{{name}}" is not a valid path segment ({{why}}); self-hosted daprd skips this component with a warning and never loads it.',
		},
		docs: 'The name is how everything finds a component: an input binding is POSTed to `/<name>`, invoke_binding and publish_event name it. On Kubernetes a component is a custom resource, so its name must be a DNS-1123 subdomain (lower case, digits, `-` and `.`). Self-hosted daprd rejects only names that are not valid path segments: `.`, `..`, or names containing `/` or `%` (dapr/dapr pkg/internal/loader/disk/manifest.go, k8s path.IsValidPathSegmentName), skipping them with a warning. The lab asks for a lower-case DNS-1123 label anyway: a name with capitals, underscores or dots becomes a route that is easy to mistype and does not move to Kubernetes unchanged.',
		symptom: 'A 404 on every trigger, or `couldn\'t find output binding`.',
		fix: 'Give every component a lowercase name of letters, digits and `-`, and use the same name in code.',
	},
	check({model, report}) {
		for (const doc of model.components) {
			const name = doc.name?.value.trim() ?? '';
			if (!doc.name || name === '') {
				report({messageId: 'missing', file: doc.file, at: doc.name?.span ?? doc.metadataSpan, hint: 'Add `metadata:` with `  name: cleanup-cron` (the name your code uses).'});
			} else if (name === '.' || name === '..' || doc.name.value.includes('/') || doc.name.value.includes('%')) {
				const why = name === '.' || name === '..' ? `it may not be "${name}"` : `it may not contain "${doc.name.value.includes('/') ? '/' : '%'}"`;
				report({messageId: 'notPathSegment', data: {name: short(doc.name.value), why}, file: doc.file, at: doc.name.span, hint: 'Use lower-case letters, digits and -, e.g. `cleanup-cron`.'});
			} else if (!DNS_LABEL.test(doc.name.value) || doc.name.value.length > 63) {
				const fixed = doc.name.value.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'my-component';
				report({
					messageId: 'notDns',
					data: {name: short(doc.name.value)},
					file: doc.file,
					at: doc.name.span,
					severity: 'warning',
					hint: `Rename it to \`${fixed}\` (and use the same name in your code).`,
				});
			}
		}
	},
});
