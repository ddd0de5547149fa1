import {defineRule} from '../../rule.js';
import {appModules, factsOf, operandSource, SENSITIVE} from '../security-support.js';
import {readyPython, short} from '../support.js';

export default defineRule({
	id: 'security/timing-unsafe-compare',
	meta: {
		description: 'Require signatures and tokens to be compared with `hmac.compare_digest`, not `==` or `!=`',
		severity: 'error',
		messages: {
			compare: 'The comparison `{{text}}` checks a signature or token with `{{op}}`, which stops at the first differing character: how long the answer takes tells an attacker how much of a guess was right.',
		},
		docs: 'Python\'s `==` on str and bytes returns as soon as two characters differ, so the time it takes leaks how long the matching prefix of a guess is; an attacker who can send many requests recovers a signature or token one character at a time. `hmac.compare_digest(a, b)` (Python standard library) takes the same time wherever the difference is. Dapr does not compare anything for the app: daprd only sends `dapr-api-token` (dapr/dapr pkg/channel/http/http_channel.go), and no Dapr binding checks a webhook\'s signature (components-contrib has no HMAC verification for incoming requests), so the comparison in app.py is the only one there is. The rule looks at `==` and `!=` where one side names a digest, signature, token or secret (or is a variable assigned from one) and the other side is not a literal; a comparison with a literal is `security/literal-secret`\'s concern.',
		symptom: 'Nothing visible: the check works, but leaks timing.',
		fix: 'Replace `a == b` with `hmac.compare_digest(a, b)` (and `a != b` with `not hmac.compare_digest(a, b)`); both sides must be str (ASCII) or both bytes.',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python) return;
		for (const file of appModules(model, python).keys()) {
			const facts = factsOf(model, file);
			for (const compare of facts.compares) {
				if (compare.left.literal !== null || compare.right.literal !== null) continue;
				// Lengths, types and counts of a secret are not the secret.
				if ([compare.left, compare.right].some((side) => /^(len|type|id|bool|int|isinstance)\(/u.test(side.text))) continue;
				const sensitive = [compare.left, compare.right].some((side) => SENSITIVE.test(operandSource(side.text, facts, compare.inFunction)));
				if (!sensitive) continue;
				const text = short(`${compare.left.text} ${compare.op} ${compare.right.text}`, 100);
				const call = `hmac.compare_digest(${short(compare.left.text, 40)}, ${short(compare.right.text, 40)})`;
				report({messageId: 'compare', data: {text, op: compare.op}, file, at: compare.span, hint: `Write \`${compare.op === '!=' ? 'not ' : ''}${call}\` (import hmac).`});
			}
		}
	},
});
