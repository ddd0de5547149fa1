import {defineRule} from '../../rule.js';
import type {Span} from '../../types.js';
import {usesAmong} from '../completeness.js';
import {before, factsOf, handlerOf, isCompareDigest, operandSource, reachOf, SENSITIVE, webhookRoutes} from '../security-support.js';
import {readyPython, where} from '../support.js';

export default defineRule({
	id: 'security/publish-before-verify',
	meta: {
		description: 'Require a webhook to verify the sender before it publishes anything',
		severity: 'error',
		messages: {
			before: 'The webhook {{handler}} publishes at {{publish}} before it verifies the signature at {{verify}}: a forged request gets its event onto the topic even when the check later rejects it.',
			never: 'The webhook {{handler}} publishes at {{publish}} and never verifies the sender (no `hmac.compare_digest` or signature comparison in it or the functions it calls), so anyone who can reach the app can put events on the topic.',
		},
		docs: 'A webhook is an open door until the app knows who sent the request. Whatever it publishes reaches every subscriber, who trust it as if it came from inside. So the order is fixed: read the raw body, verify the signature (and the timestamp), answer 401 on failure, and only then publish. Dapr does not stand in between: pub/sub publishes whatever the app hands it, and no Dapr binding validates an incoming webhook\'s HMAC (components-contrib), so the app has to do it. The rule compares, in the handler itself, the place of the first publish (the SDK\'s `publish_event`, the sidecar\'s `/v1.0/publish/` API, or a function that does either) with the first verification (`hmac.compare_digest`, a signature comparison, or a function that does either).',
		symptom: 'A POST with a bad signature gets 401, yet its event is in the stream (`XRANGE payment-events - +`).',
		fix: 'Move the signature and timestamp checks to the top of the handler; publish after them.',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python) return;
		for (const route of webhookRoutes(model, python)) {
			const handler = handlerOf(route, python);
			const reach = reachOf(model, python, [handler]);
			const published = usesAmong(reach.calls, 'publish_event', '/v1.0/publish/').uses;
			if (published.length === 0) continue;
			const facts = factsOf(model, handler.file);
			const verifies = (file: string, fn: string): boolean => {
				const inner = reachOf(model, python, [{file, name: fn}]);
				if (inner.calls.some(({call}) => isCompareDigest(call))) return true;
				return inner.functions.some((ref) => factsOf(model, ref.file).compares.some((compare) => compare.inFunction === ref.name && [compare.left, compare.right].some((side) => SENSITIVE.test(operandSource(side.text, factsOf(model, ref.file), compare.inFunction)))));
			};
			// In the handler's own body: where the first publish and the first verification stand.
			const own = reach.calls.filter((item) => item.file === handler.file && item.call.inFunction === handler.name);
			let firstPublish: Span | null = null;
			let firstVerify: Span | null = null;
			const earlier = (a: Span | null, b: Span): Span => (a === null || before(b, a) ? b : a);
			for (const {call} of own) {
				const callee = reachOf(model, python, [{file: handler.file, name: call.callee.split('.').at(-1)!}]);
				const publishes = usesAmong([{file: handler.file, call}], 'publish_event', '/v1.0/publish/').uses.length > 0 || (/^\w+$/u.test(call.callee) && usesAmong(callee.calls, 'publish_event', '/v1.0/publish/').uses.length > 0);
				if (publishes) firstPublish = earlier(firstPublish, call.span);
				if (isCompareDigest(call) || (/^\w+$/u.test(call.callee) && call.callee !== handler.name && verifies(handler.file, call.callee))) firstVerify = earlier(firstVerify, call.span);
			}
			for (const compare of facts.compares) {
				if (compare.inFunction !== handler.name) continue;
				if ([compare.left, compare.right].some((side) => side.literal === null && SENSITIVE.test(operandSource(side.text, facts, compare.inFunction)))) firstVerify = earlier(firstVerify, compare.span);
			}
			const file = route.file ?? python.file;
			const name = `${route.handler} (${route.path ?? route.pathText})`;
			const publishAt = firstPublish ?? published[0]!.call.span;
			const publishFile = firstPublish !== null ? handler.file : published[0]!.file;
			if (firstVerify === null && !verifies(handler.file, handler.name)) {
				report({messageId: 'never', data: {handler: name, publish: where(publishFile, publishAt)}, file, at: route.decoratorSpan, hint: 'Before publishing: compute `hmac.new(secret, await request.body(), hashlib.sha256).hexdigest()`, compare it with the `X-Signature` header using `hmac.compare_digest`, and `raise HTTPException(status_code=401)` when they differ.'});
			} else if (firstPublish !== null && firstVerify !== null && before(firstPublish, firstVerify)) {
				report({messageId: 'before', data: {handler: name, publish: where(handler.file, firstPublish), verify: where(handler.file, firstVerify)}, file: handler.file, at: firstPublish, hint: 'Move the signature and timestamp checks above the publish: verify, answer 401 on failure, then publish.'});
			}
		}
	},
});
