import {defineRule} from '../../rule.js';
import {directionOf, entryOf} from '../support.js';

export default defineRule({
	id: 'binding/direction-mismatch',
	meta: {
		description: 'Require a binding\'s direction to include the side the binding is used for',
		severity: 'error',
		messages: {
			empty: 'The direction is empty, so daprd registers {{name}} as neither an input nor an output binding.',
			noInput: 'Type {{type}} is an input binding, but direction "{{direction}}" lacks input: {{name}} loads but never fires.',
			noOutput: 'Type {{type}} is an output binding, but direction "{{direction}}" lacks output: invoking {{name}} fails with "couldn\'t find output binding {{name}}".',
			noSuchSide: 'Type {{type}} has no {{side}} side, so daprd ignores "{{side}}" in direction.',
		},
		docs: 'When `direction` is present daprd registers only the sides it names (binding.go isBindingOfDirection). A cron with `direction: output` is "loaded" and never fires; an http binding without `output` cannot be invoked. Naming a side the type does not have (cron has no output) is ignored. With `direction: input` daprd also skips its OPTIONS probe and POSTs every event.',
		symptom: 'No `successful init for input binding` line; or `couldn\'t find output binding <name>`.',
		fix: 'Make the direction name the side the binding is used for, or remove the entry.',
	},
	check({model, report}) {
		for (const doc of model.components) {
			const entry = entryOf(doc);
			const binding = entry?.binding;
			if (!entry || !binding) continue;
			const direction = directionOf(doc);
			if (!direction.present || direction.raw === null) continue;
			const name = doc.name?.value ?? entry.type;
			const data = {type: entry.type, name, direction: direction.raw.trim()};
			const valid = direction.parts.filter((part) => part === 'input' || part === 'output');
			if (direction.parts.length === 0) {
				const side = binding.input ? 'input' : 'output';
				report({messageId: 'empty', data, file: doc.file, at: direction.span, hint: `Write \`value: "${side}"\`, or remove the direction entry.`});
				continue;
			}
			// Parts that are neither input nor output are binding/direction-invalid's to report.
			if (valid.length !== direction.parts.length) continue;
			if (binding.input && !binding.output && !valid.includes('input')) {
				report({messageId: 'noInput', data, file: doc.file, at: direction.span, hint: 'Write `value: "input"`.'});
			}
			if (binding.output && !binding.input && !valid.includes('output')) {
				report({messageId: 'noOutput', data, file: doc.file, at: direction.span, hint: 'Write `value: "output"`.'});
			}
			for (const side of ['input', 'output'] as const) {
				if (valid.includes(side) && !binding[side]) {
					report({
						messageId: 'noSuchSide',
						data: {...data, side},
						file: doc.file,
						at: direction.span,
						severity: 'warning',
						hint: `Write \`value: "${side === 'input' ? 'output' : 'input'}"\`.`,
					});
				}
			}
		}
	},
});
