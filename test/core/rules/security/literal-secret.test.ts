import rule from '../../../../src/core/rules/security/literal-secret.js';
import {ruleTester} from '../../../helpers/rule-tester.js';
import {edit, including, secureFolder, SOLUTION_APP, STARTER_APP, STARTER_HTTP} from '../../../helpers/secure.js';

const PUBSUB_NO_PASSWORD = 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: pubsub\nspec:\n  type: pubsub.redis\n  version: v1\n  metadata:\n    - name: redisHost\n      value: localhost:6379\n    - name: redisPassword\n      value: ""\n';

ruleTester.run(rule, {
	valid: [
		{name: 'the solution (secretKeyRef, os.environ)', files: secureFolder()},
		{
			name: 'names about a secret, empty values, env placeholders',
			files: secureFolder({
				'app.py': edit(SOLUTION_APP, 'MAX_AGE_SECONDS = 300\n', 'MAX_AGE_SECONDS = 300\nTOKEN_HEADER = "dapr-api-token"\nSECRET_ENV = "PAYMENT_WEBHOOK_SECRET"\napi_key = ""\n'),
				'components/pubsub.yaml': PUBSUB_NO_PASSWORD,
			}),
		},
	],
	invalid: [
		{
			name: 'the starter (a constant in app.py, a securityToken value in the component)',
			files: secureFolder({'app.py': STARTER_APP, 'components/http-binding.yaml': STARTER_HTTP}),
			errors: [
				{messageId: 'assigned', file: 'app.py', line: 14, column: 1, severity: 'error', message: including('`WEBHOOK_SECRET`')},
				{messageId: 'component', file: 'components/http-binding.yaml', line: 16, column: 14, severity: 'error', message: including('Component "monitoring-webhook" writes its `securityToken` as a plain value'), hint: including('secretKeyRef')},
			],
		},
		{
			name: 'a literal HMAC key',
			files: secureFolder({'app.py': edit(SOLUTION_APP, 'hmac.new(secret, ', 'hmac.new(b"whsec_123", ')}),
			errors: [{messageId: 'hmacKey', file: 'app.py', line: 33, column: 37, severity: 'error', message: 'The HMAC key is written into the call, so the shared secret is in every copy of the repository.'}],
		},
		{
			name: 'a literal fallback for a secret variable',
			files: secureFolder({'app.py': edit(SOLUTION_APP, 'os.environ["PAYMENT_WEBHOOK_SECRET"]', 'os.getenv("PAYMENT_WEBHOOK_SECRET", "dev-secret")')}),
			errors: [{messageId: 'fallback', file: 'app.py', line: 32, column: 50, severity: 'error', message: including('when PAYMENT_WEBHOOK_SECRET is not set')}],
		},
	],
});
