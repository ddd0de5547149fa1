import {defineRule} from '../../rule.js';
import {checkInputBindings} from '../../dapr/delivery.js';
import {readyPython, where} from '../support.js';
import {postDecoratorFor} from '../../python/frameworks.js';

export default defineRule({
	id: 'input-binding/wrong-method',
	meta: {
		description: 'Require the input binding handler to accept POST',
		severity: 'error',
		messages: {
			method: 'The handler for {{path}} accepts {{methods}} but not POST; Dapr delivers input binding "{{name}}" ({{component}}) with POST only.',
		},
		docs: 'daprd sends every input-binding event as POST. A route that accepts only GET answers 405 Method Not Allowed: the OPTIONS probe counts a 405 as subscribed, so daprd keeps POSTing and every event is rejected. Flask\'s `@app.route` without `methods=` accepts GET only.',
		symptom: '405 Method Not Allowed in the app\'s access log on each trigger.',
		fix: 'Accept POST on the handler.',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python) return;
		for (const {doc, path, verdict} of checkInputBindings(model, python)) {
			if (verdict.kind !== 'wrong-method') continue;
			const route = verdict.route;
			report({
				messageId: 'method',
				data: {path, name: doc.name?.value ?? '', component: where(doc.file, doc.name?.span ?? doc.span), methods: route.methods.length > 0 ? route.methods.join(', ') : 'no method'},
				file: route.file ?? python.file,
				at: route.decoratorSpan,
				hint: `Write \`${postDecoratorFor(python, route, path, doc.name?.value ?? '')}\`.`,
			});
		}
	},
});
