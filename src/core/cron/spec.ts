/**
 * A port of SpecSchedule.Next and dayMatches from dapr/kit cron/spec.go (robfig/cron v3): the month, day, hour,
 * minute and second loops with their wrap-around, the five-year give-up, and the DST corrections around midnight.
 * Go's wall-clock arithmetic comes from go-time.ts, so gaps and overlaps land where Go puts them.
 */
import type {FieldBits, SpecData} from './parser.js';
import {addDate, goDate, truncateMs, wallOf} from './go-time.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const SECOND = 1000;

function dayMatches(s: SpecData, zone: string, ms: number): boolean {
	const w = wallOf(zone, ms);
	const domMatch = s.dom.bits[w.day] === 1;
	const dowMatch = s.dow.bits[w.weekday] === 1;
	if (s.dom.star || s.dow.star) return domMatch && dowMatch;
	return domMatch || dowMatch;
}

function empty(field: FieldBits): boolean {
	return !field.bits.includes(1);
}

/**
 * Whether no time can ever match. Go would find that out by looping to its five-year limit (minutes of work for
 * a field like ","), and returns the zero time; answering null at once gives the same result.
 */
function impossible(s: SpecData): boolean {
	if (empty(s.second) || empty(s.minute) || empty(s.hour) || empty(s.month)) return true;
	if (s.dom.star || s.dow.star) return empty(s.dom) || empty(s.dow);
	return empty(s.dom) && empty(s.dow);
}

/** SpecSchedule.Next(t) for t in zone: the first activation strictly after `after` (Unix ms), or null (Go's zero time). */
export function specNext(s: SpecData, zone: string, after: number): number | null {
	if (impossible(s)) return null;
	// Start at the earliest possible time (the upcoming second).
	let t = truncateMs(after, SECOND) + SECOND;
	let added = false;
	const yearLimit = wallOf(zone, t).year + 5;

	wrap: for (;;) {
		if (wallOf(zone, t).year > yearLimit) return null;

		while (s.month.bits[wallOf(zone, t).month] !== 1) {
			if (!added) {
				added = true;
				const w = wallOf(zone, t);
				t = goDate(zone, w.year, w.month, 1, 0, 0, 0);
			}
			t = addDate(zone, t, 0, 1, 0);
			if (wallOf(zone, t).month === 1) continue wrap;
		}

		while (!dayMatches(s, zone, t)) {
			if (!added) {
				added = true;
				const w = wallOf(zone, t);
				t = goDate(zone, w.year, w.month, w.day, 0, 0, 0);
			}
			t = addDate(zone, t, 0, 0, 1);
			// Where midnight does not exist (Sao Paulo), AddDate lands at 01:00 or 23:00; step back to a day start.
			const hour = wallOf(zone, t).hour;
			if (hour !== 0) {
				t += hour > 12 ? (24 - hour) * HOUR : -hour * HOUR;
			}
			if (wallOf(zone, t).day === 1) continue wrap;
		}

		while (s.hour.bits[wallOf(zone, t).hour] !== 1) {
			if (!added) {
				added = true;
				const w = wallOf(zone, t);
				t = goDate(zone, w.year, w.month, w.day, w.hour, 0, 0);
			}
			t += HOUR;
			if (wallOf(zone, t).hour === 0) continue wrap;
		}

		while (s.minute.bits[wallOf(zone, t).minute] !== 1) {
			if (!added) {
				added = true;
				t = truncateMs(t, MINUTE);
			}
			t += MINUTE;
			if (wallOf(zone, t).minute === 0) continue wrap;
		}

		while (s.second.bits[wallOf(zone, t).second] !== 1) {
			if (!added) {
				added = true;
				t = truncateMs(t, SECOND);
			}
			t += SECOND;
			if (wallOf(zone, t).second === 0) continue wrap;
		}

		return t;
	}
}
