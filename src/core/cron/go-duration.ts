/**
 * A port of Go's time.ParseDuration (Go 1.19, the version the truth data was produced with), including its
 * overflow checks and its exact error texts, because `@every <d>` errors reach the student as
 * `failed to parse duration @every <d>: <Go's error>`.
 */
import {timeQuote} from './go-text.js';

const NS = 1n;
const UNITS: ReadonlyMap<string, bigint> = new Map([
	['ns', NS],
	['us', 1000n],
	['\u00B5s', 1000n], // U+00B5 MICRO SIGN
	['\u03BCs', 1000n], // U+03BC GREEK SMALL LETTER MU
	['ms', 1_000_000n],
	['s', 1_000_000_000n],
	['m', 60_000_000_000n],
	['h', 3_600_000_000_000n],
]);

const LIMIT = 1n << 63n;

/** The parsed duration in nanoseconds, or Go's error text. */
export type DurationResult = {readonly ok: true; readonly ns: bigint} | {readonly ok: false; readonly error: string};

function isDigit(char: string | undefined): boolean {
	return char !== undefined && char >= '0' && char <= '9';
}

/** time.ParseDuration. */
export function parseGoDuration(orig: string): DurationResult {
	const invalid = (): DurationResult => ({ok: false, error: `time: invalid duration ${timeQuote(orig)}`});
	let s = orig;
	let d = 0n;
	let neg = false;
	if (s !== '' && (s[0] === '-' || s[0] === '+')) {
		neg = s[0] === '-';
		s = s.slice(1);
	}
	if (s === '0') return {ok: true, ns: 0n};
	if (s === '') return invalid();
	while (s !== '') {
		let v = 0n;
		let f = 0n;
		let scale = 1;
		if (!(s[0] === '.' || isDigit(s[0]))) return invalid();
		// leadingInt: [0-9]* with Go's overflow rule
		let i = 0;
		for (; i < s.length && isDigit(s[i]); i++) {
			if (v > LIMIT / 10n) return invalid();
			v = v * 10n + BigInt(s.charCodeAt(i) - 48);
			if (v > LIMIT) return invalid();
		}
		const pre = i > 0;
		s = s.slice(i);
		let post = false;
		if (s !== '' && s[0] === '.') {
			s = s.slice(1);
			// leadingFraction: stops gaining precision on overflow instead of failing
			let j = 0;
			let overflow = false;
			for (; j < s.length && isDigit(s[j]); j++) {
				if (overflow) continue;
				if (f > (LIMIT - 1n) / 10n) {
					overflow = true;
					continue;
				}
				const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
				if (y > LIMIT) {
					overflow = true;
					continue;
				}
				f = y;
				scale *= 10;
			}
			post = j > 0;
			s = s.slice(j);
		}
		if (!pre && !post) return invalid();
		let u = 0;
		while (u < s.length && !(s[u] === '.' || isDigit(s[u]))) u++;
		if (u === 0) return {ok: false, error: `time: missing unit in duration ${timeQuote(orig)}`};
		const unitName = s.slice(0, u);
		s = s.slice(u);
		const unit = UNITS.get(unitName);
		if (unit === undefined) {
			return {ok: false, error: `time: unknown unit ${timeQuote(unitName)} in duration ${timeQuote(orig)}`};
		}
		if (v > LIMIT / unit) return invalid();
		v *= unit;
		if (f > 0n) {
			// Go does this step in float64 and converts back (truncating); mirror that rounding.
			v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
			if (v > LIMIT) return invalid();
		}
		d += v;
		if (d > LIMIT) return invalid();
	}
	if (neg) return {ok: true, ns: -d};
	if (d > LIMIT - 1n) return invalid();
	return {ok: true, ns: d};
}

/** time.Duration.String(), e.g. 1h30m10s, 1.5s, 500ms, 0s. */
export function formatGoDuration(ns: bigint): string {
	if (ns === 0n) return '0s';
	const neg = ns < 0n;
	let u = neg ? -ns : ns;
	let out: string;
	if (u < 1_000_000_000n) {
		let unit: string;
		let prec: number;
		if (u < 1000n) return `${neg ? '-' : ''}${u}ns`;
		if (u < 1_000_000n) {
			unit = 'µs';
			prec = 3;
		} else {
			unit = 'ms';
			prec = 6;
		}
		out = fraction(u, prec) + unit;
	} else {
		const whole = u / 1_000_000_000n;
		const frac = fraction(u, 9);
		const secs = (whole % 60n).toString() + frac.slice(frac.indexOf('.') === -1 ? frac.length : frac.indexOf('.'));
		u = whole / 60n;
		out = `${secs}s`;
		if (u > 0n) {
			out = `${u % 60n}m${out}`;
			u /= 60n;
			if (u > 0n) out = `${u}h${out}`;
		}
	}
	return (neg ? '-' : '') + out;
}

// v / 10^prec printed with the trailing zeros of the fraction dropped, as Go's fmtFrac/fmtInt do.
function fraction(v: bigint, prec: number): string {
	const base = 10n ** BigInt(prec);
	const whole = v / base;
	let frac = (v % base).toString().padStart(prec, '0').replace(/0+$/, '');
	if (frac !== '') frac = `.${frac}`;
	return `${whole}${frac}`;
}
