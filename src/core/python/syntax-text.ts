/**
 * Text-level helpers for python/syntax: what lezer's error nodes do not say by themselves (an unclosed or
 * mismatched bracket, a block with nothing indented under it) and what lezer flags but Python accepts (a bare
 * `yield`, PEP 614 decorators). Pure functions over the source text.
 */

/** At most this many problems are collected from one file; students read the first few. */
export const MAX_ERRORS = 100;

/**
 * lezer's grammar wants a value after `yield`, but a bare `yield` (a FastAPI lifespan, a generator) is valid
 * Python: an error right after the keyword, where the expression would end anyway, is lezer's, not the student's.
 */
export function isBareYield(text: string, offset: number): boolean {
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	const before = text.slice(Math.max(lineStart, offset - 200), offset);
	if (!/(?:^|[^\w.#])yield[ \t]*(?:#[^\n]*)?$/u.test(before)) return false;
	let after = offset;
	while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
	return after >= text.length || /[\n);#\]}]/u.test(text[after]!);
}

/**
 * Python 3.9 (PEP 614) allows any expression after `@` (`@routers["a"].post("/x")`); lezer only takes dotted
 * names. An error on a one-line decorator whose brackets balance and that is followed by a def/class is lezer's.
 */
export function isRelaxedDecorator(text: string, offset: number): boolean {
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	if (offset - lineStart > 400) return false;
	let lineEnd = text.indexOf('\n', offset);
	if (lineEnd === -1) lineEnd = text.length;
	if (lineEnd - lineStart > 400) return false;
	const line = text.slice(lineStart, lineEnd);
	if (!/^[ \t]*@[ \t]*[\p{L}_(]/u.test(line)) return false;
	const scan = scanBrackets(line);
	if (scan.unclosed.size > 0 || scan.problems.length > 0) return false;
	const next = /\n[ \t]*(\S[^\n]*)/u.exec(text.slice(lineEnd, lineEnd + 400));
	return next !== null && /^(?:@|def\s|async\s+def\s|class\s)/u.test(next[1]!);
}

/**
 * When an error sits on the first token of a line, the line's depth usually explains it: a block opened by a `:`
 * line with nothing indented under it, or a line indented deeper than the statement before it.
 */
export function indentationMessage(text: string, offset: number, lineOf: (offset: number) => number): {from: number; to: number; message: string} | null {
	let index = offset;
	while (index < text.length && (text[index] === ' ' || text[index] === '\t')) index++;
	if (index >= text.length || text[index] === '\n' || text[index] === '#') return null;
	const lineStart = text.lastIndexOf('\n', index - 1) + 1;
	if (text.slice(lineStart, index).trim() !== '') return null;
	let prevEnd = lineStart - 1;
	for (let tries = 0; prevEnd > 0 && tries < 50; tries++) {
		const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
		const line = text.slice(prevStart, prevEnd);
		const code = line.trim();
		if (code === '' || code.startsWith('#')) {
			prevEnd = prevStart - 1;
			continue;
		}
		const depth = indentOf(text, lineStart);
		const prevDepth = indentOf(text, prevStart);
		const token = firstToken(text.slice(index, index + 80));
		const lineNumber = lineOf(prevStart);
		if (/:\s*(#.*)?$/u.test(line) && depth <= prevDepth) {
			return {from: index, to: index + token.length, message: `Expected an indented block after line ${lineNumber}.`};
		}
		if (depth > prevDepth && !/[,(\[{\\]\s*(#.*)?$/u.test(line) && !/:\s*(#.*)?$/u.test(line)) {
			return {from: index, to: index + token.length, message: 'Unexpected indentation.'};
		}
		return null;
	}
	return null;
}

/** Where brackets fail to pair up in a text. */
export type BracketScan = {
	/** Offsets of opening brackets that are never closed. */
	readonly unclosed: ReadonlySet<number>;
	/** Closers that match nothing or the wrong opener: CPython's tokenizer rejects these before parsing. */
	readonly problems: readonly {readonly offset: number; readonly message: string}[];
};

/** One linear pass matching brackets outside strings and comments (f-strings are skipped whole). */
export function scanBrackets(text: string): BracketScan {
	const stack: number[] = [];
	const problems: {offset: number; message: string}[] = [];
	const unclosed = new Set<number>();
	const closerOf: Readonly<Record<string, string>> = {'(': ')', '[': ']', '{': '}'};
	for (let index = 0; index < text.length; index++) {
		const char = text[index]!;
		if (char === '#') {
			const end = text.indexOf('\n', index);
			index = end === -1 ? text.length : end;
		} else if (char === '"' || char === "'") {
			const triple = text.startsWith(char.repeat(3), index);
			const quote = triple ? char.repeat(3) : char;
			let cursor = index + quote.length;
			while (cursor < text.length) {
				const at = text[cursor]!;
				if (at === '\\') cursor += 2;
				else if (text.startsWith(quote, cursor)) break;
				else if (at === '\n' && !triple) break;
				else cursor++;
			}
			index = text[cursor] === '\n' ? cursor : cursor + quote.length - 1;
		} else if (char === '(' || char === '[' || char === '{') stack.push(index);
		else if (char === ')' || char === ']' || char === '}') {
			const open = stack.pop();
			if (open === undefined) {
				if (problems.length < MAX_ERRORS) problems.push({offset: index, message: `Unmatched '${char}'.`});
			} else if (closerOf[text[open]!] !== char) {
				if (problems.length < MAX_ERRORS) problems.push({offset: index, message: `Closing '${char}' does not match opening '${text[open]}'.`});
			}
		}
	}
	for (const open of stack) unclosed.add(open);
	return {unclosed, problems};
}

/** The first token of a text (a word, a short string, or one character), for "Unexpected 'x'" messages. */
export function firstToken(text: string): string {
	const match = /^(?:[\p{L}\p{N}_]+|"[^"\n]{0,30}"?|'[^'\n]{0,30}'?|\S)/u.exec(text);
	return match ? match[0] : text.slice(0, 1);
}

/** Indentation width the way lezer and CPython count it (tabs to the next multiple of 8). */
export function indentOf(text: string, lineStart: number): number {
	let width = 0;
	for (let index = lineStart; index < text.length; index++) {
		const char = text[index];
		if (char === ' ') width++;
		else if (char === '\t') width += 8 - (width % 8);
		else if (char === '\f') width = 0;
		else break;
	}
	return width;
}

/** Offset of the line break ending the line that holds `from` (or the text's end). */
export function endOfLine(text: string, from: number): number {
	const end = text.indexOf('\n', from);
	return end === -1 ? text.length : end;
}
