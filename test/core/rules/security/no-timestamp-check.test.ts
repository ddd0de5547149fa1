import {describe, expect, test} from 'vitest';
import {at} from '../../../helpers/rules.js';
import {checkSecure, edit, secureFolder, SOLUTION_APP, STARTER_APP} from '../../../helpers/secure.js';

const RULE = 'security/no-timestamp-check';

const NO_TIME = edit(SOLUTION_APP, '    timestamp = request.headers.get("X-Timestamp", "")\n    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > MAX_AGE_SECONDS:\n        raise HTTPException(status_code=401, detail="missing or stale timestamp")\n', '')
	.replace('signed_by_provider(body, timestamp, request', 'signed_by_provider(body, request')
	.replace('def signed_by_provider(body: bytes, timestamp: str, signature: str) -> bool:\n    """X-Signature is sha256=<hex HMAC-SHA256 of "<timestamp>." + the raw body>, keyed with the shared secret."""', 'def signed_by_provider(body: bytes, signature: str) -> bool:')
	.replace('timestamp.encode() + b"." + body', 'body');

describe(RULE, () => {
	test('valid: the solution checks X-Timestamp against time.time()', () => expect(checkSecure(RULE, secureFolder())).toEqual([]));
	test('valid: a webhook that verifies nothing is not this rule\'s concern (publish-before-verify says it)', () => {
		const app = edit(NO_TIME, '    if not signed_by_provider(body, request.headers.get("X-Signature", "")):\n        raise HTTPException(status_code=401, detail="bad signature")\n', '');
		expect(checkSecure(RULE, secureFolder({'app.py': app.replace(/\ndef signed_by_provider[\s\S]*?\n\n\n/u, '\n')}))).toEqual([]);
	});
	test('invalid: the starter', () => {
		const findings = checkSecure(RULE, secureFolder({'app.py': STARTER_APP}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 37, 1]]);
		expect(findings[0]!.message).toContain('payment_webhook (/webhooks/payments, app.py:37)');
	});
	test('invalid: the solution without its timestamp check', () => {
		expect(NO_TIME).not.toMatch(/timestamp|time\.time/u);
		expect(checkSecure(RULE, secureFolder({'app.py': NO_TIME})).map((f) => [f.ruleId, f.line])).toEqual([[RULE, 53]]);
	});
});
