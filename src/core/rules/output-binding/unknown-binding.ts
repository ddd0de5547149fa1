import {defineRule} from '../../rule.js';
import {didYouMean} from '../../text.js';
import {argOf, categoryOfDoc, directionOf, entryOf, outputBindings, readyPython, short, stringArg, where} from '../support.js';

export default defineRule({
	id: 'output-binding/unknown-binding',
	meta: {
		description: 'Require invoke_binding to name an output binding declared in components/',
		severity: 'error',
		messages: {
			unknown: 'The invoke_binding call names "{{name}}", but components/ has no output binding with that name; daprd answers "couldn\'t find output binding {{name}}".',
			unknownNear: 'The invoke_binding call names "{{name}}", but components/ has no output binding with that name; did you mean {{near}}?',
			inputOnly: 'Component "{{name}}" ({{component}}) is a {{type}} binding, which is input-only; daprd answers "couldn\'t find output binding {{name}}".',
			directionExcludes: 'Component "{{name}}" ({{component}}) has direction "{{direction}}", which excludes output, so daprd registers no output binding by that name.',
			notBinding: 'Component "{{name}}" ({{component}}) is a {{type}} component, not a binding; invoke_binding cannot reach it.',
		},
		docs: 'invoke_binding sends the binding name to daprd, which looks it up among the output bindings it registered from --resources-path. A name that matches no component, an input-only binding (cron), or a binding whose direction excludes output all fail: through the Python SDK a grpc.RpcError (StatusCode.INTERNAL) with details `error invoking output binding <name>: couldn\'t find output binding <name>`.',
		symptom: 'grpc.RpcError `error invoking output binding <name>: couldn\'t find output binding <name>`; curl to your app gets `Internal Server Error`.',
		fix: 'Use the name of an output binding in components/ (did-you-mean in the message).',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python) return;
		const outputs = outputBindings(model);
		const outputNames = outputs.map((doc) => doc.name!.value);
		for (const call of python.calls) {
			if (call.method !== 'invoke_binding') continue;
			const arg = argOf(call, 'binding_name', 0);
			const name = stringArg(arg);
			if (name === null || !arg || outputNames.includes(name)) continue;
			const doc = model.components.find((d) => d.name?.value === name);
			const base = {name: short(name)};
			if (doc) {
				const entry = entryOf(doc);
				const component = where(doc.file, doc.name?.span ?? doc.span);
				if (!entry) continue; // component/unknown-type reports the component itself
				if (entry.binding && !entry.binding.output) {
					report({messageId: 'inputOnly', data: {...base, component, type: entry.type}, file: python.file, at: arg.span, hint: outputNames[0] ? `Invoke an output binding instead, e.g. binding_name="${outputNames[0]}".` : 'Declare an output binding (e.g. bindings.http) in components/ and invoke that.'});
					continue;
				}
				if (entry.binding) {
					const direction = directionOf(doc);
					report({messageId: 'directionExcludes', data: {...base, component, direction: direction.present ? (direction.raw ?? '') : ''}, file: python.file, at: arg.span, hint: `In ${doc.file} write the direction entry as \`value: "output"\`.`});
					continue;
				}
				if (categoryOfDoc(doc) !== 'bindings') {
					report({messageId: 'notBinding', data: {...base, component, type: entry.type}, file: python.file, at: arg.span, hint: outputNames[0] ? `Write binding_name="${outputNames[0]}".` : 'Declare an output binding (e.g. bindings.http) in components/ and invoke that.'});
				}
				continue;
			}
			const near = didYouMean(name, outputNames);
			report({
				messageId: near ? 'unknownNear' : 'unknown',
				data: {...base, near: near ?? ''},
				file: python.file,
				at: arg.span,
				hint: near ? `Write binding_name="${near}".` : outputNames.length > 0 ? `Use one of: ${outputNames.join(', ')}.` : `Create a component named "${short(name)}" (e.g. components/http-binding.yaml, type bindings.http) or fix the name.`,
			});
		}
	},
});
