/** A list that shows the items that fit the terminal's height, from the session's scroll offset. */
import {Box} from 'ink';
import type {ReactNode} from 'react';
import {Tone, useLayout} from '../theme.js';
import stringWidth from 'string-width';

/** One item and the rows it takes when drawn (measured with wrap.ts). */
export type ScrollItem = {readonly key: string; readonly node: ReactNode; readonly rows: number};

/** Rows a key bar of these keys takes at this width: KeyBar's flex wrap, items whole, two columns between them. */
export function keyBarRows(keys: readonly (readonly [string, string])[], width: number): number {
	let rows = 1;
	let used = -1;
	for (const [key, what] of keys) {
		const item = stringWidth(`${key} ${what}`);
		if (used >= 0 && used + 2 + item > width) {
			rows++;
			used = item;
		} else used = used < 0 ? item : used + 2 + item;
	}
	return rows;
}

export function Scroller({items, scroll, reserved}: {readonly items: readonly ScrollItem[]; readonly scroll: number; readonly reserved: number}) {
	const {rows} = useLayout();
	// Two rows for the "more" markers, one so the frame stays below the terminal's height (Ink redraws the whole
	// screen when a frame reaches it).
	const budget = Math.max(1, rows - reserved - 3);
	// The last start at which the tail still fills the screen, so scrolling past the end does not empty it.
	let maxStart = items.length;
	for (let tail = 0; maxStart > 0 && tail + items[maxStart - 1]!.rows <= budget; ) tail += items[--maxStart]!.rows;
	const start = Math.max(0, Math.min(scroll, Math.min(maxStart, items.length - 1)));
	let used = 0;
	let end = start;
	while (end < items.length && (end === start || used + items[end]!.rows <= budget)) used += items[end++]!.rows;
	return (
		<Box flexDirection="column">
			{start > 0 ? <Tone tone="muted">↑ {start} more (k)</Tone> : null}
			{items.slice(start, end).map((item) => (
				<Box key={item.key} flexDirection="column">
					{item.node}
				</Box>
			))}
			{end < items.length ? <Tone tone="muted">↓ {items.length - end} more (j, space)</Tone> : null}
		</Box>
	);
}
