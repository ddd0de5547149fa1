/**
 * Colour that honours NO_COLOR: views use <Tone> instead of Ink's colour props, and without colour it renders
 * plain text (no colour props at all reach Ink).
 */
import {Text} from 'ink';
import {createContext, useContext, type ReactNode} from 'react';

/** Terminal facts the views need: colour on or off, and the size to lay out in. */
export type Layout = {readonly color: boolean; readonly columns: number; readonly rows: number};

export const LayoutContext = createContext<Layout>({color: true, columns: 80, rows: 24});

/** The layout of the current render. */
export function useLayout(): Layout {
	return useContext(LayoutContext);
}

export type ToneName = 'ok' | 'bad' | 'warn' | 'accent' | 'muted' | 'plain';

const COLORS: Readonly<Record<ToneName, string | undefined>> = {ok: 'green', bad: 'red', warn: 'yellow', accent: 'cyan', muted: 'gray', plain: undefined};

/** Text in a tone; bold is kept without colour because it carries no hue. */
export function Tone({tone = 'plain', bold, wrap, children}: {readonly tone?: ToneName; readonly bold?: boolean; readonly wrap?: 'wrap' | 'truncate-end'; readonly children?: ReactNode}) {
	const {color} = useLayout();
	const value = color ? COLORS[tone] : undefined;
	return value ? (
		<Text color={value} bold={bold ?? false} wrap={wrap ?? 'wrap'}>
			{children}
		</Text>
	) : (
		<Text bold={bold ?? false} wrap={wrap ?? 'wrap'}>
			{children}
		</Text>
	);
}
