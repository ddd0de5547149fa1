/**
 * A port of dapr/kit cron/parser.go (robfig/cron v3's parser) for the options the Dapr cron binding uses:
 * SecondOptional | Minute | Hour | Dom | Month | Dow | Descriptor. Error texts are Go's, byte for byte.
 */
import {parseGoDuration} from './go-duration.js';
import {loadLocation} from './go-time.js';
import {goFields, goStringSlice, goTrimSpace, strconvQuote} from './go-text.js';

/** One field as robfig's bit set: `bits[v]` is 1 when value v matches; `star` is robfig's starBit. */
export type FieldBits = {readonly bits: Uint8Array; readonly star: boolean};

/** A parsed crontab-style schedule (robfig's SpecSchedule). zone 'Local' means "the caller's zone". */
export type SpecData = {
	readonly kind: 'spec';
	readonly second: FieldBits;
	readonly minute: FieldBits;
	readonly hour: FieldBits;
	readonly dom: FieldBits;
	readonly month: FieldBits;
	readonly dow: FieldBits;
	readonly zone: string;
	/** The six normalised field texts, or null for a descriptor. */
	readonly fields: readonly string[] | null;
	readonly fieldCount: 5 | 6 | 0;
};

/** `@every d` (kit's ConstantDelaySchedule). */
export type EveryData = {readonly kind: 'every'; readonly ns: bigint; readonly zone: string};

export type ParsedSpec = {readonly ok: true; readonly schedule: SpecData | EveryData} | {readonly ok: false; readonly error: string};

type Bounds = {readonly min: number; readonly max: number; readonly names: ReadonlyMap<string, number> | null};

const SECONDS: Bounds = {min: 0, max: 59, names: null};
const MINUTES: Bounds = {min: 0, max: 59, names: null};
const HOURS: Bounds = {min: 0, max: 23, names: null};
const DOM: Bounds = {min: 1, max: 31, names: null};
const MONTHS: Bounds = {
	min: 1,
	max: 12,
	names: new Map(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((name, index) => [name, index + 1])),
};
const DOW: Bounds = {min: 0, max: 6, names: new Map(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((name, index) => [name, index]))};

class CronError extends Error {}

const MAX_UINT64 = (1n << 64n) - 1n;
const INT64_LIMIT = 1n << 63n;

// strconv.Atoi on a 64-bit platform (the fast path gives the same answers as ParseInt, so only ParseInt is ported).
function atoi(text: string): bigint {
	const syntax = () => new CronError(`failed to parse int from ${text}: strconv.Atoi: parsing ${strconvQuote(text)}: invalid syntax`);
	const range = () => new CronError(`failed to parse int from ${text}: strconv.Atoi: parsing ${strconvQuote(text)}: value out of range`);
	if (text === '') throw syntax();
	let rest = text;
	let neg = false;
	if (rest[0] === '+') rest = rest.slice(1);
	else if (rest[0] === '-') {
		neg = true;
		rest = rest.slice(1);
	}
	if (rest === '') throw syntax();
	let n = 0n;
	for (const char of rest) {
		if (char < '0' || char > '9') throw syntax();
		n = n * 10n + BigInt(char.charCodeAt(0) - 48);
		if (n > MAX_UINT64) throw range();
	}
	if (!neg && n >= INT64_LIMIT) throw range();
	if (neg && n > INT64_LIMIT) throw range();
	return neg ? -n : n;
}

function mustParseInt(expr: string): bigint {
	const num = atoi(expr);
	if (num < 0n) throw new CronError(`negative number (${num}) not allowed: ${expr}`);
	return num;
}

function parseIntOrName(expr: string, names: ReadonlyMap<string, number> | null): bigint {
	if (names !== null) {
		const named = names.get(expr.toLowerCase());
		if (named !== undefined) return BigInt(named);
	}
	return mustParseInt(expr);
}

function getRange(expr: string, r: Bounds, bits: Uint8Array): boolean {
	const rangeAndStep = expr.split('/');
	const lowAndHigh = rangeAndStep[0]!.split('-');
	const singleDigit = lowAndHigh.length === 1;
	let start: bigint;
	let end: bigint;
	let step: bigint;
	let star = false;
	if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
		// Anything after the star ("*-5") is never looked at, as in Go.
		start = BigInt(r.min);
		end = BigInt(r.max);
		star = true;
	} else {
		start = parseIntOrName(lowAndHigh[0]!, r.names);
		if (lowAndHigh.length === 1) end = start;
		else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r.names);
		else throw new CronError(`too many hyphens: ${expr}`);
	}
	if (rangeAndStep.length === 1) {
		step = 1n;
	} else if (rangeAndStep.length === 2) {
		step = mustParseInt(rangeAndStep[1]!);
		if (singleDigit) end = BigInt(r.max);
		if (step > 1n) star = false;
	} else {
		throw new CronError(`too many slashes: ${expr}`);
	}
	if (start < BigInt(r.min)) throw new CronError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
	if (end > BigInt(r.max)) throw new CronError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
	if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
	if (step === 0n) throw new CronError(`step of range should be a positive number: ${expr}`);
	const stepNumber = step > 64n ? 64 : Number(step);
	for (let value = Number(start); value <= Number(end); value += stepNumber) bits[value] = 1;
	return star;
}

function getField(field: string, r: Bounds): FieldBits {
	const bits = new Uint8Array(64);
	let star = false;
	// strings.FieldsFunc on ',' drops empty items, so ",5" and "5," are just "5" (and "," matches nothing).
	for (const expr of field.split(',')) {
		if (expr === '') continue;
		if (getRange(expr, r, bits)) star = true;
	}
	return {bits, star};
}

function fixed(value: number): FieldBits {
	const bits = new Uint8Array(64);
	bits[value] = 1;
	return {bits, star: false};
}

function all(r: Bounds): FieldBits {
	const bits = new Uint8Array(64);
	for (let value = r.min; value <= r.max; value++) bits[value] = 1;
	return {bits, star: true};
}

function descriptorSpec(zone: string, hourly: boolean, dom: FieldBits, month: FieldBits, dow: FieldBits): SpecData {
	return {kind: 'spec', second: fixed(0), minute: fixed(0), hour: hourly ? all(HOURS) : fixed(0), dom, month, dow, zone, fields: null, fieldCount: 0};
}

function parseDescriptor(descriptor: string, zone: string): SpecData | EveryData {
	switch (descriptor) {
		case '@yearly':
		case '@annually':
			return descriptorSpec(zone, false, fixed(1), fixed(1), all(DOW));
		case '@monthly':
			return descriptorSpec(zone, false, fixed(1), all(MONTHS), all(DOW));
		case '@weekly':
			return descriptorSpec(zone, false, all(DOM), all(MONTHS), fixed(0));
		case '@daily':
		case '@midnight':
			return descriptorSpec(zone, false, all(DOM), all(MONTHS), all(DOW));
		case '@hourly':
			return descriptorSpec(zone, true, all(DOM), all(MONTHS), all(DOW));
		default:
			break;
	}
	const every = '@every ';
	if (descriptor.startsWith(every)) {
		const duration = parseGoDuration(descriptor.slice(every.length));
		if (!duration.ok) throw new CronError(`failed to parse duration ${descriptor}: ${duration.error}`);
		return {kind: 'every', ns: duration.ns, zone};
	}
	throw new CronError(`unrecognized descriptor: ${descriptor}`);
}


/** Parser.Parse. `localZone` stands in for time.Local (the daprd process's zone). */
export function parseSpec(input: string, localZone: string): ParsedSpec {
	try {
		return {ok: true, schedule: parse(input, localZone)};
	} catch (error) {
		if (error instanceof CronError) return {ok: false, error: error.message};
		throw error;
	}
}

function parse(input: string, localZone: string): SpecData | EveryData {
	let spec = input;
	if (spec.length === 0) throw new CronError('empty spec string');
	let zone = localZone;
	if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
		// kit finds the end of the zone name with strings.Index(spec, " "): the first ASCII space only, so a tab
		// after the name stays part of it (`TZ=UTC\t0 0 9 * * *` is the bad location "UTC\t0").
		const i = spec.indexOf(' ');
		const eq = spec.indexOf('=');
		// kit at the truth data's commit slices spec[eq+1:i] with i == -1: a Go runtime panic.
		if (i === -1) throw new CronError('panic: runtime error: slice bounds out of range [:-1]');
		const name = spec.slice(eq + 1, i);
		const location = loadLocation(name);
		if (!location.ok) throw new CronError(`provided bad location ${name}: ${location.error}`);
		if (location.zone !== 'Local') zone = location.zone;
		spec = goTrimSpace(spec.slice(i));
	}
	if (spec.startsWith('@')) return parseDescriptor(spec, zone);
	let fields = goFields(spec);
	if (fields.length < 5 || fields.length > 6) {
		throw new CronError(`expected 5 to 6 fields, found ${fields.length}: ${goStringSlice(fields)}`);
	}
	const fieldCount = fields.length as 5 | 6;
	if (fields.length === 5) fields = ['0', ...fields];
	const [second, minute, hour, dom, month, dow] = fields as [string, string, string, string, string, string];
	return {
		kind: 'spec',
		second: getField(second, SECONDS),
		minute: getField(minute, MINUTES),
		hour: getField(hour, HOURS),
		dom: getField(dom, DOM),
		month: getField(month, MONTHS),
		dow: getField(dow, DOW),
		zone,
		fields,
		fieldCount,
	};
}
