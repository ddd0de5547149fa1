/**
 * Plain-English descriptions of parsed schedules, built from the bit sets (so lists, ranges, steps, names and
 * descriptors all read the same way) and from the @every duration.
 */
import type {FieldBits, SpecData} from './parser.js';

const MONTH_NAMES = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Shape =
	| {readonly kind: 'all'}
	| {readonly kind: 'none'}
	| {readonly kind: 'one'; readonly value: number}
	| {readonly kind: 'step'; readonly start: number; readonly step: number}
	| {readonly kind: 'list'; readonly values: readonly number[]};

function valuesOf(field: FieldBits, min: number, max: number): number[] {
	const values: number[] = [];
	for (let value = min; value <= max; value++) if (field.bits[value] === 1) values.push(value);
	return values;
}

function shapeOf(field: FieldBits, min: number, max: number): Shape {
	const values = valuesOf(field, min, max);
	if (values.length === 0) return {kind: 'none'};
	if (values.length === max - min + 1) return {kind: 'all'};
	if (values.length === 1) return {kind: 'one', value: values[0]!};
	const step = values[1]! - values[0]!;
	const progression = step > 1 && values.every((value, index) => value === values[0]! + index * step) && values.at(-1)! + step > max;
	if (progression && values[0]! - step < min) return {kind: 'step', start: values[0]!, step};
	return {kind: 'list', values};
}

function ordinal(n: number): string {
	const tens = n % 100;
	if (tens >= 11 && tens <= 13) return `${n}th`;
	return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function joinList(items: readonly string[], conjunction = 'and'): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)!}`;
}

/** Collapses runs of three or more consecutive values into "a through b". */
function listText(values: readonly number[], name: (value: number) => string): string {
	const items: string[] = [];
	for (let index = 0; index < values.length; ) {
		let end = index;
		while (end + 1 < values.length && values[end + 1] === values[end]! + 1) end++;
		if (end - index >= 2) {
			items.push(`${name(values[index]!)} through ${name(values[end]!)}`);
			index = end + 1;
		} else {
			items.push(name(values[index]!));
			index++;
		}
	}
	return joinList(items);
}

function timeUnitText(shape: Shape, unit: string, min: number): string {
	switch (shape.kind) {
		case 'all':
			return `every ${unit}`;
		case 'none':
			return `no ${unit}`;
		case 'one':
			return `${unit} ${shape.value}`;
		case 'step':
			return shape.start === min ? `every ${ordinal(shape.step)} ${unit}` : `every ${ordinal(shape.step)} ${unit} from ${shape.start}`;
		case 'list':
			return `${unit}s ${listText(shape.values, String)}`;
	}
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

function timeText(s: SpecData): string {
	const second = shapeOf(s.second, 0, 59);
	const minute = shapeOf(s.minute, 0, 59);
	const hour = shapeOf(s.hour, 0, 23);
	if (second.kind === 'one' && minute.kind === 'one' && hour.kind === 'one') {
		return `at ${pad(hour.value)}:${pad(minute.value)}:${pad(second.value)}`;
	}
	if (second.kind === 'all' && minute.kind === 'all' && hour.kind === 'all') return 'every second';
	const parts = [second.kind === 'one' ? `at second ${second.value}` : timeUnitText(second, 'second', 0)];
	if (!(minute.kind === 'all' && hour.kind === 'all' && second.kind === 'all')) parts.push(`of ${timeUnitText(minute, 'minute', 0)}`);
	if (hour.kind !== 'all') parts.push(`of ${timeUnitText(hour, 'hour', 0)}`);
	// "minute 0" alone would read as once a day; a stepped minute already implies every hour.
	else if (minute.kind === 'one' || minute.kind === 'list') parts.push('of every hour');
	return parts.join(' ');
}

function dayText(s: SpecData): string {
	const dom = shapeOf(s.dom, 1, 31);
	const dow = shapeOf(s.dow, 0, 6);
	const month = shapeOf(s.month, 1, 12);
	const monthName = (value: number) => MONTH_NAMES[value]!;
	const dayName = (value: number) => DAY_NAMES[value]!;
	const domText = (shape: Shape): string => {
		switch (shape.kind) {
			case 'one':
				return `on day ${shape.value} of the month`;
			case 'step':
				return `on every ${ordinal(shape.step)} day of the month from day ${shape.start}`;
			case 'list':
				return `on days ${listText(shape.values, String)} of the month`;
			case 'none':
				return 'on no day of the month';
			case 'all':
				return 'every day';
		}
	};
	const dowText = (shape: Shape): string => {
		switch (shape.kind) {
			case 'one':
				return `on ${dayName(shape.value)}`;
			case 'step':
			case 'list':
				return `on ${listText(valuesOf(s.dow, 0, 6), dayName)}`;
			case 'none':
				return 'on no weekday';
			case 'all':
				return 'every day';
		}
	};
	let days: string;
	if (s.dom.star || s.dow.star) {
		// robfig: when either field was written as * or ?, a day must match both.
		if (dom.kind === 'all' && dow.kind === 'all') days = 'every day';
		else if (dow.kind === 'all') days = domText(dom);
		else if (dom.kind === 'all') days = dowText(dow);
		else days = `${domText(dom)} when it is also ${dowText(dow).replace(/^on /, 'a ')}`;
	} else {
		// Both restricted: robfig fires when either matches.
		days = dom.kind === 'all' ? dowText(dow) : dow.kind === 'all' ? domText(dom) : `${domText(dom)} or ${dowText(dow)}`;
	}
	if (month.kind === 'all') return days;
	const months = month.kind === 'one' ? monthName(month.value) : listText(valuesOf(s.month, 1, 12), monthName);
	return `${days}, in ${months}`;
}

/** Describes a crontab-style schedule, e.g. "at 02:00:00 every day", "at second 0 of every 15th minute every day". */
export function describeSpec(s: SpecData): string {
	const time = timeText(s);
	const days = dayText(s);
	return `${time} ${days}`;
}

const UNIT_NAMES: readonly (readonly [bigint, string])[] = [
	[3_600_000_000_000n, 'hour'],
	[60_000_000_000n, 'minute'],
	[1_000_000_000n, 'second'],
	[1_000_000n, 'millisecond'],
	[1000n, 'microsecond'],
	[1n, 'nanosecond'],
];

/** Describes an @every interval, e.g. "every 30 seconds", "every 1 hour 30 minutes 10 seconds". */
export function describeEvery(ns: bigint): string {
	if (ns === 0n) return 'every 0 seconds (Dapr fires continuously)';
	let rest = ns < 0n ? -ns : ns;
	const parts: string[] = [];
	for (const [size, name] of UNIT_NAMES) {
		const count = rest / size;
		rest %= size;
		if (count > 0n) parts.push(`${count} ${name}${count === 1n ? '' : 's'}`);
	}
	const text = parts.length === 1 && parts[0]!.startsWith('1 ') ? parts[0]!.slice(2) : parts.join(' ');
	return ns < 0n ? `every -${text} (negative: each fire time is earlier than the last)` : `every ${text}`;
}
