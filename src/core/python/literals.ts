/**
 * Python string literal decoding, shared by the value evaluator. Pure text work: no parser types here.
 */

/** What one literal token holds: its prefix letters, quote, body (still escaped) and whether it is closed. */
export type LiteralParts = {
	readonly prefix: string;
	readonly quote: string;
	readonly body: string;
	readonly terminated: boolean;
	readonly raw: boolean;
	readonly bytes: boolean;
	readonly format: boolean;
};

/** Splits a literal's source text (`rb'x'`, `"""doc"""`, `f"{a}"`) into its parts; null when it is not a literal. */
export function literalParts(text: string): LiteralParts | null {
	let index = 0;
	while (index < text.length && index < 3 && /[rRbBuUfF]/.test(text[index]!)) index++;
	const prefix = text.slice(0, index).toLowerCase();
	const rest = text.slice(index);
	let quote: string;
	if (rest.startsWith('"""') || rest.startsWith("'''")) quote = rest.slice(0, 3);
	else if (rest.startsWith('"') || rest.startsWith("'")) quote = rest[0]!;
	else return null;
	const afterOpen = rest.slice(quote.length);
	const terminated = afterOpen.length >= quote.length && afterOpen.endsWith(quote) && !endsEscaped(afterOpen, quote);
	const body = terminated ? afterOpen.slice(0, afterOpen.length - quote.length) : afterOpen;
	return {
		prefix,
		quote,
		body,
		terminated,
		raw: prefix.includes('r'),
		bytes: prefix.includes('b'),
		format: prefix.includes('f'),
	};
}

/**
 * True when the quote found at the end is escaped (`"abc\"`): an odd run of backslashes before it. Raw strings
 * follow the same rule in Python (`r"\"` is unterminated).
 */
function endsEscaped(afterOpen: string, quote: string): boolean {
	let count = 0;
	for (let index = afterOpen.length - quote.length - 1; index >= 0 && afterOpen[index] === '\\'; index--) count++;
	return count % 2 === 1;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
	'\\': '\\',
	"'": "'",
	'"': '"',
	a: '\x07',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t',
	v: '\v',
	'\n': '',
};

/** Decodes backslash escapes the way Python does for a (non-raw) str literal; unknown escapes stay as written. */
export function unescapePython(body: string): string {
	if (!body.includes('\\')) return body;
	let out = '';
	for (let index = 0; index < body.length; index++) {
		const char = body[index]!;
		if (char !== '\\' || index + 1 >= body.length) {
			out += char;
			continue;
		}
		const next = body[index + 1]!;
		const simple = SIMPLE_ESCAPES[next];
		if (simple !== undefined) {
			out += simple;
			index++;
			continue;
		}
		const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
		if (hexLength > 0) {
			const hex = body.slice(index + 2, index + 2 + hexLength);
			if (hex.length === hexLength && /^[0-9a-fA-F]+$/.test(hex)) {
				const code = Number.parseInt(hex, 16);
				out += code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
				index += 1 + hexLength;
				continue;
			}
		}
		const octal = /^[0-7]{1,3}/.exec(body.slice(index + 1, index + 4));
		if (octal) {
			out += String.fromCharCode(Number.parseInt(octal[0], 8));
			index += octal[0].length;
			continue;
		}
		out += char;
	}
	return out;
}

/** The value of a plain (non-f) literal body, escapes decoded unless raw. */
export function literalValue(parts: LiteralParts): string {
	return parts.raw ? parts.body : unescapePython(parts.body);
}

/** Literal text between f-string replacements: escapes decoded, `{{`/`}}` collapsed. */
export function formatLiteralText(segment: string, raw: boolean): string {
	const text = segment.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
	return raw ? text : unescapePython(text);
}
