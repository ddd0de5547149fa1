/**
 * Probe `api-token`: the run starts daprd (and the app) with a fresh APP_API_TOKEN, so daprd sends
 * `dapr-api-token: <token>` on every call to the app (dapr/dapr pkg/channel/http/http_channel.go, v1.18.0-rc.1); once
 * the app is up, the runner POSTs to the route itself without the token and with a wrong one, and both must be
 * refused with 401 (check `sidecar-only`). The cron deliveries, which carry the token, are a cron-triggers probe's.
 *
 *   - kind: api-token
 *     path: /cleanup-cron     # optional: default the route of the folder's first input bindings.cron
 *     checkId: sidecar-only   # optional
 */
import {randomBytes} from 'node:crypto';
import type {ProbeReport} from '../../core/diagnose.js';
import {directionAllows, expectedPath} from '../../core/rules/support.js';
import type {ArmedProbe, ProbeModule} from './probe.js';
import {checkParams, componentOf, text} from './support.js';

export type ApiTokenParams = {readonly path: string | null; readonly checkId: string};

const ANSWER_TIMEOUT_MS = 30_000;

export const apiToken: ProbeModule = {
	kind: 'api-token',

	validate(params) {
		return checkParams(params, {
			path: (value) => (typeof value === 'string' && value.startsWith('/') && !/\s/u.test(value) ? null : 'must be a path starting with "/".'),
			checkId: text,
		});
	},

	plan(params, context) {
		const cron = componentOf(context.model, 'bindings.cron', undefined, (doc) => directionAllows(doc, 'input'));
		const path = typeof params['path'] === 'string' ? params['path'] : cron ? expectedPath(cron).path : null;
		const resolved: ApiTokenParams = {path, checkId: typeof params['checkId'] === 'string' ? params['checkId'] : 'sidecar-only'};
		return {ok: true, probe: {kind: 'api-token', params: resolved}, notes: ['This run starts daprd with APP_API_TOKEN set, so daprd sends it in `dapr-api-token` on every call to the app; the runner then calls the cron route itself without it.']};
	},

	arm(probe, context): ArmedProbe {
		const params = probe.params as ApiTokenParams;
		const token = randomBytes(16).toString('hex');
		let report: ProbeReport | undefined;
		const knock = async (headers: Record<string, string>): Promise<string> => {
			const url = `${context.appUrl ?? 'http://127.0.0.1:8000'}${params.path}`;
			try {
				const response = await fetch(url, {method: 'POST', headers, signal: AbortSignal.any([context.signal, AbortSignal.timeout(ANSWER_TIMEOUT_MS)])});
				await response.arrayBuffer();
				return String(response.status);
			} catch (error) {
				return `no answer (${error instanceof Error ? error.message : String(error)})`;
			}
		};
		const run = async () => {
			if (params.path === null) {
				report = {checkId: params.checkId, ok: false, detail: 'components/ has no input bindings.cron, so there is no cron route to knock on.'};
			} else {
				const without = await knock({});
				const wrong = await knock({'dapr-api-token': `${token.slice(0, 31)}${token.endsWith('0') ? '1' : '0'}`});
				const ok = without === '401' && wrong === '401';
				report = {
					checkId: params.checkId,
					ok,
					detail: ok
						? `POST ${params.path} without the dapr-api-token header answered 401, and with a wrong token 401: only the sidecar gets in.`
						: `POST ${params.path} from outside the sidecar answered ${without} without the dapr-api-token header and ${wrong} with a wrong token; both must be 401 (compare the header with os.environ["APP_API_TOKEN"] using hmac.compare_digest).`,
				};
			}
			context.emit({type: 'check', id: report.checkId, status: report.ok ? 'pass' : 'fail', message: report.detail});
		};
		return {
			kind: 'api-token',
			async prepare() {
				return {env: {APP_API_TOKEN: token}};
			},
			onAppUp() {
				void run();
			},
			satisfied: () => report !== undefined,
			async finish({appUp}) {
				return {reports: [report ?? {checkId: params.checkId, ok: false, detail: appUp ? 'The cron route was never called from outside: the run ended first.' : 'The app never started listening, so the cron route could not be tested.'}]};
			},
		};
	},
};
