import rule from '../../../../src/core/rules/security/signature-over-json.js';
import {ruleTester} from '../../../helpers/rule-tester.js';
import {edit, including, secureFolder, SOLUTION_APP, STARTER_APP} from '../../../helpers/secure.js';

ruleTester.run(rule, {
	valid: [
		{name: 'the solution signs the raw body', files: secureFolder()},
		{
			name: 'a raw body passed through a variable, and hmac.digest with msg=',
			files: secureFolder({
				'app.py': edit(edit(SOLUTION_APP, 'hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()', 'hmac.digest(secret, msg=signed, digest="sha256").hex()'), '    secret = os.environ', '    signed = timestamp.encode() + b"." + body\n    secret = os.environ'),
			}),
		},
	],
	invalid: [
		{
			name: 'the starter signs json.dumps of the parsed body (through an assignment)',
			files: secureFolder({'app.py': STARTER_APP}),
			errors: [{messageId: 'reparsed', file: 'app.py', line: 48, column: 50, severity: 'error', message: including('`json.dumps(payment).encode()`'), hint: including('await request.body()')}],
		},
		{
			name: 'json.dumps(...) written in the call',
			files: secureFolder({'app.py': edit(SOLUTION_APP, 'timestamp.encode() + b"." + body, hashlib.sha256)', 'json.dumps(json.loads(body), separators=(",", ":")).encode(), hashlib.sha256)')}),
			errors: [{messageId: 'reparsed', file: 'app.py', line: 33, column: 45, severity: 'error'}],
		},
		{
			name: 're-serialised through two names',
			files: secureFolder({
				'app.py': edit(
					edit(SOLUTION_APP, '    secret = os.environ["PAYMENT_WEBHOOK_SECRET"].encode()\n', '    secret = os.environ["PAYMENT_WEBHOOK_SECRET"].encode()\n    text = json.dumps(json.loads(body))\n    payload = text.encode()\n'),
					'timestamp.encode() + b"." + body, hashlib.sha256)',
					'payload, hashlib.sha256)',
				),
			}),
			errors: [{messageId: 'reparsed', file: 'app.py', line: 35, column: 45, severity: 'error'}],
		},
	],
});
