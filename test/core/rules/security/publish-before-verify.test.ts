import rule from '../../../../src/core/rules/security/publish-before-verify.js';
import {ruleTester} from '../../../helpers/rule-tester.js';
import {edit, including, secureFolder, SOLUTION_APP, STARTER_APP} from '../../../helpers/secure.js';

const CHECK = '    if not signed_by_provider(body, timestamp, request.headers.get("X-Signature", "")):\n        raise HTTPException(status_code=401, detail="bad signature")\n';

ruleTester.run(rule, {
	valid: [
		{name: 'the solution verifies (in a helper) before it publishes', files: secureFolder()},
		{
			name: 'compare_digest written in the handler, before the publish',
			files: secureFolder({
				'app.py': edit(SOLUTION_APP, CHECK, '    expected = "sha256=" + hmac.new(os.environ["PAYMENT_WEBHOOK_SECRET"].encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()\n    if not hmac.compare_digest(expected.encode(), request.headers.get("X-Signature", "").encode()):\n        raise HTTPException(status_code=401)\n'),
			}),
		},
		{name: 'the cron handler is not a webhook', files: secureFolder({'app.py': edit(SOLUTION_APP, '@app.post("/webhooks/payments")', '@app.get("/webhooks/payments")')})},
	],
	invalid: [
		{
			name: 'the starter publishes first',
			files: secureFolder({'app.py': STARTER_APP}),
			errors: [{messageId: 'before', file: 'app.py', line: 42, column: 9, severity: 'error', message: including('publishes at app.py:42 before it verifies the signature at app.py:49')}],
		},
		{
			name: 'the solution with its check moved below the publish',
			files: secureFolder({'app.py': edit(edit(SOLUTION_APP, CHECK, ''), '    return {"status": "accepted"}', `${CHECK}    return {"status": "accepted"}`)}),
			errors: [{messageId: 'before', file: 'app.py', line: 63, column: 9, severity: 'error', message: /publishes at app\.py:\d+ before it verifies/u}],
		},
		{
			name: 'a webhook that publishes and never verifies',
			files: secureFolder({'app.py': edit(SOLUTION_APP, CHECK, '').replace(/\ndef signed_by_provider[\s\S]*?\n\n\n/u, '\n')}),
			errors: [{messageId: 'never', file: 'app.py', line: 47, column: 1, severity: 'error', message: including('never verifies the sender')}],
		},
	],
});
