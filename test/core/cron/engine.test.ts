// Engine API details beyond fire times: forms, 6-field equivalents, @every durations, descriptions, Go helpers.
import {describe, expect, it} from 'vitest';
import {formatGoDuration, formatOffset, hintForError, loadLocation, nextFires, parseGoDuration, parseSchedule, type Schedule} from '../../../src/core/cron/index.js';
import {goDate, wallOf} from '../../../src/core/cron/go-time.js';
import {strconvQuote, timeQuote} from '../../../src/core/cron/go-text.js';

function valid(spec: string, zone = 'UTC'): Schedule {
	const schedule = parseSchedule(spec, {zone});
	if (!schedule.ok) throw new Error(`${spec}: ${schedule.error}`);
	return schedule;
}

describe('parseSchedule', () => {
	it('gives the 6-field equivalent of five- and six-field schedules', () => {
		expect(valid('*/15 * * * *').sixField).toBe('0 */15 * * * *');
		expect(valid('  0   9 * *  MON-FRI ').sixField).toBe('0 0 9 * * MON-FRI');
		expect(valid('0  30  *  *  *  *').sixField).toBe('0 30 * * * *');
		expect(valid('@daily').sixField).toBeNull();
		expect(valid('@every 1m').sixField).toBeNull();
	});

	it('gives @every durations in milliseconds, fractions kept', () => {
		expect(valid('@every 1h30m10s').everyMs).toBe(5_410_000);
		expect(valid('@every 500ms').everyMs).toBe(500);
		expect(valid('@every 1500us').everyMs).toBe(1.5);
		expect(valid('@every -10s').everyMs).toBe(-10_000);
		expect(valid('0 * * * * *').everyMs).toBeNull();
	});

	it('reports the zone: prefix, else the caller zone, else UTC', () => {
		expect(valid('TZ=Asia/Tokyo 0 0 9 * * *', 'Europe/Berlin').zone).toBe('Asia/Tokyo');
		expect(valid('0 0 9 * * *', 'Europe/Berlin').zone).toBe('Europe/Berlin');
		expect(parseSchedule('0 0 9 * * *')).toMatchObject({ok: true, zone: 'UTC'});
		expect(valid('TZ= 0 0 9 * * *', 'Europe/Berlin').zone).toBe('UTC');
	});

	it('keeps the spec text on errors', () => {
		expect(parseSchedule('0 0 0 * * 7')).toEqual({ok: false, spec: '0 0 0 * * 7', error: 'end of range (7) above maximum (6): 7'});
	});

	it('next() is strictly after, and null when it never fires', () => {
		const daily = valid('0 0 0 * * *');
		expect(daily.next(new Date('2026-03-15T00:00:00.000Z'))?.toISOString()).toBe('2026-03-16T00:00:00.000Z');
		expect(valid('0 0 0 30 2 *').next(new Date('2026-01-01T00:00:00Z'))).toBeNull();
		expect(nextFires(valid('0 0 0 30 2 *'), new Date('2026-01-01T00:00:00Z'), 5)).toEqual([]);
	});

	it('stops early when a rare schedule runs past the five-year limit', () => {
		// Feb 29 from 2092: 2092 and 2096 are leap years, 2100 is not, 2104 is beyond 2096 + 5.
		const fires = nextFires(valid('0 0 0 29 2 ?'), new Date('2091-03-01T00:00:00Z'), 5).map((date) => date.toISOString());
		expect(fires).toEqual(['2092-02-29T00:00:00.000Z', '2096-02-29T00:00:00.000Z']);
	});
});

describe('describe()', () => {
	const cases: [string, string][] = [
		['@every 30s', 'every 30 seconds'],
		['@every 1m', 'every minute'],
		['@every 1h30m10s', 'every 1 hour 30 minutes 10 seconds'],
		['@every 500ms', 'every 500 milliseconds'],
		['0 0 2 * * *', 'at 02:00:00 every day'],
		['0 */15 * * * *', 'at second 0 of every 15th minute every day'],
		['*/15 * * * *', 'at second 0 of every 15th minute every day'],
		['*/30 * * * * *', 'every 30th second of every minute every day'],
		['* * * * * *', 'every second every day'],
		['0 30 9 * * MON-FRI', 'at 09:30:00 on Monday through Friday'],
		['0 0 9 * * sat,sun', 'at 09:00:00 on Sunday and Saturday'],
		['0 0 0 13 * FRI', 'at 00:00:00 on day 13 of the month or on Friday'],
		['0 0 0 1 * *', 'at 00:00:00 on day 1 of the month'],
		['@yearly', 'at 00:00:00 on day 1 of the month, in January'],
		['@weekly', 'at 00:00:00 on Sunday'],
		['@hourly', 'at second 0 of minute 0 of every hour every day'],
		['0 0 9-17 * * *', 'at second 0 of minute 0 of hours 9 through 17 every day'],
		['0 0 0 * JAN,JUL *', 'at 00:00:00 every day, in January and July'],
	];
	for (const [spec, text] of cases) {
		it(`${spec} -> ${text}`, () => {
			expect(valid(spec).describe()).toBe(text);
		});
	}
});

describe('Go helpers', () => {
	it('parses durations like time.ParseDuration', () => {
		expect(parseGoDuration('1h30m10s')).toEqual({ok: true, ns: 5_410_000_000_000n});
		expect(parseGoDuration('1.5h')).toEqual({ok: true, ns: 5_400_000_000_000n});
		expect(parseGoDuration('-1.5s')).toEqual({ok: true, ns: -1_500_000_000n});
		expect(parseGoDuration('.5us')).toEqual({ok: true, ns: 500n});
		expect(parseGoDuration('1.0000000001s')).toEqual({ok: true, ns: 1_000_000_000n});
		expect(parseGoDuration('')).toEqual({ok: false, error: 'time: invalid duration ""'});
		expect(parseGoDuration('3x"y')).toEqual({ok: false, error: 'time: unknown unit "x\\"y" in duration "3x\\"y"'});
	});

	it('prints durations like Duration.String', () => {
		expect(formatGoDuration(5_410_000_000_000n)).toBe('1h30m10s');
		expect(formatGoDuration(1_500_000_000n)).toBe('1.5s');
		expect(formatGoDuration(500_000_000n)).toBe('500ms');
		expect(formatGoDuration(1500n)).toBe('1.5µs');
		expect(formatGoDuration(0n)).toBe('0s');
		expect(formatGoDuration(-60_000_000_000n)).toBe('-1m0s');
		expect(formatGoDuration(3_600_000_000_000n)).toBe('1h0m0s');
	});

	it('quotes like Go', () => {
		expect(timeQuote('5µ')).toBe('"5\\xc2\\xb5"');
		expect(strconvQuote('a\u0001b')).toBe('"a\\x01b"');
		expect(strconvQuote('é\u00ad')).toBe('"é\\u00ad"');
	});

	it('loads locations like time.LoadLocation', () => {
		expect(loadLocation('')).toEqual({ok: true, zone: 'UTC'});
		expect(loadLocation('Local')).toEqual({ok: true, zone: 'Local'});
		expect(loadLocation('America/New_York')).toEqual({ok: true, zone: 'America/New_York'});
		expect(loadLocation('america/new_york')).toEqual({ok: false, error: 'unknown time zone america/new_york'});
		expect(loadLocation('+05:00')).toEqual({ok: false, error: 'unknown time zone +05:00'});
		expect(loadLocation('a..b')).toEqual({ok: false, error: 'time: invalid location name'});
	});

	it('normalises wall times in DST gaps and overlaps the way time.Date does', () => {
		// 02:30 on 2026-03-08 does not exist in New York. Go guesses EST, finds 07:30Z outside the EST period,
		// re-reads the offset there (EDT) and subtracts that: 06:30Z, i.e. 01:30 EST, before the gap.
		expect(new Date(goDate('America/New_York', 2026, 3, 8, 2, 30, 0)).toISOString()).toBe('2026-03-08T06:30:00.000Z');
		// London: the guess at 01:30Z is BST; 00:30Z is outside BST, GMT (0) is re-read: 01:30Z, i.e. 02:30 BST.
		expect(new Date(goDate('Europe/London', 2026, 3, 29, 1, 30, 0)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
		// 01:30 on 2026-11-01 happens twice; Go picks the first (EDT).
		expect(new Date(goDate('America/New_York', 2026, 11, 1, 1, 30, 0)).toISOString()).toBe('2026-11-01T05:30:00.000Z');
		// Day and month overflow like Go: Feb 30 is Mar 2.
		expect(new Date(goDate('UTC', 2026, 2, 30, 0, 0, 0)).toISOString()).toBe('2026-03-02T00:00:00.000Z');
		expect(wallOf('Asia/Kathmandu', Date.UTC(2026, 2, 14, 18, 15))).toMatchObject({day: 15, hour: 0, minute: 0, weekday: 0});
		expect(formatOffset('Asia/Kathmandu', Date.UTC(2026, 2, 14))).toBe('+05:45');
		expect(formatOffset('America/New_York', Date.UTC(2026, 6, 1))).toBe('-04:00');
	});
});

describe('hintForError', () => {
	const hint = (spec: string): string | null => {
		const result = parseSchedule(spec);
		if (result.ok) throw new Error(`${spec} is valid`);
		return hintForError(result.spec, result.error);
	};
	it('explains the common mistakes', () => {
		expect(hint('0 0 0 * * 7')).toMatch(/Sunday is 0/);
		expect(hint('0 0 0 L * *')).toMatch(/no L, W, # or H/);
		expect(hint('0 0 0 * * MONDAY')).toMatch(/three letters/);
		expect(hint('0 0 12 * * ? 2026')).toMatch(/no year field/);
		expect(hint('@every 10')).toMatch(/needs a unit/);
		expect(hint('@every 1d')).toMatch(/@every 24h/);
		expect(hint('@every30s')).toMatch(/exactly one space/);
		expect(hint('TZ=UTC')).toMatch(/space and then the schedule/);
		expect(hint('TZ=Foo/Bar @daily')).toMatch(/IANA zone/);
		expect(hint(' @daily')).toMatch(/leading space/);
		expect(hint('0 0 5-2 * * *')).toBeNull();
	});
});
