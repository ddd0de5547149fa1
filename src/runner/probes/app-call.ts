/**
 * Probe `app-call`: once the app is up, the runner calls it once and judges the answer (check `app-answer`).
 *
 *   - kind: app-call
 *     method: POST                     # optional, default POST
 *     path: /tasks/task-42/complete
 *     expectStatus: 2xx                # optional: "2xx" (default) or a status number
 *     expectJson: {task_id: task-42}   # optional: a subset the JSON answer must contain
 *
 * Later probes may wait for this call (a webhook-receiver waits for what the call makes the app send).
 */
import type {ProbeReport} from '../../core/diagnose.js';
import type {ArmedProbe, ProbeModule} from './probe.js';
import {checkParams, containsSubset, isRecord, mapping, type Params} from './support.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** How long the app may take to answer (a handler that talks to its sidecar can be slow on a cold start). */
const ANSWER_TIMEOUT_MS = 70_000;

export type AppCallParams = {
	readonly method: string;
	readonly path: string;
	readonly expectStatus: '2xx' | number;
	readonly expectJson: Params | null;
	readonly checkId: string;
};

function expectedText(params: AppCallParams): string {
	const json = params.expectJson ? `JSON with ${Object.entries(params.expectJson).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ')}` : null;
	if (params.expectStatus === '2xx') return json ?? 'a 2xx answer';
	return json ? `status ${params.expectStatus} and ${json}` : `status ${params.expectStatus}`;
}

export const appCall: ProbeModule = {
	kind: 'app-call',

	validate(params) {
		const problems = checkParams(params, {
			method: (value) => (typeof value === 'string' && (METHODS as readonly string[]).includes(value.toUpperCase()) ? null : `must be one of ${METHODS.join(', ')}.`),
			path: (value) => (typeof value === 'string' && value.startsWith('/') && !/\s/.test(value) ? null : 'must be a path starting with "/".'),
			expectStatus: (value) => (value === '2xx' || (typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599) ? null : 'must be "2xx" or a status number.'),
			expectJson: mapping,
			checkId: (value) => (typeof value === 'string' && /^[a-z][a-z0-9-]*$/.test(value) ? null : 'must be a lower-case id.'),
		});
		if (params['path'] === undefined) problems.push('path is required.');
		return problems;
	},

	plan(params) {
		const resolved: AppCallParams = {
			method: typeof params['method'] === 'string' ? params['method'].toUpperCase() : 'POST',
			path: String(params['path']),
			expectStatus: typeof params['expectStatus'] === 'number' ? params['expectStatus'] : '2xx',
			expectJson: isRecord(params['expectJson']) ? params['expectJson'] : null,
			checkId: typeof params['checkId'] === 'string' ? params['checkId'] : 'app-answer',
		};
		return {ok: true, probe: {kind: 'app-call', params: resolved}};
	},

	arm(probe, context): ArmedProbe {
		const params = probe.params as AppCallParams;
		const describe = `${params.method} ${params.path}`;
		let report: ProbeReport | undefined;
		let settle: (value: {ok: boolean}) => void = () => undefined;
		const done = new Promise<{ok: boolean}>((resolve) => (settle = resolve));
		const call = async () => {
			const url = `${context.appUrl ?? 'http://127.0.0.1:8000'}${params.path}`;
			let ok = false;
			let detail: string;
			try {
				const response = await fetch(url, {method: params.method, signal: AbortSignal.any([context.signal, AbortSignal.timeout(ANSWER_TIMEOUT_MS)])});
				const body = await response.text();
				let parsed: unknown;
				try {
					parsed = JSON.parse(body);
				} catch {
					parsed = undefined;
				}
				const statusOk = params.expectStatus === '2xx' ? response.status >= 200 && response.status < 300 : response.status === params.expectStatus;
				ok = statusOk && (params.expectJson === null || containsSubset(parsed, params.expectJson));
				detail = ok ? `${describe} answered ${response.status} ${body.slice(0, 200)}.` : `${describe} answered ${response.status} ${body.slice(0, 200) || '(empty)'}; expected ${expectedText(params)}.`;
			} catch (error) {
				detail = `${describe} failed: ${error instanceof Error ? error.message : String(error)}.`;
			}
			report = {checkId: params.checkId, ok, detail};
			context.emit({type: 'check', id: params.checkId, status: ok ? 'pass' : 'fail', message: detail});
			settle({ok});
		};
		return {
			kind: 'app-call',
			action: {describe, done},
			onAppUp() {
				void call();
			},
			satisfied: () => report !== undefined,
			async finish() {
				return report ? {reports: [report]} : {};
			},
		};
	},
};
