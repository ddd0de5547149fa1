import {defineRule} from '../../rule.js';
import {appModules, factsOf} from '../security-support.js';
import {readyPython, short} from '../support.js';

const REPARSED = /json\.dumps\s*\(|\.json\(\s*\)|\.get_json\(/u;

export default defineRule({
	id: 'security/signature-over-json',
	meta: {
		description: 'Require a webhook signature to be computed over the raw request body, not over JSON parsed and serialised again',
		severity: 'error',
		messages: {
			reparsed:
				'The HMAC at this line is computed over `{{text}}`, JSON that the app parsed and serialised again: the sender signed the bytes it sent, and `json.dumps` gives other bytes (spacing, key order, escapes), so a genuine signature fails to match and the check rejects real events or gets switched off.',
		},
		docs: 'An HMAC signature covers exact bytes. The sender signs the body it sends; `json.dumps(await request.json())` rebuilds a body with Python\'s spacing (`", "` and `": "`), its escaping of non-ASCII text (`\\u00e9`) and the key order it parsed, which are seldom the bytes that came over the wire. Verify over `await request.body()` (FastAPI/Starlette) or `request.get_data()` (Flask), and parse the JSON only after the signature matched. Dapr does not help here: no binding in components-contrib verifies an incoming webhook\'s HMAC (the http binding is output-only and only adds a `securityToken` header to requests it sends, bindings/http/http.go), so the app does it.',
		symptom: 'Correctly signed webhooks get 401; the sender\'s own test payload with different spacing fails.',
		fix: '`body = await request.body()` then `hmac.new(secret, body, hashlib.sha256).hexdigest()`; `json.loads(body)` after the check.',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python) return;
		for (const file of appModules(model, python).keys()) {
			const facts = factsOf(model, file);
			for (const call of facts.hmacCalls) {
				const message = call.args.find((arg) => arg.keyword === 'msg') ?? call.args.find((arg) => arg.position === 1);
				if (!message) continue;
				// The expression and, for the names in it, what is assigned to them (up to three levels: `text = json.dumps(...)`, `payload = text.encode()`).
				let text = message.text;
				for (let depth = 0; depth < 3; depth++) {
					const names = [...text.matchAll(/\b([A-Za-z_]\w*)\b/gu)].map((match) => match[1]!);
					const more = facts.assigns.filter((item) => names.includes(item.name) && (item.inFunction === call.inFunction || item.inFunction === null) && !text.includes(item.text)).map((item) => item.text);
					if (more.length === 0) break;
					text = [text, ...more].join('\n');
				}
				if (!REPARSED.test(text)) continue;
				report({messageId: 'reparsed', data: {text: short(message.text, 60)}, file, at: message.span, hint: 'Sign what came over the wire: `body = await request.body()` and `hmac.new(secret, body, hashlib.sha256)`; parse it with `json.loads(body)` after the check.'});
			}
		}
	},
});
