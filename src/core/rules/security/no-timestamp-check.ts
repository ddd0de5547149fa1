import {defineRule} from '../../rule.js';
import {handlerOf, isCompareDigest, isHmac, reachOf, reachText, webhookRoutes} from '../security-support.js';
import {readyPython, where} from '../support.js';

const SIGNS = /signature|hmac/iu;
const TIME = /timestamp|\btime\.time(_ns)?\(|\btime\(\)|datetime|\.now\(|utcnow|fromtimestamp|monotonic/iu;

export default defineRule({
	id: 'security/no-timestamp-check',
	meta: {
		description: 'Require a signed webhook to reject requests whose timestamp is too old (replays)',
		severity: 'error',
		messages: {
			missing:
				'The webhook {{handler}} checks a signature but never looks at a timestamp, so a request captured once (from a log, a proxy or a retry) can be sent again and again, and each copy passes the check.',
		},
		docs: 'A signature proves who made a request, not when. Anyone who saw one signed request can replay it byte for byte, and the signature still matches. The usual defence (Stripe, GitHub, Slack webhooks) is a timestamp header that the sender includes in what it signs, and that the receiver compares with its clock: older than a few minutes (five in this lab) is rejected. Dapr has no part in this: no binding in components-contrib validates an incoming webhook (its signature or its age), so the app does it. The rule looks, in the webhook handler and the functions it calls, for a timestamp and a clock (`time.time()`, `datetime.now(...)`); it cannot check the window itself, which `dapr-labs run` does with a replayed request.',
		symptom: 'The same signed request, sent again an hour later, is accepted and publishes a second `payment.received`.',
		fix: 'Read `X-Timestamp`, include it in what is signed, and reject `abs(time.time() - int(timestamp)) > 300` with 401.',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python) return;
		for (const route of webhookRoutes(model, python)) {
			const reach = reachOf(model, python, [handlerOf(route, python)]);
			const text = reachText(model, reach.functions);
			const signs = reach.calls.some(({call}) => isHmac(call) || isCompareDigest(call)) || SIGNS.test(text);
			if (!signs || TIME.test(text)) continue;
			const file = route.file ?? python.file;
			report({messageId: 'missing', data: {handler: `${route.handler} (${route.path ?? route.pathText}, ${where(file, route.decoratorSpan)})`}, file, at: route.decoratorSpan, hint: 'After the signature check: `timestamp = request.headers.get("X-Timestamp", "")`, then `if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300: raise HTTPException(status_code=401)`.'});
		}
	},
});
