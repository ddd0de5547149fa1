import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {fastStringWidth, graphemeSegmenter} from '../../src/ui/fast-width.js';

// Every code point of the planes text uses (BMP, the symbol and emoji blocks), alone and next to a letter on each
// side (which catches code points that join a neighbour): where the fast path answers, it answers as string-width.
const RANGES: readonly (readonly [number, number])[] = [
	[0x20, 0xd7ff],
	[0xe000, 0xffff],
	[0x10000, 0x1ffff],
	[0x20000, 0x2000f],
	[0xe0000, 0xe01ef],
];

describe('fastStringWidth', () => {
	it('agrees with string-width wherever it answers', () => {
		const wrong: string[] = [];
		let answered = 0;
		for (const [from, to] of RANGES) {
			for (let codePoint = from; codePoint <= to; codePoint++) {
				const char = String.fromCodePoint(codePoint);
				for (const text of [char, `a${char}`, `${char}a`, `中${char}`, `\u001b[31m${char}\u001b[39m`]) {
					const fast = fastStringWidth(text);
					if (fast === undefined) continue;
					answered++;
					if (fast !== stringWidth(text)) wrong.push(`U+${codePoint.toString(16)} in ${JSON.stringify(text)}: ${fast} vs ${stringWidth(text)}`);
				}
			}
		}
		expect(wrong.slice(0, 20)).toEqual([]);
		expect(answered).toBeGreaterThan(100_000);
	}, 300_000);

	it('answers for the workbook\'s own text, and leaves joined graphemes to string-width', () => {
		for (const text of ['✔1 ✖2 ○3 ·4', '⏱ cron event 2: in 30s', '⚠ app.py:3 note', '│ log line', '… space: 3 more lines', '→ Write it', '─'.repeat(79), '↑ ↓ / k j', '❯ Lab A', 'symptom → cause → fix', '😀 wide', 'naïve café', '\u001b[32m✔\u001b[39m 2 \u001b[1mproblems\u001b[22m']) {
			expect(fastStringWidth(text), text).toBe(stringWidth(text));
		}
		for (const text of ['e\u0301', '👍🏽', '👨‍👩‍👧', '🇩🇪', '❤️', '1️⃣', '\u001b]0;title\u0007x', '한국어']) expect(fastStringWidth(text), text).toBeUndefined();
		expect(fastStringWidth('')).toBe(0);
		expect(fastStringWidth('plain ascii')).toBe(11);
	});
});

describe('graphemeSegmenter', () => {
	it('splits as Intl.Segmenter does, for iteration and containing()', () => {
		const real = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
		const fast = graphemeSegmenter();
		const plain = (segments: Iterable<{segment: string; index: number}>) => [...segments].map(({segment, index}) => [segment, index]);
		const wrong: string[] = [];
		for (const [from, to] of RANGES) {
			for (let codePoint = from; codePoint <= to; codePoint++) {
				const char = String.fromCodePoint(codePoint);
				for (const text of [`a${char}b`, `\u001b[31m${char}${char}\r\n`]) {
					const expected = real.segment(text);
					const got = fast.segment(text);
					if (JSON.stringify(plain(got)) !== JSON.stringify(plain(expected))) wrong.push(`U+${codePoint.toString(16)} in ${JSON.stringify(text)}`);
					for (const index of [0, 2, text.length - 1]) {
						const a = expected.containing(index);
						const b = got.containing(index);
						if (a?.segment !== b?.segment || a?.index !== b?.index) wrong.push(`containing(${index}) U+${codePoint.toString(16)} in ${JSON.stringify(text)}`);
					}
				}
			}
		}
		expect(wrong.slice(0, 20)).toEqual([]);
	}, 300_000);
});
