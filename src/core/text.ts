/**
 * Small text helpers every layer uses: making student-controlled text safe to print, and did-you-mean.
 */

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-byte ESC sequences, 8-bit C1 CSI/OSC, and the
// remaining C0/C1 controls except tab and newline. Student text (files, log lines) goes through this before display.
// eslint-disable-next-line no-control-regex
const CONTROL = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|\u001B[PX^_][^\u001B]*(?:\u001B\\)?|\u001B[@-Z\\-_]|\u009B[0-?]*[ -/]*[@-~]|\u009D[^\u0007\u009C]*(?:\u0007|\u009C)?|[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Removes terminal control sequences and control characters (keeps tab and newline). */
export function stripControl(text: string): string {
	return text.replace(CONTROL, '');
}

/** Levenshtein distance, with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
	if (a === b) return 0;
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			current.push(value);
			if (value < rowMin) rowMin = value;
		}
		if (rowMin > max) return max + 1;
		previous = current;
	}
	return previous[b.length]!;
}

/**
 * The closest candidate to `word`, or null when none is close: case-insensitive, `_` and `-` treated alike first,
 * then an edit distance of at most max(2, a third of the word's length).
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
	const folded = fold(word);
	let best: string | null = null;
	let bestDistance = Number.POSITIVE_INFINITY;
	const limit = Math.max(2, Math.floor(word.length / 3));
	for (const candidate of candidates) {
		if (candidate === word) continue;
		const distance = fold(candidate) === folded ? 0 : editDistance(folded, fold(candidate), limit);
		if (distance <= limit && distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}

function fold(text: string): string {
	return text.toLowerCase().replaceAll('_', '-');
}

/** Fills {{name}} placeholders. Unknown placeholders stay as they are. */
export function fillTemplate(template: string, data: Readonly<Record<string, string | number>> = {}): string {
	return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

// Bidirectional controls (Trojan Source, CVE-2021-42574): they reorder what a terminal or a browser shows.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Line breaks a terminal or a log viewer honours, beyond the controls stripControl removes.
const BREAKS = /[\r\n\t\u2028\u2029]/g;

/** Replaces each bidirectional control with a visible marker such as `<U+202E>`, so it neither acts nor hides. */
export function markBidi(text: string): string {
	return text.replace(BIDI, (char) => `<U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}

/**
 * A student-controlled name or path (a file, a folder, an archive, a component) made safe for any output: control
 * sequences removed, line breaks and tabs turned into spaces (one name, one line), bidi controls marked, and the
 * two CI command prefixes broken up (`::` becomes `: :`, `##[` becomes `# #[`), so no line that shows a name can
 * be taken by a CI runner (GitHub Actions) as a workflow command, wherever the name lands on the line.
 */
export function safeName(text: string): string {
	return markBidi(stripControl(text).replace(BREAKS, ' '))
		.replaceAll('::', ': :')
		.replaceAll('::', ': :')
		.replaceAll('##[', '# #[');
}

/** Student text for display (messages, lines of a log): control sequences removed and bidi controls marked. */
export function safeText(text: string): string {
	return markBidi(stripControl(text));
}
