import rule from '../../../../src/core/rules/security/timing-unsafe-compare.js';
import {ruleTester} from '../../../helpers/rule-tester.js';
import {edit, including, secureFolder, SOLUTION_APP, STARTER_APP} from '../../../helpers/secure.js';

ruleTester.run(rule, {
	valid: [
		{name: 'the solution compares with hmac.compare_digest', files: secureFolder()},
		{
			name: 'comparisons with literals, lengths and unrelated values',
			files: secureFolder({
				'app.py': edit(SOLUTION_APP, '    body = await request.body()\n', '    body = await request.body()\n    if request.headers.get("X-Signature") is None or request.headers.get("X-Signature") == "":\n        raise HTTPException(status_code=401)\n    if len(request.headers.get("X-Signature", "")) != 71:\n        raise HTTPException(status_code=401)\n    if request.method != "POST":\n        raise HTTPException(status_code=405)\n'),
			}),
		},
	],
	invalid: [
		{
			name: 'the starter compares the signature header with !=',
			files: secureFolder({'app.py': STARTER_APP}),
			errors: [
				{
					messageId: 'compare',
					file: 'app.py',
					line: 49,
					column: 8,
					severity: 'error',
					message: including('The comparison `request.headers.get("X-Signature") != "sha256=" + expected` checks'),
					hint: 'Write `not hmac.compare_digest(request.headers.get("X-Signature"), "sha256=" + expected)` (import hmac).',
				},
			],
		},
		{
			name: 'a token compared with == through variables assigned from the header and the environment',
			files: secureFolder({'app.py': edit(SOLUTION_APP, '    return hmac.compare_digest(token.encode(), os.environ["APP_API_TOKEN"].encode())', '    expected = os.environ["APP_API_TOKEN"]\n    return token == expected')}),
			errors: [{messageId: 'compare', file: 'app.py', line: 28, column: 12, severity: 'error', message: including('The comparison `token == expected` checks a signature or token with `==`')}],
		},
		{
			name: 'a digest compared with == in the solution\'s helper',
			files: secureFolder({'app.py': edit(SOLUTION_APP, 'return hmac.compare_digest(expected.encode(), signature.encode())', 'return expected == signature')}),
			errors: [{messageId: 'compare', file: 'app.py', line: 34, column: 12, severity: 'error'}],
		},
	],
});
