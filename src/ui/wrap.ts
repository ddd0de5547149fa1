/**
 * Word wrapping for line budgets: the step screen must fit the terminal's height, so it measures what it draws.
 */
import stringWidth from 'string-width';

/** Greedy word wrap to `width` columns; words longer than a line are broken. */
export function wrapLines(text: string, width: number): string[] {
	const limit = Math.max(8, width);
	const out: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(/ +/)) {
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

/** After wrapping, closes a `code` span at a line end and reopens it on the next line, so each line renders alone. */
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
