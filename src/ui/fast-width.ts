/**
 * Terminal width of text without string-width's start-up cost, for the text the workbook draws.
 *
 * string-width creates an Intl.Segmenter when it loads and compiles a `\p{RGI_Emoji}` regex on its first non-ASCII
 * string: about 70 ms before the first frame (the "✔" of a step strip is enough), in Ink, wrap-ansi and our own
 * wrapping alike. Text whose code points each stand alone (no combining mark, joiner, variation selector, keycap,
 * regional indicator, Hangul jamo, control or format character) is one grapheme per code point, and string-width
 * then gives each its East Asian Width, which is what this computes. Anything else returns undefined, and the caller
 * asks string-width itself. The build points every `string-width` import of the bundle here (scripts/build.mjs);
 * test/ui/fast-width.test.ts checks the two agree.
 */
import {eastAsianWidth} from 'get-east-asian-width';

export type WidthOptions = {readonly ambiguousIsNarrow?: boolean; readonly countAnsiEscapeCodes?: boolean};

const PRINTABLE_ASCII = /^[\u0020-\u007E]*$/;
const SGR = /\u001B\[[0-9;]*m/g;
// Code points that can join a neighbour into one grapheme (marks, joiners, variation selectors, emoji modifiers,
// prepended and spacing letters, Hangul jamo and syllables, regional indicators, keycaps), controls and formats, and
// escape sequences: with any of these, string-width itself decides.
const JOINING =
	/[\p{Mark}\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Regional_Indicator}\p{Surrogate}\p{Unassigned}\p{Private_Use}\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uAC00-\uD7FF\u20E3\u0D4E\u0E33\u0EB3\uFF9E\uFF9F\u{111C2}\u{111C3}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}\u{113D1}\u{16D63}\u{16D67}-\u{16D6A}\u{1D165}-\u{1D169}\u{1D16D}-\u{1D172}\u{1F3FB}-\u{1F3FF}]/u;
// A lone pictograph (✔ ✖ ⚠ ⏱ …) is one grapheme; string-width counts it as emoji (2) when it is RGI emoji on its
// own, that is when it has emoji presentation.
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;

/** The width of `text`, or undefined when it needs grapheme segmentation (then ask string-width). */
export function fastStringWidth(input: unknown, options: WidthOptions = {}): number | undefined {
	if (typeof input !== 'string' || input.length === 0) return 0;
	let text = input;
	if (PRINTABLE_ASCII.test(text)) return text.length;
	// Colour (SGR) sequences take no columns; any other escape sequence is string-width's to judge.
	if (!options.countAnsiEscapeCodes && text.includes('\u001B')) text = text.replace(SGR, '');
	if (JOINING.test(text)) return undefined;
	const eawOptions = {ambiguousAsWide: options.ambiguousIsNarrow === false};
	let width = 0;
	for (const char of text) {
		const codePoint = char.codePointAt(0)!;
		if (codePoint < 0x7f) width += 1;
		else if (PICTOGRAPH.test(char) && EMOJI_PRESENTATION.test(char)) width += 2;
		else width += eastAsianWidth(codePoint, eawOptions);
	}
	return width;
}

// What can join neighbouring code points into one grapheme (controls stand alone, except CR LF).
const SEGMENT_JOINING =
	/[\p{Mark}\p{Default_Ignorable_Code_Point}\p{Format}\p{Regional_Indicator}\p{Surrogate}\p{Unassigned}\p{Private_Use}\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uAC00-\uD7FF\u20E3\u0D4E\u0E33\u0EB3\uFF9E\uFF9F\u{111C2}\u{111C3}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}\u{113D1}\u{16D63}\u{16D67}-\u{16D6A}\u{1D165}-\u{1D169}\u{1D16D}-\u{1D172}\u{1F3FB}-\u{1F3FF}]|\r\n/u;

type GraphemeSegment = {readonly segment: string; readonly index: number; readonly input: string};
type GraphemeSegments = Iterable<GraphemeSegment> & {containing(index?: number): GraphemeSegment | undefined};

/** One segment per code point: the graphemes of text where nothing joins. */
function codePointSegments(input: string): GraphemeSegments {
	return {
		*[Symbol.iterator]() {
			let index = 0;
			for (const segment of input) {
				yield {segment, index, input};
				index += segment.length;
			}
		},
		containing(index = 0) {
			if (index < 0 || index >= input.length) return undefined;
			// The second half of a surrogate pair belongs to the code point that starts one unit earlier.
			const start = index > 0 && /[\uDC00-\uDFFF]/.test(input[index]!) && /[\uD800-\uDBFF]/.test(input[index - 1]!) ? index - 1 : index;
			return {segment: String.fromCodePoint(input.codePointAt(start)!), index: start, input};
		},
	};
}

/**
 * An Intl.Segmenter (grapheme) stand-in for Ink's line tokenizers (the build substitutes it for theirs): text where
 * no code point joins another is split per code point at once; any other text goes to a real Intl.Segmenter, made
 * on first need (creating the first one costs tens of milliseconds before the first frame).
 */
export function graphemeSegmenter(): {segment(input: string): GraphemeSegments} {
	let real: Intl.Segmenter | undefined;
	return {
		segment(input: string) {
			if (!SEGMENT_JOINING.test(input)) return codePointSegments(input);
			real ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
			return real.segment(input) as unknown as GraphemeSegments;
		},
	};
}
