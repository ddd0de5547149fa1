import {defineRule} from '../../rule.js';
import {checkInputBindings} from '../../dapr/delivery.js';
import {appConstruction, decoratorFor, directionOf, entryOf, readyPython, where} from '../support.js';
import {includeCall, routePlacement} from '../../python/frameworks.js';

export default defineRule({
	id: 'input-binding/no-handler',
	meta: {
		description: 'Require a POST handler for every input binding at the path Dapr delivers to',
		severity: 'error',
		messages: {
			none: 'No handler for POST {{path}}: {{component}} declares input binding "{{name}}", and Dapr will POST to {{path}} on every trigger.',
			noneProbed: 'No handler for POST {{path}}: {{component}} declares input binding "{{name}}" without a direction, so daprd probes OPTIONS {{path}}, gets 404 and never delivers its events.',
			probeOnly: 'No handler for POST {{path}}: {{component}} declares binding "{{name}}" without a direction, so daprd probes OPTIONS {{path}}, gets 404 and does not deliver its events; fine if the app only invokes it as an output binding.',
			unmounted: 'The handler for POST {{path}} hangs on {{target}}, which is never included into the app, so Dapr cannot reach it and input binding "{{name}}" ({{component}}) has no handler.',
			unverifiable: 'Could not verify a handler for POST {{path}} (input binding "{{name}}" in {{component}}): the route comes from {{routes}}; not verified statically, `dapr-labs run` verifies it.',
		},
		docs: 'daprd delivers each input-binding event as `POST /<route metadata or metadata.name>` to the app port. With `direction: input` it skips the OPTIONS probe and POSTs every event; with no route the app answers 404 and daprd logs it only at debug level. A route on an APIRouter or Blueprint that is never passed to `app.include_router` / `app.register_blueprint` is not served by the app at all, so it counts as no handler. Without `direction`, the OPTIONS probe gets 404 and daprd prints `app has not subscribed to binding <name>.` and never delivers: an error for an input-only type (cron), but only an info for a type that is also an output binding, because an app that only invokes it (python-sdk\'s kafka example) looks exactly like that.',
		symptom: '`app has not subscribed to binding <name>.`, or 404s in the app\'s access log on each trigger.',
		fix: 'Add a POST handler at the path from the hint (FastAPI, Flask or dapr.ext.grpc, matching the app).',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python) return;
		for (const {doc, path, verdict} of checkInputBindings(model, python)) {
			const name = doc.name?.value ?? '';
			const data = {path, name, component: where(doc.file, doc.name?.span ?? doc.span)};
			const decorator = decoratorFor(python, path, name);
			// Without `direction`, daprd asks the app first (OPTIONS) and quietly skips the input side on a 404. For a
			// type that is also an output binding that is how an output-only use looks (python-sdk's kafka example),
			// not a mistake; an input-only type (cron) with no handler can never do anything, so it stays an error.
			const probeOnly = verdict.kind === 'none' && !directionOf(doc).present && entryOf(doc)?.binding?.output === true;
			if (probeOnly) {
				report({
					messageId: 'probeOnly',
					data,
					file: python.file,
					at: appConstruction(python),
					severity: 'info',
					hint: `To receive its events add \`${decorator}\`; to use it only as an output binding, add \`- name: direction\` with \`value: "output"\` to the component.`,
				});
			} else if (verdict.kind === 'none') {
				report({
					messageId: directionOf(doc).present ? 'none' : 'noneProbed',
					data,
					file: python.file,
					at: appConstruction(python),
					hint: `Add \`${decorator}\` ${routePlacement(python)} that returns {"status": "OK"}.`,
				});
			} else if (verdict.kind === 'unmounted') {
				const target = verdict.route.target;
				const include = includeCall(verdict.route.framework, target);
				report({
					messageId: 'unmounted',
					data: {...data, target},
					file: verdict.route.file ?? python.file,
					at: verdict.route.decoratorSpan,
					hint: `Add \`${include}\` after the routes are declared, or put the route on the app itself.`,
				});
			} else if (verdict.kind === 'unverifiable') {
				report({
					messageId: 'unverifiable',
					data: {...data, routes: verdict.texts.slice(0, 3).join(', ')},
					file: verdict.file ?? python.file,
					at: verdict.span,
					severity: 'info',
					hint: `Make sure one handler is \`${decorator}\`; a string literal path can be checked here, and \`dapr-labs run\` shows whether daprd reaches it.`,
				});
			}
		}
	},
});
