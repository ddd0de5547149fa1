/**
 * Offsets → 1-based line/column spans. Any parser that reports string offsets (yaml, lezer, dockerfile-ast) can
 * share this: build the line starts once per file, then convert offsets in O(log lines).
 */
import type {Span} from '../types.js';

/** 0-based offsets where each line starts; `starts[0]` is always 0. Lines end at `\n` (text is LF-normalised). */
export function lineStarts(text: string): number[] {
	const starts = [0];
	for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
	return starts;
}

/** 1-based line and column of a 0-based offset (clamped into the text). Columns count UTF-16 units, as editors do for BMP text. */
export function positionAt(starts: readonly number[], offset: number): {readonly line: number; readonly column: number} {
	const at = Math.max(0, offset);
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (starts[middle]! <= at) low = middle;
		else high = middle - 1;
	}
	return {line: low + 1, column: at - starts[low]! + 1};
}

/**
 * Span from a half-open offset range [start, end). The end names the last character (inclusive), trailing
 * whitespace and line breaks excluded, so an underline stops at the last visible character.
 */
export function spanAt(text: string, starts: readonly number[], start: number, end: number): Span {
	const from = positionAt(starts, start);
	let last = Math.min(end, text.length) - 1;
	while (last > start && isBlank(text.charCodeAt(last))) last--;
	if (last < start) return {line: from.line, column: from.column, endLine: from.line, endColumn: from.column};
	const to = positionAt(starts, last);
	return {line: from.line, column: from.column, endLine: to.line, endColumn: to.column};
}

function isBlank(code: number): boolean {
	return code === 32 || code === 9 || code === 10 || code === 13;
}

/** A converter bound to one text, for callers that make many spans. */
export type Spanner = {
	readonly span: (start: number, end: number) => Span;
	readonly position: (offset: number) => {readonly line: number; readonly column: number};
};

/** Binds spanAt/positionAt to a text (line starts computed once, or taken from the parser's own LineCounter). */
export function spanner(text: string, starts: readonly number[] = lineStarts(text)): Spanner {
	return {
		span: (start, end) => spanAt(text, starts, start, end),
		position: (offset) => positionAt(starts, offset),
	};
}
