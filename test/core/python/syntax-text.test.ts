import {describe, expect, it} from 'vitest';
import {isBareYield, isRelaxedDecorator, scanBrackets} from '../../../src/core/python/syntax-text.js';

describe('scanBrackets', () => {
	it.each([
		['balanced, with brackets in strings and comments', 'f(a[1], {"(": \'[\'}) # )\nx = """(\n"""\n', [], []],
		['unclosed', 'f(a[1]\n', [1], []],
		['mismatched', 'f(a]\n', [], [{offset: 3, message: "Closing ']' does not match opening '('."}]],
		['unmatched closer', 'x)\n', [], [{offset: 1, message: "Unmatched ')'."}]],
		['an unterminated string stops at the line end', 'x = "(\ny = (\n', [11], []],
	])('%s', (_name, text, unclosed, problems) => {
		const scan = scanBrackets(text);
		expect([...scan.unclosed]).toEqual(unclosed);
		expect(scan.problems).toEqual(problems);
	});
});

describe('lezer-only errors Python accepts', () => {
	it('bare yield', () => {
		expect(isBareYield('    yield\n', 9)).toBe(true);
		expect(isBareYield('    yield  # c\n', 14)).toBe(true);
		expect(isBareYield('    x = (yield)\n', 14)).toBe(true);
		expect(isBareYield('    my_yield\n', 12)).toBe(false);
		expect(isBareYield('    yield +\n', 11)).toBe(false);
	});

	it('PEP 614 decorators', () => {
		expect(isRelaxedDecorator('@routers["a"].post("/x")\ndef f(): pass\n', 8)).toBe(true);
		expect(isRelaxedDecorator('@app.post("/x"\ndef f(): pass\n', 14)).toBe(false);
		expect(isRelaxedDecorator('@routers["a"].post("/x")\nx = 1\n', 8)).toBe(false);
	});
});
