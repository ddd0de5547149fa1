import {describe, expect, test} from 'vitest';
import {at} from '../../../helpers/rules.js';
import {checkSecure, edit, secureFolder, SOLUTION_APP, STARTER_APP} from '../../../helpers/secure.js';

const RULE = 'security/publish-before-verify';

const CHECK = '    if not signed_by_provider(body, timestamp, request.headers.get("X-Signature", "")):\n        raise HTTPException(status_code=401, detail="bad signature")\n';

describe(RULE, () => {
	test('valid: the solution verifies (in a helper) before it publishes', () => expect(checkSecure(RULE, secureFolder())).toEqual([]));
	test('valid: compare_digest written in the handler, before the publish', () => {
		const app = edit(SOLUTION_APP, CHECK, '    expected = "sha256=" + hmac.new(os.environ["PAYMENT_WEBHOOK_SECRET"].encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()\n    if not hmac.compare_digest(expected.encode(), request.headers.get("X-Signature", "").encode()):\n        raise HTTPException(status_code=401)\n');
		expect(checkSecure(RULE, secureFolder({'app.py': app}))).toEqual([]);
	});
	test('invalid: the starter publishes first', () => {
		const findings = checkSecure(RULE, secureFolder({'app.py': STARTER_APP}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 42, 9]]);
		expect(findings[0]!.message).toContain('publishes at app.py:42 before it verifies the signature at app.py:49');
	});
	test('invalid: the solution with its check moved below the publish', () => {
		const app = edit(SOLUTION_APP, CHECK, '').replace('    return {"status": "accepted"}', `${CHECK}    return {"status": "accepted"}`);
		expect(checkSecure(RULE, secureFolder({'app.py': app})).map((f) => [f.line, /publishes at app\.py:\d+ before it verifies/u.test(f.message)])).toEqual([[63, true]]);
	});
	test('invalid: a webhook that publishes and never verifies', () => {
		const app = edit(SOLUTION_APP, CHECK, '').replace(/\ndef signed_by_provider[\s\S]*?\n\n\n/u, '\n');
		const findings = checkSecure(RULE, secureFolder({'app.py': app}));
		expect(findings.map((f) => f.severity)).toEqual(['error']);
		expect(findings[0]!.message).toContain('never verifies the sender');
	});
	test('the cron handler is not a webhook', () => {
		expect(checkSecure(RULE, secureFolder({'app.py': edit(SOLUTION_APP, '@app.post("/webhooks/payments")', '@app.get("/webhooks/payments")')}))).toEqual([]);
	});
});
