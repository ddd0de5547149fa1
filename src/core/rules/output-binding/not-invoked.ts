import {defineRule} from '../../rule.js';
import {completeness, labNeeds, reportCompleteness} from '../completeness.js';
import {outputBindings, readyPython, short} from '../support.js';

export default defineRule({
	id: 'output-binding/not-invoked',
	meta: {
		description: 'Require the app to invoke the output binding the lab is about, from the input binding handler when there is one',
		severity: 'error',
		messages: {
			never: 'Nothing in the app invokes an output binding, so "{{name}}" is configured but nothing is ever sent through it.',
			neverNoName: 'Nothing in the app invokes an output binding, and components/ has no output binding for it to invoke.',
			notFromHandler:
				'The handler of input binding "{{binding}}" ({{handler}} at {{where}}) never invokes an output binding, directly or through the functions it calls; the call at {{elsewhere}} runs only when another route is called, so nothing goes out through "{{name}}" when "{{binding}}" fires.',
			unresolved: 'Could not verify that the app invokes "{{name}}": the HTTP call at {{where}} may reach the sidecar\'s /v1.0/bindings/ API, but its URL is not statically known; `dapr-labs run` verifies it.',
		},
		docs: 'An output binding only does something when the app calls it: `invoke_binding(binding_name=..., operation=..., data=...)` through the Dapr SDK, or a POST to the sidecar\'s `/v1.0/bindings/<name>` (the quickstarts build that URL with an f-string, `%`, `.format()` or a variable; all are recognised). In the cron + pub/sub + output binding pattern the cron handler is what runs on each trigger, so the call must be reachable from it, directly or through the helper functions it calls in any module of the app: a call that only another route makes (such as a `/tasks/{id}/complete` route) does not run when the cron fires. An HTTP call whose URL the checker cannot read is reported as info, never as "nothing invokes".',
		symptom: 'The webhook receiver never gets a request; no `/v1.0/bindings/` call appears in the sidecar log.',
		fix: 'Call `invoke_binding` with the component\'s name (or POST to `http://localhost:$DAPR_HTTP_PORT/v1.0/bindings/<name>`).',
	},
	check({model, lab, report}) {
		if (!labNeeds(lab, 'output-binding')) return;
		const python = readyPython(model);
		if (!python) return;
		const bindings = outputBindings(model);
		const name = (bindings.find((doc) => doc.type?.value === 'bindings.http') ?? bindings[0])?.name?.value ?? null;
		const hint = `Inside the handler: \`with DaprClient() as client: client.invoke_binding(binding_name="${name === null ? '<your output binding>' : short(name)}", operation="post", data=json.dumps({...}))\` (from dapr.clients import DaprClient).`;
		reportCompleteness(completeness(model, lab, python, 'invoke_binding', '/v1.0/bindings/'), python, {name, anyName: 'an output binding', theName: 'the output binding', hint, handlerHint: (handler) => `Call it from ${handler} (or a function it calls). ${hint}`}, report);
	},
});
