import {describe, expect, test} from 'vitest';
import {at} from '../../../helpers/rules.js';
import {checkSecure, edit, secureFolder, SOLUTION_APP, STARTER_APP, STARTER_HTTP} from '../../../helpers/secure.js';

const RULE = 'security/literal-secret';

describe(RULE, () => {
	test('valid: the solution (secretKeyRef, os.environ)', () => expect(checkSecure(RULE, secureFolder())).toEqual([]));
	test('valid: names about a secret, empty values, env placeholders', () => {
		const app = edit(SOLUTION_APP, 'MAX_AGE_SECONDS = 300\n', 'MAX_AGE_SECONDS = 300\nTOKEN_HEADER = "dapr-api-token"\nSECRET_ENV = "PAYMENT_WEBHOOK_SECRET"\napi_key = ""\n');
		const pubsub = 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: pubsub\nspec:\n  type: pubsub.redis\n  version: v1\n  metadata:\n    - name: redisHost\n      value: localhost:6379\n    - name: redisPassword\n      value: ""\n';
		expect(checkSecure(RULE, secureFolder({'app.py': app, 'components/pubsub.yaml': pubsub}))).toEqual([]);
	});
	test('invalid: the starter (a constant in app.py, a securityToken value in the component)', () => {
		const findings = checkSecure(RULE, secureFolder({'app.py': STARTER_APP, 'components/http-binding.yaml': STARTER_HTTP}));
		expect(at(findings)).toEqual([
			[RULE, 'error', 'app.py', 14, 1],
			[RULE, 'error', 'components/http-binding.yaml', 16, 14],
		]);
		expect(findings[0]!.message).toContain('`WEBHOOK_SECRET`');
		expect(findings[1]!.message).toContain('Component "monitoring-webhook" writes its `securityToken` as a plain value');
		expect(findings[1]!.hint).toContain('secretKeyRef');
	});
	test('invalid: a literal HMAC key, and a literal fallback for a secret variable', () => {
		const key = edit(SOLUTION_APP, 'hmac.new(secret, ', 'hmac.new(b"whsec_123", ');
		expect(checkSecure(RULE, secureFolder({'app.py': key})).map((f) => f.message)).toEqual(['The HMAC key is written into the call, so the shared secret is in every copy of the repository.']);
		const fallback = edit(SOLUTION_APP, 'os.environ["PAYMENT_WEBHOOK_SECRET"]', 'os.getenv("PAYMENT_WEBHOOK_SECRET", "dev-secret")');
		const findings = checkSecure(RULE, secureFolder({'app.py': fallback}));
		expect(findings.map((f) => f.severity)).toEqual(['error']);
		expect(findings[0]!.message).toContain('when PAYMENT_WEBHOOK_SECRET is not set');
	});
});
