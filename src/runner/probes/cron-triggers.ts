/**
 * Probe `cron-triggers`: the app gets `count` successful POSTs from a cron input binding, spaced as the schedule says.
 *
 *   - kind: cron-triggers
 *     binding: cleanup-cron   # optional: the component; default the folder's first input bindings.cron
 *     count: 2                # optional, default 2
 *
 * Planning asks the schedule engine (core/diagnose.ts planTriggers, core/cron) whether the student's schedule fires
 * `count` times within the run; when it does not, the temporary copy of the component runs a rehearsal schedule.
 * Deliveries are counted from the app's access log (`POST /route` 2xx); an app without an access log falls back to
 * the fires daprd logged when no delivery failed. The check (`triggers`) comes after the diagnosis.
 */
import {judgeTriggers, planTriggers, REQUIRED_TRIGGERS, type TriggerExpectation} from '../../core/diagnose.js';
import {directionAllows, expectedPath, metadataItem} from '../../core/rules/support.js';
import type {RunEvent} from '../../core/run-events.js';
import type {ArmedProbe, ProbeModule} from './probe.js';
import {checkParams, componentOf, positiveInteger, text} from './support.js';

/** Resolved parameters: the component and what the schedule engine expects of it (null: nothing to watch). */
export type CronTriggersParams = {readonly binding: string | null; readonly expectation: TriggerExpectation | null};

export const cronTriggers: ProbeModule = {
	kind: 'cron-triggers',

	validate(params) {
		const problems = checkParams(params, {binding: text, count: positiveInteger});
		if (typeof params['count'] === 'number' && params['count'] < 2) problems.push('count must be at least 2 (two deliveries show the spacing).');
		return problems;
	},

	plan(params, context) {
		const wanted = typeof params['binding'] === 'string' ? params['binding'] : undefined;
		const count = typeof params['count'] === 'number' ? params['count'] : REQUIRED_TRIGGERS;
		const cron = componentOf(context.model, 'bindings.cron', wanted, (doc) => directionAllows(doc, 'input'));
		const none: CronTriggersParams = {binding: wanted ?? null, expectation: null};
		if (!cron) return {ok: true, probe: {kind: 'cron-triggers', params: none}};
		const schedule = metadataItem(cron, 'schedule')?.value?.value ?? '';
		const planned = planTriggers({
			binding: cron.name!.value,
			route: expectedPath(cron).path,
			spec: schedule,
			zone: context.zone,
			now: context.now,
			timeoutMs: context.timeoutMs,
			...(count === REQUIRED_TRIGGERS ? {} : {count}),
		});
		// A schedule the engine rejects is left to daprd, whose own init failure is the better message.
		if (!planned.ok) return {ok: true, probe: {kind: 'cron-triggers', params: {...none, binding: cron.name!.value}}};
		const expectation = planned.expectation;
		const resolved: CronTriggersParams = {binding: expectation.binding, expectation};
		if (!expectation.rehearsal) return {ok: true, probe: {kind: 'cron-triggers', params: resolved}};
		return {
			ok: true,
			probe: {kind: 'cron-triggers', params: resolved},
			edits: [{component: expectation.binding, key: 'schedule', value: expectation.runSpec}],
			notes: [`The schedule "${schedule}" would not fire ${count === 2 ? 'twice' : `${count} times`} within ${context.timeoutMs / 1000} s, so this run rehearses it with "${expectation.runSpec}" in a temporary copy of the components (your files are not edited).`],
		};
	},

	arm(probe): ArmedProbe {
		const {expectation} = probe.params as CronTriggersParams;
		const count = expectation?.count ?? REQUIRED_TRIGGERS;
		const triggers: Date[] = [];
		const fires: Date[] = [];
		let sawRequest = false;
		let deliveryFailed = false;
		let counted: readonly Date[] = triggers;
		const expect = (index: number, at: Date): RunEvent => ({type: 'expect', what: `cron event ${index} on ${expectation!.route}`, at: at.toISOString(), deadline: new Date(at.getTime() + expectation!.toleranceMs).toISOString()});
		return {
			kind: 'cron-triggers',
			onAppUp() {
				if (!expectation) return;
				return {within: expectation.waitMs + 5000, events: [expect(1, new Date(Date.now() + expectation.intervalMs))]};
			},
			observe(event, at) {
				if (event.type === 'cron-fired') fires.push(at);
				if (event.type === 'delivery-failed') deliveryFailed = true;
				if (event.type !== 'app-request') return;
				sawRequest = true;
				if (!expectation || event.method !== 'POST' || event.path !== expectation.route || event.status < 200 || event.status >= 300) return;
				triggers.push(at);
				const shown: RunEvent[] = [{type: 'trigger', index: triggers.length, at: at.toISOString()}];
				if (triggers.length < count) shown.push(expect(triggers.length + 1, new Date(at.getTime() + expectation.intervalMs)));
				return shown;
			},
			satisfied: () => expectation === null || triggers.length >= count,
			async finish() {
				if (!expectation) return {};
				// Without uvicorn's access log (e.g. --no-access-log), count the fires daprd logged that no error followed.
				const useFires = !sawRequest && triggers.length === 0 && fires.length > 0 && !deliveryFailed;
				counted = useFires ? fires : triggers;
				return {
					...(useFires ? {events: [{type: 'note', message: 'The app printed no access log; counting the fires daprd logged instead.'}]} : {}),
					triggers: {expectation, at: counted},
				};
			},
			verdict() {
				if (!expectation) return [];
				const verdict = judgeTriggers(expectation, counted);
				return [{type: 'check', id: 'triggers', status: verdict.ok ? 'pass' : 'fail', message: verdict.message}];
			},
		};
	},
};
