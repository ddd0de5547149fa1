import {describe, expect, test} from 'vitest';
import {at} from '../../../helpers/rules.js';
import {checkSecure, edit, secureFolder, SOLUTION_APP, STARTER_APP} from '../../../helpers/secure.js';

const RULE = 'security/signature-over-json';

describe(RULE, () => {
	test('valid: the solution signs the raw body', () => expect(checkSecure(RULE, secureFolder())).toEqual([]));
	test('valid: a raw body passed through a variable, and hmac.digest with msg=', () => {
		const app = edit(SOLUTION_APP, 'hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()', 'hmac.digest(secret, msg=signed, digest="sha256").hex()').replace('    secret = os.environ', '    signed = timestamp.encode() + b"." + body\n    secret = os.environ');
		expect(checkSecure(RULE, secureFolder({'app.py': app}))).toEqual([]);
	});
	test('invalid: the starter signs json.dumps of the parsed body (through an assignment)', () => {
		const findings = checkSecure(RULE, secureFolder({'app.py': STARTER_APP}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 48, 50]]);
		expect(findings[0]!.message).toContain('`json.dumps(payment).encode()`');
		expect(findings[0]!.hint).toContain('await request.body()');
	});
	test('invalid: json.dumps(...) written in the call, and re-serialised through two names', () => {
		const direct = edit(SOLUTION_APP, 'timestamp.encode() + b"." + body, hashlib.sha256)', 'json.dumps(json.loads(body), separators=(",", ":")).encode(), hashlib.sha256)');
		expect(checkSecure(RULE, secureFolder({'app.py': direct})).map((f) => f.ruleId)).toEqual([RULE]);
		const twoNames = edit(SOLUTION_APP, '    secret = os.environ["PAYMENT_WEBHOOK_SECRET"].encode()\n', '    secret = os.environ["PAYMENT_WEBHOOK_SECRET"].encode()\n    text = json.dumps(json.loads(body))\n    payload = text.encode()\n').replace('timestamp.encode() + b"." + body, hashlib.sha256)', 'payload, hashlib.sha256)');
		expect(checkSecure(RULE, secureFolder({'app.py': twoNames})).map((f) => f.ruleId)).toEqual([RULE]);
	});
});
