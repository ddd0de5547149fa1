/**
 * Probe `webhook-receiver`: the HTTP output binding's `url` is pointed at the shared local receiver in the temporary
 * copy of components/ (so no internet is needed), and the receiver must get the expected request (check `webhook`).
 *
 *   - kind: webhook-receiver
 *     binding: monitoring-webhook       # optional: the component; default the folder's first bindings.http
 *     expectBody: {event: task.completed, task_id: task-42}   # optional: a subset of the JSON body
 *     expectKeys: [alert]               # optional: keys the JSON body must have, any value
 *     describe: '{"alert": "task_expired", ...}'   # optional: how messages name the expected request
 *     missing: 'The receiver got no ... request from the cron handler.'   # optional: the sentence when none came
 *
 * After an earlier app-call probe, it waits for what that call makes the app send (10 s after a good answer, 1 s
 * after a bad one) and shows its check then. Without one it is passive: satisfied when a matching request arrives,
 * judged when the run ends, and shown then unless another probe reports the same check id.
 */
import type {ProbeReport} from '../../core/diagnose.js';
import type {ArmedProbe, ProbeModule} from './probe.js';
import {checkParams, componentOf, containsSubset, describeSubset, isRecord, jsonOf, mapping, stringList, text, type Params} from './support.js';

export type WebhookParams = {
	readonly binding: string | null;
	readonly expectBody: Params;
	readonly expectKeys: readonly string[];
	readonly describe: string;
	readonly missing: string | null;
	readonly checkId: string;
	/** Another probe of the plan reports the same check id (then a passive probe shows nothing itself). */
	readonly shared: boolean;
};

/** The finding a missing webhook becomes: at the invoke_binding call, else the http component (diagnose places it). */
export function webhookReport(checkId: string, ok: boolean, detail: string): ProbeReport {
	return {
		checkId,
		ok,
		detail,
		finding: {ruleId: 'run/webhook-not-received', at: {call: {method: 'invoke_binding', keyword: 'binding_name', position: 0}, componentType: 'bindings.http'}, unlessAny: ['run/output-binding-failed', 'run/no-sidecar']},
	};
}

export const webhookReceiver: ProbeModule = {
	kind: 'webhook-receiver',

	validate(params) {
		return checkParams(params, {binding: text, expectBody: mapping, expectKeys: stringList, describe: text, missing: text, checkId: text});
	},

	plan(params, context) {
		const wanted = typeof params['binding'] === 'string' ? params['binding'] : undefined;
		const http = componentOf(context.model, 'bindings.http', wanted);
		const expectBody = isRecord(params['expectBody']) ? params['expectBody'] : {};
		const expectKeys = Array.isArray(params['expectKeys']) ? (params['expectKeys'] as string[]) : [];
		const checkId = typeof params['checkId'] === 'string' ? params['checkId'] : 'webhook';
		const resolved: WebhookParams = {
			binding: http?.name?.value ?? wanted ?? null,
			expectBody,
			expectKeys,
			describe: typeof params['describe'] === 'string' ? params['describe'] : describeSubset(expectBody, expectKeys),
			missing: typeof params['missing'] === 'string' ? params['missing'] : null,
			checkId,
			shared: context.earlier.some((probe) => probe.params['checkId'] === checkId),
		};
		return {ok: true, probe: {kind: 'webhook-receiver', params: resolved}, receiver: true, ...(http ? {edits: [{component: http.name!.value, key: 'url', receiverPath: '/post'}]} : {})};
	},

	arm(probe, context): ArmedProbe {
		const params = probe.params as WebhookParams;
		const matches = (json: unknown) => {
			const body = jsonOf(json);
			return containsSubset(body, params.expectBody) && params.expectKeys.every((key) => isRecord(body) && key in body);
		};
		const receiver = context.receiver;
		const trigger = [...context.earlier].reverse().find((earlier) => earlier.action)?.action ?? null;
		let report: ProbeReport | undefined;
		const matched = () => receiver?.requests.find((request) => matches(request.json)) ?? null;

		const afterTrigger = async () => {
			const answered = await trigger!.done;
			const got = receiver ? await receiver.waitFor((request) => matches(request.json), answered.ok ? 10_000 : 1000, context.signal) : null;
			const last = receiver?.requests.at(-1);
			report = webhookReport(
				params.checkId,
				got !== null,
				got
					? `The receiver got ${got.method} ${got.path} with ${params.describe}.`
					: last
						? `The receiver got ${receiver!.requests.length} request(s), none with ${params.describe}; the last body was ${last.body.slice(0, 200) || '(empty)'}.`
						: `The webhook receiver got no request after ${trigger!.describe}.`,
			);
			context.emit({type: 'check', id: params.checkId, status: report.ok ? 'pass' : 'fail', message: report.detail});
		};

		return {
			kind: 'webhook-receiver',
			onAppUp() {
				if (trigger) void afterTrigger();
			},
			satisfied: () => (trigger ? report !== undefined : matched() !== null),
			async finish({appUp}) {
				if (trigger) {
					const final = report ?? webhookReport(params.checkId, false, appUp ? 'The webhook was never checked: the run ended first.' : 'The app never started listening, so the webhook could not be tested.');
					return {reports: [final]};
				}
				const got = matched();
				const final = webhookReport(params.checkId, got !== null, got ? `The receiver got ${got.method} ${got.path} with ${params.describe}.` : (params.missing ?? `The receiver got no request with ${params.describe}.`));
				return {reports: [final], ...(params.shared ? {} : {events: [{type: 'check', id: params.checkId, status: final.ok ? 'pass' : 'fail', message: final.detail}]})};
			},
		};
	},
};
