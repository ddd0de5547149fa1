/**
 * Word wrapping for line budgets: the step screen must fit the terminal's height, so it measures what it draws.
 */
import stringWidth from 'string-width';

const GLUE = '\u0000';

/**
 * The words of a paragraph; a `code span` that fits on a line is one word, so a copyable command is never split
 * (a longer one still breaks only between its words).
 */
function wordsOf(paragraph: string, limit: number): string[] {
	const glued = paragraph.replace(/`[^`]+`/g, (span) => (stringWidth(span) <= limit ? span.replace(/ /g, GLUE) : span));
	return glued
		.split(/ +/)
		.filter(Boolean)
		.map((word) => word.split(GLUE).join(' '));
}

/** Greedy word wrap to `width` columns; a word longer than a line is broken. No line starts with a space. */
export function wrapLines(text: string, width: number): string[] {
	const limit = Math.max(8, width);
	const out: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		const indent = /^ */.exec(paragraph)![0];
		const words = wordsOf(paragraph.slice(indent.length), limit);
		if (words.length === 0) {
			out.push('');
			continue;
		}
		words[0] = indent + words[0];
		for (const word of words) {
			let rest = word;
			while (stringWidth(rest) > limit) {
				if (line) {
					out.push(line);
					line = '';
				}
				out.push(rest.slice(0, limit));
				rest = rest.slice(limit);
			}
			if (!line) line = rest;
			else if (stringWidth(line) + 1 + stringWidth(rest) <= limit) line += ' ' + rest;
			else {
				out.push(line);
				line = rest;
			}
		}
		out.push(line);
	}
	return out;
}

/** How many rows `text` takes at `width`. */
export function rowsOf(text: string, width: number): number {
	return wrapLines(text, width).length;
}

/**
 * After wrapping, closes a `code` span at a line end and reopens it on the next line, so each line renders alone.
 * Wrap to two columns less than the line: the added backticks take them when colour does not replace them.
 */
export function balanceBackticks(lines: readonly string[]): string[] {
	let open = false;
	return lines.map((line) => {
		let text = open ? '`' + line : line;
		const ticks = (text.match(/`/g) ?? []).length;
		open = ticks % 2 === 1;
		if (open) text += '`';
		return text;
	});
}
