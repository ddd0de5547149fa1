import {describe, expect, test} from 'vitest';
import {at} from '../../../helpers/rules.js';
import {checkSecure, edit, secureFolder, SOLUTION_APP, STARTER_APP} from '../../../helpers/secure.js';

const RULE = 'security/timing-unsafe-compare';

describe(RULE, () => {
	test('valid: the solution compares with hmac.compare_digest', () => expect(checkSecure(RULE, secureFolder())).toEqual([]));
	test('valid: comparisons with literals, lengths and unrelated values', () => {
		const app = edit(SOLUTION_APP, '    body = await request.body()\n', '    body = await request.body()\n    if request.headers.get("X-Signature") is None or request.headers.get("X-Signature") == "":\n        raise HTTPException(status_code=401)\n    if len(request.headers.get("X-Signature", "")) != 71:\n        raise HTTPException(status_code=401)\n    if request.method != "POST":\n        raise HTTPException(status_code=405)\n');
		expect(checkSecure(RULE, secureFolder({'app.py': app}))).toEqual([]);
	});
	test('invalid: the starter compares the signature header with !=', () => {
		const findings = checkSecure(RULE, secureFolder({'app.py': STARTER_APP}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 49, 8]]);
		expect(findings[0]!.message).toContain('The comparison `request.headers.get("X-Signature") != "sha256=" + expected` checks');
		expect(findings[0]!.hint).toBe('Write `not hmac.compare_digest(request.headers.get("X-Signature"), "sha256=" + expected)` (import hmac).');
	});
	test('invalid: a token compared with == through variables assigned from the header and the environment', () => {
		const app = edit(SOLUTION_APP, '    return hmac.compare_digest(token.encode(), os.environ["APP_API_TOKEN"].encode())', '    expected = os.environ["APP_API_TOKEN"]\n    return token == expected');
		const findings = checkSecure(RULE, secureFolder({'app.py': app}));
		expect(findings.map((f) => f.severity)).toEqual(['error']);
		expect(findings[0]!.message).toContain('The comparison `token == expected` checks a signature or token with `==`');
	});
	test('invalid: a digest compared with == in the solution\'s helper', () => {
		const app = edit(SOLUTION_APP, 'return hmac.compare_digest(expected.encode(), signature.encode())', 'return expected == signature');
		expect(checkSecure(RULE, secureFolder({'app.py': app})).map((f) => f.ruleId)).toEqual([RULE]);
	});
});
