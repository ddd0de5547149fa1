/**
 * The Dapr schedule engine: parses and advances schedules exactly as the daprd cron binding does
 * (github.com/dapr/kit/cron, a robfig/cron v3 fork, with SecondOptional | Minute | Hour | Dom | Month | Dow |
 * Descriptor). Pure: the zone for schedules without a TZ= prefix is passed in by the caller.
 */
import {describeEvery, describeSpec} from './describe.js';
import {parseSpec, type EveryData, type SpecData} from './parser.js';
import {specNext} from './spec.js';

export {formatGoDuration, parseGoDuration} from './go-duration.js';
export {formatOffset, isKnownZone, loadLocation, offsetAt, wallOf} from './go-time.js';
export {hintForError} from './hints.js';

/** Which of Dapr's accepted syntaxes a schedule uses. */
export type ScheduleForm = 'six-field' | 'five-field' | 'descriptor' | 'every';

/** A schedule Dapr accepts. */
export type Schedule = {
	readonly ok: true;
	readonly spec: string;
	readonly form: ScheduleForm;
	/** IANA zone the schedule runs in (its TZ=/CRON_TZ= prefix, else options.zone, else 'UTC'). */
	readonly zone: string;
	/** First fire strictly after `after` (for @every: after + d, as kit does, so "@every 0s" gives `after`); null when it never fires (robfig's 5-year give-up). */
	next(after: Date): Date | null;
	/** For six-field: the fields normalised; for five-field: the 6-field equivalent ("0 " + fields); else null. */
	readonly sixField: string | null;
	/** Duration in ms for @every (fractional below a millisecond), else null. */
	readonly everyMs: number | null;
	/** Plain-English description, e.g. "every 30 seconds", "at 02:00:00 every day", "at second 0 of every 15th minute every day". */
	describe(): string;
};

/** A schedule Dapr rejects, with the error text daprd prints after "invalid schedule format '<spec>': ". */
export type ScheduleError = {readonly ok: false; readonly spec: string; readonly error: string};

function formOf(data: SpecData | EveryData): ScheduleForm {
	if (data.kind === 'every') return 'every';
	if (data.fieldCount === 6) return 'six-field';
	if (data.fieldCount === 5) return 'five-field';
	return 'descriptor';
}

const everyNs = new WeakMap<Schedule, bigint>();

/** Parses a schedule the way the Dapr cron binding does. `options.zone` stands in for daprd's local zone (default UTC). */
export function parseSchedule(spec: string, options?: {readonly zone?: string}): Schedule | ScheduleError {
	const local = options?.zone ?? 'UTC';
	const parsed = parseSpec(spec, local);
	if (!parsed.ok) return {ok: false, spec, error: parsed.error};
	const data = parsed.schedule;
	const form = formOf(data);
	if (data.kind === 'every') {
		const ns = data.ns;
		const schedule: Schedule = {
			ok: true,
			spec,
			form,
			zone: data.zone,
			next: (after) => new Date(addNs(after.getTime(), ns, 1n)),
			sixField: null,
			everyMs: Number(ns) / 1e6,
			describe: () => describeEvery(ns),
		};
		everyNs.set(schedule, ns);
		return schedule;
	}
	const schedule: Schedule = {
		ok: true,
		spec,
		form,
		zone: data.zone,
		next: (after) => {
			const ms = specNext(data, data.zone, after.getTime());
			return ms === null ? null : new Date(ms);
		},
		sixField: data.fields === null ? null : data.fields.join(' '),
		everyMs: null,
		describe: () => describeSpec(data),
	};
	return schedule;
}

// from + k*d in nanoseconds, floored to the millisecond the way Go's formatting truncates.
function addNs(fromMs: number, ns: bigint, k: bigint): number {
	const total = BigInt(fromMs) * 1_000_000n + ns * k;
	let ms = total / 1_000_000n;
	if (total % 1_000_000n < 0n) ms -= 1n;
	return Number(ms);
}

/** Up to `count` fire times strictly after `from` (for @every: the chain from + d, from + 2d, ...), stopping early at "never". */
export function nextFires(schedule: Schedule, from: Date, count: number): Date[] {
	const out: Date[] = [];
	const ns = everyNs.get(schedule);
	if (ns !== undefined) {
		// Chained in nanoseconds so sub-millisecond delays do not drift from Go's idealised chain.
		for (let k = 1; k <= count; k++) out.push(new Date(addNs(from.getTime(), ns, BigInt(k))));
		return out;
	}
	let at = from;
	for (let index = 0; index < count; index++) {
		const next = schedule.next(at);
		if (next === null) break;
		out.push(next);
		at = next;
	}
	return out;
}
