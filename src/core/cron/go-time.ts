/**
 * The parts of Go's `time` package that robfig/cron's SpecSchedule.Next leans on, rebuilt on Intl offsets:
 * wall-clock fields of an instant in a zone, time.Date's normalisation (including its particular choice of
 * offset inside DST gaps and overlaps), AddDate, and time.LoadLocation's acceptance and error texts.
 * Instants are whole Unix milliseconds; Go's nanoseconds never matter below the millisecond here.
 */

/** Wall-clock fields of an instant in a zone (month 1-12, weekday 0 = Sunday). */
export type Wall = {
	readonly year: number;
	readonly month: number;
	readonly day: number;
	readonly hour: number;
	readonly minute: number;
	readonly second: number;
	readonly weekday: number;
};

type ZoneData = {
	readonly formatter: Intl.DateTimeFormat | null;
	readonly cache: Map<number, number>;
};

const zones = new Map<string, ZoneData>();
const BUCKET = 15 * 60_000;
const MAX_CACHE = 200_000;

function zoneData(zone: string): ZoneData {
	let data = zones.get(zone);
	if (data === undefined) {
		const utc = zone === 'UTC' || zone === '';
		data = {
			formatter: utc
				? null
				: new Intl.DateTimeFormat('en-US', {
						timeZone: zone,
						hourCycle: 'h23',
						era: 'short',
						year: 'numeric',
						month: 'numeric',
						day: 'numeric',
						hour: 'numeric',
						minute: 'numeric',
						second: 'numeric',
					}),
			cache: new Map(),
		};
		zones.set(zone, data);
	}
	return data;
}

function rawOffset(formatter: Intl.DateTimeFormat, ms: number): number {
	let year = 0;
	let month = 1;
	let day = 1;
	let hour = 0;
	let minute = 0;
	let second = 0;
	let bc = false;
	for (const part of formatter.formatToParts(ms)) {
		switch (part.type) {
			case 'year': year = Number(part.value); break;
			case 'month': month = Number(part.value); break;
			case 'day': day = Number(part.value); break;
			case 'hour': hour = Number(part.value); break;
			case 'minute': minute = Number(part.value); break;
			case 'second': second = Number(part.value); break;
			case 'era': bc = part.value === 'BC' || part.value === 'B'; break;
			default: break;
		}
	}
	if (bc) year = 1 - year;
	const wall = utcMs(year, month, day, hour, minute, second);
	return wall - Math.floor(ms / 1000) * 1000;
}

/** The zone's UTC offset in ms at an instant (what Go's loc.lookup returns, times 1000). */
export function offsetAt(zone: string, ms: number): number {
	const data = zoneData(zone);
	if (data.formatter === null) return 0;
	const bucket = Math.floor(ms / BUCKET);
	const cached = data.cache.get(bucket);
	if (cached !== undefined) return cached;
	const start = bucket * BUCKET;
	const first = rawOffset(data.formatter, start);
	const last = rawOffset(data.formatter, start + BUCKET - 1000);
	// Only a bucket without a transition inside it may be answered from the cache.
	if (first !== last) return rawOffset(data.formatter, ms);
	if (data.cache.size > MAX_CACHE) data.cache.clear();
	data.cache.set(bucket, first);
	return first;
}

/** Date.UTC without its two-digit-year quirk; normalises overflowing fields like Go's time.Date. */
export function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	date.setUTCHours(hour, minute, second, 0);
	return date.getTime();
}

/** Wall-clock fields of `ms` in `zone` (Go's t.Year(), t.Month(), ... for t.In(zone)). */
export function wallOf(zone: string, ms: number): Wall {
	// Next asks for the same instant's fields several times in a row.
	if (ms === lastMs && zone === lastZone) return lastWall;
	const date = new Date(ms + offsetAt(zone, ms));
	lastMs = ms;
	lastZone = zone;
	lastWall = {
		year: date.getUTCFullYear(),
		month: date.getUTCMonth() + 1,
		day: date.getUTCDate(),
		hour: date.getUTCHours(),
		minute: date.getUTCMinutes(),
		second: date.getUTCSeconds(),
		weekday: date.getUTCDay(),
	};
	return lastWall;
}

let lastMs = Number.NaN;
let lastZone = '';
let lastWall: Wall = {year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0};

/**
 * time.Date(year, month, day, hour, min, sec, 0, zone). Go looks up the offset at the wall time read as UTC,
 * and only if that offset is non-zero re-checks it at the corrected instant; this decides which side of a DST
 * gap or overlap the result lands on, so it is reproduced step for step.
 */
export function goDate(zone: string, year: number, month: number, day: number, hour: number, minute: number, second: number): number {
	const unix = utcMs(year, month, day, hour, minute, second);
	const guess = offsetAt(zone, unix);
	if (guess === 0) return unix;
	return unix - offsetAt(zone, unix - guess);
}

/** t.AddDate(years, months, days) for t in zone. */
export function addDate(zone: string, ms: number, years: number, months: number, days: number): number {
	const w = wallOf(zone, ms);
	return goDate(zone, w.year + years, w.month + months, w.day + days, w.hour, w.minute, w.second) + (((ms % 1000) + 1000) % 1000);
}

/** t.Truncate(d): Go truncates the absolute instant (its zero time is a whole number of minutes before 1970). */
export function truncateMs(ms: number, unit: number): number {
	return ms - (((ms % unit) + unit) % unit);
}

/** time.LoadLocation(name): the zone to compute in ('' and 'UTC' are UTC; 'Local' is the caller's zone), or Go's error text. */
export function loadLocation(name: string): {readonly ok: true; readonly zone: string | 'Local'} | {readonly ok: false; readonly error: string} {
	if (name === '' || name === 'UTC') return {ok: true, zone: 'UTC'};
	if (name === 'Local') return {ok: true, zone: 'Local'};
	if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) {
		return {ok: false, error: 'time: invalid location name'};
	}
	const unknown = {ok: false, error: `unknown time zone ${name}`} as const;
	// Intl also takes UTC offsets and is case-insensitive; Go reads /usr/share/zoneinfo/<name>, so it is neither.
	if (/^[+-]/.test(name) || /\s/.test(name)) return unknown;
	let resolved: string;
	try {
		resolved = new Intl.DateTimeFormat('en-US', {timeZone: name}).resolvedOptions().timeZone;
	} catch {
		return unknown;
	}
	if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return unknown;
	return {ok: true, zone: name};
}

/** Whether Intl knows the zone (for callers validating a --tz option). */
export function isKnownZone(name: string): boolean {
	const result = loadLocation(name);
	return result.ok;
}

/** The numeric offset of an instant in a zone as +hh:mm (or +hh:mm:ss for historic offsets). */
export function formatOffset(zone: string, ms: number): string {
	const offset = offsetAt(zone, ms) / 1000;
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
	const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
	const ss = abs % 60;
	return `${sign}${hh}:${mm}${ss === 0 ? '' : `:${String(ss).padStart(2, '0')}`}`;
}
