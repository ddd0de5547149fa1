/**
 * Probe `signed-webhook`: the run gives the app a fresh webhook secret in its environment; once the app is up, the
 * runner plays the payment provider and sends three requests, each signed as `sha256=<hex HMAC-SHA256 of
 * "<timestamp>." + the raw body>` with a Unix-seconds timestamp header:
 *   1. a forged one (signed with another key): must be refused with 401,
 *   2. a replayed one (correctly signed, timestamp older than maxAgeSeconds): must be refused with 401,
 *   3. a genuine one: must be accepted (2xx),
 * then reads the pub/sub's Redis stream back: exactly one new event, the genuine one's (check `signed-webhook`).
 * No Dapr binding verifies a webhook's signature (components-contrib), so this is the app's own check under test.
 *
 *   - kind: signed-webhook
 *     path: /webhooks/payments
 *     secretEnv: PAYMENT_WEBHOOK_SECRET
 *     signatureHeader: X-Signature     # optional
 *     timestampHeader: X-Timestamp     # optional
 *     maxAgeSeconds: 300               # optional
 *     body: {payment_id: pay-1001, amount: 4200}
 *     idKey: payment_id                # the body key that tells the three requests apart (each gets its own value)
 *     pubsub: pubsub                   # optional: default the one the app's publish_event call names
 *     topic: payment-events            # optional: default the topic the app's publish_event call names
 *     expectData: {event: payment.received}   # optional: a subset the genuine event's data must contain
 *     checkId: signed-webhook          # optional
 */
import {createHmac, randomBytes} from 'node:crypto';
import type {ProbeReport} from '../../core/diagnose.js';
import {metadataItem} from '../../core/rules/support.js';
import {cloudEventData, redisUrl, type StreamEntry} from '../redis-stream.js';
import type {ArmedProbe, ProbeModule} from './probe.js';
import {callArg, checkParams, containsSubset, describeSubset, isRecord, mapping, positiveInteger, text, type Params} from './support.js';

export type SignedWebhookParams = {
	readonly path: string;
	readonly secretEnv: string;
	readonly signatureHeader: string;
	readonly timestampHeader: string;
	readonly maxAgeSeconds: number;
	readonly body: Params;
	readonly idKey: string;
	readonly topic: string | null;
	readonly redis: string | null;
	readonly expectData: Params;
	readonly checkId: string;
};

const ANSWER_TIMEOUT_MS = 30_000;
/** How long the stream may take to show the genuine event after its 2xx (the publish is inside the request). */
const STREAM_WAIT_MS = 3000;

/** `sha256=<hex>` over `<timestamp>.<body>`, as the lab's provider signs. */
export function signPayload(secret: string, timestamp: string, body: string): string {
	return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export const signedWebhook: ProbeModule = {
	kind: 'signed-webhook',

	validate(params) {
		const problems = checkParams(params, {
			path: (value) => (typeof value === 'string' && value.startsWith('/') && !/\s/u.test(value) ? null : 'must be a path starting with "/".'),
			secretEnv: (value) => (typeof value === 'string' && /^[A-Z_][A-Z0-9_]*$/u.test(value) && !/^(APP_API_TOKEN|DAPR_.*)$/u.test(value) ? null : 'must be an environment variable name (upper case, not APP_API_TOKEN or DAPR_*).'),
			signatureHeader: text,
			timestampHeader: text,
			maxAgeSeconds: positiveInteger,
			body: mapping,
			idKey: text,
			pubsub: text,
			topic: text,
			expectData: mapping,
			checkId: text,
		});
		for (const required of ['path', 'secretEnv', 'body', 'idKey']) if (params[required] === undefined) problems.push(`${required} is required.`);
		return problems;
	},

	plan(params, context) {
		const pubsubName = typeof params['pubsub'] === 'string' ? params['pubsub'] : callArg(context.model, 'publish_event', 'pubsub_name', 0);
		const topic = typeof params['topic'] === 'string' ? params['topic'] : callArg(context.model, 'publish_event', 'topic_name', 1);
		const pubsub = context.model.components.find((doc) => doc.type?.value === 'pubsub.redis' && (pubsubName === null || doc.name?.value === pubsubName)) ?? null;
		const value = (key: string) => (pubsub ? (metadataItem(pubsub, key)?.value?.value ?? undefined) : undefined);
		const resolved: SignedWebhookParams = {
			path: String(params['path']),
			secretEnv: String(params['secretEnv']),
			signatureHeader: typeof params['signatureHeader'] === 'string' ? params['signatureHeader'] : 'X-Signature',
			timestampHeader: typeof params['timestampHeader'] === 'string' ? params['timestampHeader'] : 'X-Timestamp',
			maxAgeSeconds: typeof params['maxAgeSeconds'] === 'number' ? params['maxAgeSeconds'] : 300,
			body: isRecord(params['body']) ? params['body'] : {},
			idKey: String(params['idKey']),
			topic,
			redis: pubsub ? redisUrl(value('redisHost') ?? 'localhost:6379', value('redisPassword'), value('redisDB')) : null,
			expectData: isRecord(params['expectData']) ? params['expectData'] : {},
			checkId: typeof params['checkId'] === 'string' ? params['checkId'] : 'signed-webhook',
		};
		return {ok: true, probe: {kind: 'signed-webhook', params: resolved}, notes: [`This run gives the app ${resolved.secretEnv} in its environment and then sends ${resolved.path} a forged, a replayed and a genuine signed request.`]};
	},

	arm(probe, context): ArmedProbe {
		const params = probe.params as SignedWebhookParams;
		const secret = randomBytes(24).toString('hex');
		const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
		const base = String(params.body[params.idKey] ?? 'id');
		const ids = {forged: `${base}-forged-${run}`, replayed: `${base}-replayed-${run}`, genuine: `${base}-${run}`};
		let before: StreamEntry[] = [];
		let report: ProbeReport | undefined;

		const send = async (id: string, key: string, ageSeconds: number): Promise<string> => {
			const body = JSON.stringify({...params.body, [params.idKey]: id});
			const timestamp = String(Math.floor(Date.now() / 1000) - ageSeconds);
			const headers = {'content-type': 'application/json', [params.timestampHeader]: timestamp, [params.signatureHeader]: signPayload(key, timestamp, body)};
			try {
				const response = await fetch(`${context.appUrl ?? 'http://127.0.0.1:8000'}${params.path}`, {method: 'POST', headers, body, signal: AbortSignal.any([context.signal, AbortSignal.timeout(ANSWER_TIMEOUT_MS)])});
				await response.arrayBuffer();
				return String(response.status);
			} catch (error) {
				return `no answer (${error instanceof Error ? error.message : String(error)})`;
			}
		};
		const fresh = async (): Promise<StreamEntry[]> => {
			const known = new Set(before.map((entry) => entry.id));
			return (await context.readStream(params.redis!, params.topic!, {signal: context.signal})).filter((entry) => !known.has(entry.id));
		};
		const idOf = (entry: StreamEntry): unknown => {
			const data = entry.cloudEvent ? cloudEventData(entry.cloudEvent) : undefined;
			return isRecord(data) ? data[params.idKey] : undefined;
		};

		const knock = async () => {
			const forged = await send(ids.forged, `${secret}-not-it`, 0);
			const replayed = await send(ids.replayed, secret, params.maxAgeSeconds + 600);
			const genuine = await send(ids.genuine, secret, 0);
			const problems: string[] = [];
			if (forged !== '401') problems.push(`a forged request (wrong signature) answered ${forged}, not 401`);
			if (replayed !== '401') problems.push(`a replayed request (timestamp ${params.maxAgeSeconds + 600} s old, correctly signed) answered ${replayed}, not 401`);
			if (!/^2\d\d$/u.test(genuine)) problems.push(`the genuine signed request answered ${genuine}, not 2xx`);
			if (params.redis === null || params.topic === null) {
				problems.push(params.redis === null ? 'components/ has no pubsub.redis component to read the events back from' : 'the app names no topic in a publish_event call, so there is no stream to read back');
			} else {
				try {
					const deadline = Date.now() + STREAM_WAIT_MS;
					let entries = await fresh();
					while (/^2\d\d$/u.test(genuine) && !entries.some((entry) => idOf(entry) === ids.genuine) && Date.now() < deadline && !context.signal.aborted) {
						await new Promise((resolve) => setTimeout(resolve, 200));
						entries = await fresh();
					}
					const genuineEvents = entries.filter((entry) => idOf(entry) === ids.genuine);
					const forgedEvents = entries.filter((entry) => idOf(entry) === ids.forged).length;
					const replayedEvents = entries.filter((entry) => idOf(entry) === ids.replayed).length;
					if (forgedEvents > 0) problems.push(`the forged request put ${forgedEvents} event(s) on ${params.topic}${forged === '401' ? ' although it answered 401 (the handler publishes before it verifies)' : ''}`);
					if (replayedEvents > 0) problems.push(`the replayed request put ${replayedEvents} event(s) on ${params.topic}${replayed === '401' ? ' although it answered 401 (the handler publishes before it verifies)' : ''}`);
					if (genuineEvents.length !== 1) problems.push(`XRANGE ${params.topic} shows ${genuineEvents.length} event(s) for the genuine request, not 1`);
					else if (!containsSubset(cloudEventData(genuineEvents[0]!.cloudEvent ?? {}), params.expectData)) problems.push(`the genuine event's data is ${JSON.stringify(cloudEventData(genuineEvents[0]!.cloudEvent ?? {})).slice(0, 160)}, without ${describeSubset(params.expectData)}`);
				} catch (error) {
					problems.push(`could not read the ${params.topic} stream from Redis: ${error instanceof Error ? error.message : String(error)}`);
				}
			}
			const ok = problems.length === 0;
			report = {
				checkId: params.checkId,
				ok,
				detail: ok
					? `POST ${params.path}: forged 401, replayed 401, genuine ${genuine}, and exactly one new event in ${params.topic}.`
					: `POST ${params.path}: ${problems.join('; ')}.`,
			};
			context.emit({type: 'check', id: report.checkId, status: ok ? 'pass' : 'fail', message: report.detail});
		};

		return {
			kind: 'signed-webhook',
			async prepare() {
				if (params.redis && params.topic) before = await context.readStream(params.redis, params.topic, {signal: context.signal}).catch(() => []);
				return {env: {[params.secretEnv]: secret}};
			},
			onAppUp() {
				void knock();
			},
			satisfied: () => report !== undefined,
			async finish({appUp}) {
				return {reports: [report ?? {checkId: params.checkId, ok: false, detail: appUp ? 'The webhook was never called: the run ended first.' : 'The app never started listening, so the webhook could not be tested.'}]};
			},
		};
	},
};
