import {describe, expect, it} from 'vitest';
import {lineStarts, positionAt, spanAt, spanner} from '../../../src/core/yaml/positions.js';

describe('positions', () => {
	const text = 'ab\n\ncdef\n';
	const starts = lineStarts(text);

	it('finds line starts', () => {
		expect(starts).toEqual([0, 3, 4, 9]);
		expect(lineStarts('')).toEqual([0]);
	});

	it.each([
		[0, 1, 1],
		[1, 1, 2],
		[2, 1, 3],
		[3, 2, 1],
		[4, 3, 1],
		[7, 3, 4],
		[9, 4, 1],
		[-5, 1, 1],
	])('offset %i is line %i column %i', (offset, line, column) => {
		expect(positionAt(starts, offset)).toEqual({line, column});
	});

	it('ends a span at the last visible character, inclusive', () => {
		expect(spanAt(text, starts, 4, 8)).toEqual({line: 3, column: 1, endLine: 3, endColumn: 4});
		// a range running over the line break stops before it
		expect(spanAt(text, starts, 0, 4)).toEqual({line: 1, column: 1, endLine: 1, endColumn: 2});
		// an empty range is a point
		expect(spanAt(text, starts, 4, 4)).toEqual({line: 3, column: 1, endLine: 3, endColumn: 1});
		// an end past the text is clamped
		expect(spanAt(text, starts, 4, 99)).toEqual({line: 3, column: 1, endLine: 3, endColumn: 4});
	});

	it('binds to one text', () => {
		const at = spanner('x: 1\ny: 22\n');
		expect(at.span(8, 10)).toEqual({line: 2, column: 4, endLine: 2, endColumn: 5});
		expect(at.position(5)).toEqual({line: 2, column: 1});
	});
});
