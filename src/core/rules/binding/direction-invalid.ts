import {defineRule} from '../../rule.js';
import {didYouMean} from '../../text.js';
import {categoryOfDoc, short} from '../support.js';

export default defineRule({
	id: 'binding/direction-invalid',
	meta: {
		description: 'Require every part of a binding\'s direction to be input or output',
		severity: 'error',
		messages: {
			invalid: 'The direction part "{{part}}" is neither input nor output; daprd splits the value on commas and ignores anything else.',
		},
		docs: 'daprd reads `direction` by splitting its value on commas, trimming and lower-casing each part, and comparing with `input` and `output` (binding.go isBindingOfDirection). Any other part (`in`, `inputs`, `both`, `read`) matches neither side, and a direction that names no valid side registers the binding as neither input nor output.',
		symptom: 'The binding loads but never fires, or `couldn\'t find output binding`.',
		fix: 'Write `input`, `output` or `input, output`.',
	},
	check({model, report}) {
		for (const doc of model.components) {
			if (categoryOfDoc(doc) !== 'bindings') continue;
			for (const item of doc.metadata ?? []) {
				if (item.name?.value.toLowerCase() !== 'direction' || !item.value) continue;
				for (const raw of item.value.value.split(',')) {
					const part = raw.trim().toLowerCase();
					if (part === '' || part === 'input' || part === 'output') continue;
					const near = part === 'both' ? 'input, output' : (didYouMean(part, ['input', 'output']) ?? (part.startsWith('in') ? 'input' : part.startsWith('out') ? 'output' : null));
					report({
						messageId: 'invalid',
						data: {part: short(raw.trim())},
						file: doc.file,
						at: item.value.span,
						hint: near ? `Write \`value: "${near}"\`.` : 'Write `value: "input"`, `value: "output"` or `value: "input, output"`.',
					});
				}
			}
		}
	},
});
