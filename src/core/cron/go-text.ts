/**
 * Go's ways of printing strings inside error messages, so that our errors read byte for byte like daprd's:
 * `time`'s private quote (ParseDuration, LoadLocation), strconv.Quote (strconv.Atoi errors), fmt's `%s` of a
 * []string, and unicode.IsSpace / strings.Fields.
 */

const encoder = new TextEncoder();

function hex2(byte: number): string {
	return byte.toString(16).padStart(2, '0');
}

/** The `time` package's quote(): ASCII printable kept (with `"` and `\` escaped), every other byte as \xNN. */
export function timeQuote(text: string): string {
	let out = '"';
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (code >= 0x80 || code < 0x20) {
			for (const byte of encoder.encode(char)) out += `\\x${hex2(byte)}`;
		} else {
			if (char === '"' || char === '\\') out += '\\';
			out += char;
		}
	}
	return out + '"';
}

// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.Quote for valid UTF-8 text. */
export function strconvQuote(text: string): string {
	let out = '"';
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (char === '"' || char === '\\') {
			out += `\\${char}`;
		} else if (PRINTABLE.test(char)) {
			out += char;
		} else {
			switch (char) {
				case '\u0007': out += '\\a'; break;
				case '\b': out += '\\b'; break;
				case '\f': out += '\\f'; break;
				case '\n': out += '\\n'; break;
				case '\r': out += '\\r'; break;
				case '\t': out += '\\t'; break;
				case '\v': out += '\\v'; break;
				default:
					if (code < 0x20 || code === 0x7f) out += `\\x${hex2(code)}`;
					else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
					else out += `\\U${code.toString(16).padStart(8, '0')}`;
			}
		}
	}
	return out + '"';
}

// unicode.IsSpace (Go 1.19, Unicode 13): the Latin-1 spaces plus the White_Space property.
const SPACE = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/u;
const SPACES = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/u;

/** strings.Fields: split on runs of unicode.IsSpace, no empty fields. */
export function goFields(text: string): string[] {
	return text.split(SPACES).filter((field) => field !== '');
}

/** strings.TrimSpace. */
export function goTrimSpace(text: string): string {
	let start = 0;
	let end = text.length;
	while (start < end && SPACE.test(text[start]!)) start++;
	while (end > start && SPACE.test(text[end - 1]!)) end--;
	return text.slice(start, end);
}

/** fmt's `%s` of a []string: `[a b c]`. */
export function goStringSlice(values: readonly string[]): string {
	return `[${values.join(' ')}]`;
}
