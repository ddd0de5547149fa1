import {describe, expect, it} from 'vitest';
import {formatLiteralText, literalParts, literalValue, unescapePython} from '../../../src/core/python/literals.js';

describe('literalParts', () => {
	it.each([
		['"abc"', {prefix: '', quote: '"', body: 'abc', terminated: true, raw: false, bytes: false, format: false}],
		["rb'x'", {prefix: 'rb', quote: "'", body: 'x', terminated: true, raw: true, bytes: true, format: false}],
		['F"""a"""', {prefix: 'f', quote: '"""', body: 'a', terminated: true, raw: false, bytes: false, format: true}],
		['""', {prefix: '', quote: '"', body: '', terminated: true}],
		['"abc', {body: 'abc', terminated: false}],
		['"abc\\"', {terminated: false}],
		['"abc\\\\"', {body: 'abc\\\\', terminated: true}],
		['"""abc"', {terminated: false}],
		['"', {terminated: false}],
	])('%s', (text, expected) => {
		expect(literalParts(text)).toMatchObject(expected);
	});

	it('is null for text that is not a literal', () => {
		expect(literalParts('abc')).toBeNull();
	});
});

describe('unescapePython', () => {
	it.each([
		['a\\nb', 'a\nb'],
		['\\x41\\u00e9\\U0001F600', 'Aé😀'],
		['\\101\\0', 'A\0'],
		['\\N{DASH}', '\\N{DASH}'],
		['\\q', '\\q'],
		['line\\\ncontinued', 'linecontinued'],
		['trailing\\', 'trailing\\'],
	])('%s', (body, expected) => {
		expect(unescapePython(body)).toBe(expected);
	});

	it('leaves raw bodies alone and collapses doubled braces in f-string text', () => {
		expect(literalValue(literalParts('r"\\t"')!)).toBe('\\t');
		expect(formatLiteralText('{{a}}\\t', false)).toBe('{a}\t');
		expect(formatLiteralText('{{a}}\\t', true)).toBe('{a}\\t');
	});
});
