/**
 * Probe `stream`: events published during the run, read back from the Redis stream pubsub.redis writes each topic to
 * (XRANGE, which consumes nothing; dapr-facts.md §8), compared with the entries there before the run (check
 * `published`).
 *
 *   - kind: stream
 *     pubsub: pubsub            # optional: the component; default the one the app's publish_event call names
 *     topic: task-events        # optional: the stream; default the topic the app's publish_event call names
 *     defaultTopic: task-events # optional: the stream when neither names one
 *     expectData: {}            # optional: a subset of the CloudEvent data the new entries must contain
 *
 * Once every probe is satisfied the run lasts 1.5 s more, so the last publish of a handler still lands.
 */
import type {ProbeReport} from '../../core/diagnose.js';
import {metadataItem} from '../../core/rules/support.js';
import type {ComponentDoc} from '../../core/model.js';
import {cloudEventData, redisUrl, type StreamEntry} from '../redis-stream.js';
import type {ArmedProbe, ProbeModule} from './probe.js';
import {callArg, checkParams, containsSubset, describeSubset, isRecord, mapping, text, type Params} from './support.js';

export type StreamParams = {
	/** The pub/sub named by the lab or the app (null: any pubsub.redis). */
	readonly pubsub: string | null;
	readonly topic: string | null;
	/** redis:// URL of the resolved pubsub.redis component, null when the folder has none. */
	readonly redis: string | null;
	readonly expectData: Params | null;
	readonly checkId: string;
};

/** The finding a missing event becomes: at the publish_event call's topic. */
export function streamReport(checkId: string, ok: boolean, detail: string): ProbeReport {
	return {checkId, ok, detail, finding: {ruleId: 'run/pubsub-not-published', at: {call: {method: 'publish_event', keyword: 'topic_name', position: 1}}}};
}

function metadataValue(doc: ComponentDoc, key: string): string | null {
	return metadataItem(doc, key)?.value?.value ?? null;
}

export const stream: ProbeModule = {
	kind: 'stream',

	validate(params) {
		return checkParams(params, {pubsub: text, topic: text, defaultTopic: text, expectData: mapping, checkId: text});
	},

	plan(params, context) {
		const pubsubName = typeof params['pubsub'] === 'string' ? params['pubsub'] : callArg(context.model, 'publish_event', 'pubsub_name', 0);
		const topic = typeof params['topic'] === 'string' ? params['topic'] : (callArg(context.model, 'publish_event', 'topic_name', 1) ?? (typeof params['defaultTopic'] === 'string' ? params['defaultTopic'] : null));
		const pubsub = context.model.components.find((doc) => doc.type?.value === 'pubsub.redis' && (pubsubName === null || doc.name?.value === pubsubName)) ?? null;
		const resolved: StreamParams = {
			pubsub: pubsubName,
			topic,
			redis: pubsub ? redisUrl(metadataValue(pubsub, 'redisHost') ?? 'localhost:6379', metadataValue(pubsub, 'redisPassword') ?? undefined, metadataValue(pubsub, 'redisDB') ?? undefined) : null,
			expectData: isRecord(params['expectData']) ? params['expectData'] : null,
			checkId: typeof params['checkId'] === 'string' ? params['checkId'] : 'published',
		};
		return {ok: true, probe: {kind: 'stream', params: resolved}};
	},

	arm(probe, context): ArmedProbe {
		const params = probe.params as StreamParams;
		let before: StreamEntry[] = [];
		const check = (report: ProbeReport) => ({events: [{type: 'check' as const, id: report.checkId, status: report.ok ? ('pass' as const) : ('fail' as const), message: report.detail}], reports: [report]});
		return {
			kind: 'stream',
			settleMs: 1500,
			async prepare() {
				if (params.redis && params.topic) before = await context.readStream(params.redis, params.topic, {signal: context.signal}).catch(() => []);
			},
			satisfied: () => true,
			async finish() {
				if (!params.redis) return check(streamReport(params.checkId, false, `No pubsub.redis component${params.pubsub ? ` named "${params.pubsub}"` : ''} in components/, so the published events cannot be read back.`));
				if (!params.topic) return check(streamReport(params.checkId, false, 'The app names no topic in a publish_event call, so there is no stream to read back.'));
				const topic = params.topic;
				const known = new Set(before.map((entry) => entry.id));
				try {
					const fresh = (await context.readStream(params.redis, topic, {signal: context.signal})).filter((entry) => !known.has(entry.id));
					const after = params.expectData ? fresh.filter((entry) => entry.cloudEvent && containsSubset(cloudEventData(entry.cloudEvent), params.expectData!)) : fresh;
					const sample = after[0]?.cloudEvent ? JSON.stringify(cloudEventData(after[0].cloudEvent)) : null;
					const wanted = params.expectData ? ` with ${describeSubset(params.expectData)}` : '';
					return check(
						after.length > 0
							? streamReport(params.checkId, true, `XRANGE ${topic} shows ${after.length} new event(s)${wanted}${sample ? `, e.g. ${sample.slice(0, 160)}` : ''}.`)
							: streamReport(params.checkId, false, `XRANGE ${topic} shows no event${wanted} published during the run.`),
					);
				} catch (error) {
					return check(streamReport(params.checkId, false, `Could not read the ${topic} stream from Redis: ${error instanceof Error ? error.message : String(error)}.`));
				}
			},
		};
	},
};
