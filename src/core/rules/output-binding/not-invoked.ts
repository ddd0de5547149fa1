import {defineRule} from '../../rule.js';
import {labNeeds, usesOf} from '../completeness.js';
import {appConstruction, outputBindings, readyPython, short} from '../support.js';

export default defineRule({
	id: 'output-binding/not-invoked',
	meta: {
		description: 'Require app.py to invoke the output binding the lab is about',
		severity: 'error',
		messages: {
			never: 'Nothing in app.py invokes an output binding, so "{{name}}" is configured but nothing is ever sent through it.',
		},
		docs: 'An output binding only does something when the app calls it: `invoke_binding(binding_name=..., operation=..., data=...)` through the Dapr SDK, or a POST to the sidecar\'s `/v1.0/bindings/<name>`. A lab that needs an output binding and an app that never calls one cannot pass at run time, however right the component is.',
		symptom: 'The webhook receiver never gets a request; no `/v1.0/bindings/` call appears in the sidecar log.',
		fix: 'Call `invoke_binding` with the component\'s name (or POST to `http://localhost:$DAPR_HTTP_PORT/v1.0/bindings/<name>`).',
	},
	check({model, lab, report}) {
		if (!labNeeds(lab, 'output-binding')) return;
		const python = readyPython(model);
		if (!python) return;
		if (usesOf(python, 'invoke_binding', '/v1.0/bindings/').length > 0) return;
		const name = outputBindings(model).find((doc) => doc.type?.value === 'bindings.http')?.name?.value ?? 'monitoring-webhook';
		report({
			messageId: 'never',
			data: {name: short(name)},
			file: python.file,
			at: appConstruction(python),
			hint: `Inside a handler: \`with DaprClient() as client: client.invoke_binding(binding_name="${short(name)}", operation="post", data=json.dumps({...}))\` (from dapr.clients import DaprClient).`,
		});
	},
});
