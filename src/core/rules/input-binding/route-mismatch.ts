import {defineRule} from '../../rule.js';
import {checkInputBindings} from '../../dapr/delivery.js';
import {readyPython, short, where} from '../support.js';
import {postDecoratorFor} from '../../python/frameworks.js';

export default defineRule({
	id: 'input-binding/route-mismatch',
	meta: {
		description: 'Require the handler route to equal the path of the input binding exactly',
		severity: 'error',
		messages: {
			route: 'Route "{{got}}" is not "{{want}}"; did you mean {{want}}? Dapr POSTs input binding "{{name}}" ({{component}}) to {{want}}, so this handler gets nothing.',
			binding: 'The binding name "{{got}}" in @app.binding does not match the input binding "{{want}}" ({{component}}); did you mean "{{want}}"?',
		},
		docs: 'The path of an input binding is its `route` metadata, or else `/` + metadata.name, character for character: `/cleanup_cron` and `/Cleanup-Cron` are different routes from `/cleanup-cron`. The near miss answers 404 and the events are lost.',
		symptom: '404 on every trigger (visible at --log-level debug), or `app has not subscribed to binding`.',
		fix: 'Make the path equal the component name (or its route metadata), character for character.',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python) return;
		for (const {doc, path, verdict} of checkInputBindings(model, python)) {
			if (verdict.kind !== 'mismatch') continue;
			const route = verdict.route;
			const name = doc.name?.value ?? '';
			const component = where(doc.file, doc.name?.span ?? doc.span);
			if (route.kind === 'grpc-binding') {
				report({
					messageId: 'binding',
					data: {got: short(route.path ?? ''), want: name, component},
					file: route.file ?? python.file,
					at: route.decoratorSpan,
					hint: `Write \`${postDecoratorFor(python, route, path, name)}\`.`,
				});
				continue;
			}
			report({
				messageId: 'route',
				data: {got: short(route.path ?? route.pathText), want: path, name, component},
				file: route.file ?? python.file,
				at: route.decoratorSpan,
				hint: `Change the path to "${path}": \`${postDecoratorFor(python, route, path, name)}\`.`,
			});
		}
	},
});
