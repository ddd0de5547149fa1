/**
 * Probe `secret-header`: the run puts a fresh value in an environment variable of daprd's (the one a
 * secretstores.local.env store hands to a component's secretKeyRef, components-contrib
 * secretstores/local/env/envstore.go), and the local webhook receiver must get it in a header (check
 * `webhook-token`): proof that daprd resolved the secretKeyRef and bindings.http sent `securityToken` in
 * `securityTokenHeader` (components-contrib bindings/http/http.go). Pair it with a webhook-receiver probe, which
 * points the binding's url at the receiver.
 *
 *   - kind: secret-header
 *     env: MONITORING_TOKEN
 *     header: X-Monitoring-Token
 *     checkId: webhook-token   # optional
 */
import {randomBytes} from 'node:crypto';
import type {ProbeReport} from '../../core/diagnose.js';
import type {ArmedProbe, ProbeModule} from './probe.js';
import {checkParams, text} from './support.js';

export type SecretHeaderParams = {readonly env: string; readonly header: string; readonly checkId: string};

export const secretHeader: ProbeModule = {
	kind: 'secret-header',

	validate(params) {
		const problems = checkParams(params, {
			env: (value) => (typeof value === 'string' && /^[A-Z_][A-Z0-9_]*$/u.test(value) && !/^(APP_API_TOKEN|DAPR_.*)$/u.test(value) ? null : 'must be an environment variable name (upper case, not APP_API_TOKEN or DAPR_*, which Dapr refuses to hand out).'),
			header: text,
			checkId: text,
		});
		for (const required of ['env', 'header']) if (params[required] === undefined) problems.push(`${required} is required.`);
		return problems;
	},

	plan(params) {
		const resolved: SecretHeaderParams = {env: String(params['env']), header: String(params['header']), checkId: typeof params['checkId'] === 'string' ? params['checkId'] : 'webhook-token'};
		return {ok: true, probe: {kind: 'secret-header', params: resolved}, receiver: true};
	},

	arm(probe, context): ArmedProbe {
		const params = probe.params as SecretHeaderParams;
		const value = randomBytes(16).toString('hex');
		const name = params.header.toLowerCase();
		const carried = () => context.receiver?.requests.find((request) => request.headers[name] === value) ?? null;
		return {
			kind: 'secret-header',
			async prepare() {
				return {env: {[params.env]: value}};
			},
			satisfied: () => carried() !== null,
			async finish() {
				const got = carried();
				const requests = context.receiver?.requests ?? [];
				const report: ProbeReport = {
					checkId: params.checkId,
					ok: got !== null,
					detail: got
						? `The receiver got ${params.header} with the value of ${params.env} from daprd's environment: the secretKeyRef was resolved.`
						: requests.length === 0
							? `The receiver got no request, so ${params.header} could not be checked.`
							: `The receiver got ${requests.length} request(s), none with ${params.header} set to the value of ${params.env}: is securityToken a secretKeyRef to a secretstores.local.env store (auth.secretStore) and securityTokenHeader ${params.header}?`,
				};
				return {reports: [report], events: [{type: 'check', id: report.checkId, status: report.ok ? 'pass' : 'fail', message: report.detail}]};
			},
		};
	},
};
