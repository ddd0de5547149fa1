/**
 * The secure-triggers probe kinds' pure halves: parameter validation (each problem names its parameter) and planning
 * against the lab's own folder; and the lab's runtime section is valid for the kinds dapr-labs ships.
 */
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {createHmac} from 'node:crypto';
import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {analyzeWorkspace} from '../../src/core/analyze.js';
import {runtimeProblems, type RuntimeDef} from '../../src/core/run-plan.js';
import type {LabDef} from '../../src/core/labs.js';
import {apiToken} from '../../src/runner/probes/api-token.js';
import {PROBE_KINDS} from '../../src/runner/probes/index.js';
import {secretHeader} from '../../src/runner/probes/secret-header.js';
import {signedWebhook, signPayload} from '../../src/runner/probes/signed-webhook.js';
import {packageRoot} from '../../src/runner/package-root.js';
import {readWorkspace} from '../../src/runner/read-workspace.js';

const dir = join(packageRoot(), 'labs', 'secure-triggers');

async function planContext() {
	const model = analyzeWorkspace(await readWorkspace(join(dir, 'solution')));
	return {lab: {} as LabDef, model, now: new Date(0), zone: 'UTC', timeoutMs: 60_000, earlier: []};
}

describe('secure-triggers probe kinds', () => {
	it('the lab\'s runtime section is valid for the shipped kinds', async () => {
		const data = parse(await readFile(join(dir, 'lab.yaml'), 'utf8')) as {runtime: RuntimeDef};
		expect(data.runtime.probes.map((probe) => probe.kind)).toEqual(['cron-triggers', 'api-token', 'webhook-receiver', 'secret-header', 'signed-webhook']);
		expect(runtimeProblems(data.runtime, PROBE_KINDS)).toEqual([]);
	});

	it('rejects bad parameters, each by name', () => {
		expect(apiToken.validate({kind: 'api-token', path: 'cleanup-cron', extra: 1})).toEqual(['path must be a path starting with "/".', 'unknown parameter "extra" (known: path, checkId).']);
		expect(signedWebhook.validate({kind: 'signed-webhook', path: '/x', secretEnv: 'APP_API_TOKEN', body: {}, idKey: 'id', maxAgeSeconds: 0})).toEqual(['secretEnv must be an environment variable name (upper case, not APP_API_TOKEN or DAPR_*).', 'maxAgeSeconds must be a positive integer.']);
		expect(signedWebhook.validate({kind: 'signed-webhook'})).toEqual(['path is required.', 'secretEnv is required.', 'body is required.', 'idKey is required.']);
		expect(secretHeader.validate({kind: 'secret-header', env: 'DAPR_API_TOKEN', header: 'X-T'})).toEqual(['env must be an environment variable name (upper case, not APP_API_TOKEN or DAPR_*, which Dapr refuses to hand out).']);
	});

	it('plans against the folder: the cron route, the pub/sub\'s Redis and the topic the app publishes to', async () => {
		const context = await planContext();
		const token = apiToken.plan({kind: 'api-token'}, context);
		expect(token.ok && token.probe.params).toEqual({path: '/cleanup-cron', checkId: 'sidecar-only'});
		const webhook = signedWebhook.plan({kind: 'signed-webhook', path: '/webhooks/payments', secretEnv: 'PAYMENT_WEBHOOK_SECRET', body: {payment_id: 'p'}, idKey: 'payment_id'}, context);
		expect(webhook.ok && webhook.probe.params).toMatchObject({topic: 'payment-events', redis: 'redis://localhost:6379', signatureHeader: 'X-Signature', timestampHeader: 'X-Timestamp', maxAgeSeconds: 300});
		const header = secretHeader.plan({kind: 'secret-header', env: 'MONITORING_TOKEN', header: 'X-Monitoring-Token'}, context);
		expect(header.ok && header).toMatchObject({receiver: true, probe: {params: {env: 'MONITORING_TOKEN', header: 'X-Monitoring-Token', checkId: 'webhook-token'}}});
	});

	it('signs "<timestamp>." + body with HMAC-SHA256, as the lab tells the student', () => {
		const expected = createHmac('sha256', 'k').update('1700000000.{"a":1}').digest('hex');
		expect(signPayload('k', '1700000000', '{"a":1}')).toBe(`sha256=${expected}`);
	});
});
