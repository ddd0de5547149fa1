import {describe, expect, test} from 'vitest';
import rule from '../../../../src/core/rules/security/no-timestamp-check.js';
import {ruleTester} from '../../../helpers/rule-tester.js';
import {edit, including, secureFolder, SOLUTION_APP, STARTER_APP} from '../../../helpers/secure.js';

const NO_TIME = edit(SOLUTION_APP, '    timestamp = request.headers.get("X-Timestamp", "")\n    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > MAX_AGE_SECONDS:\n        raise HTTPException(status_code=401, detail="missing or stale timestamp")\n', '')
	.replace('signed_by_provider(body, timestamp, request', 'signed_by_provider(body, request')
	.replace('def signed_by_provider(body: bytes, timestamp: str, signature: str) -> bool:\n    """X-Signature is sha256=<hex HMAC-SHA256 of "<timestamp>." + the raw body>, keyed with the shared secret."""', 'def signed_by_provider(body: bytes, signature: str) -> bool:')
	.replace('timestamp.encode() + b"." + body', 'body');

/** NO_TIME without its signature check either (and without the helper that held it). */
const VERIFIES_NOTHING = edit(NO_TIME, '    if not signed_by_provider(body, request.headers.get("X-Signature", "")):\n        raise HTTPException(status_code=401, detail="bad signature")\n', '').replace(/\ndef signed_by_provider[\s\S]*?\n\n\n/u, '\n');

describe('fixtures', () => {
	test('the solution without its timestamp check mentions neither a timestamp nor the clock', () => {
		expect(NO_TIME).not.toMatch(/timestamp|time\.time/u);
	});
});

ruleTester.run(rule, {
	valid: [
		{name: 'the solution checks X-Timestamp against time.time()', files: secureFolder()},
		{name: 'a webhook that verifies nothing is not this rule\'s concern (publish-before-verify says it)', files: secureFolder({'app.py': VERIFIES_NOTHING})},
	],
	invalid: [
		{
			name: 'the starter',
			files: secureFolder({'app.py': STARTER_APP}),
			errors: [{messageId: 'missing', file: 'app.py', line: 37, column: 1, severity: 'error', message: including('payment_webhook (/webhooks/payments, app.py:37)')}],
		},
		{
			name: 'the solution without its timestamp check',
			files: secureFolder({'app.py': NO_TIME}),
			errors: [{messageId: 'missing', file: 'app.py', line: 53, column: 1, severity: 'error'}],
		},
	],
});
