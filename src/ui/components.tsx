/**
 * Small shared view pieces: the title bar, the key-hint footer, inline `code` rendering.
 */
import {Box, Text} from 'ink';
import {Tone, useLayout} from './theme.js';

/** The screen title with a rule under it, sized to the terminal. */
export function Title({text, right}: {readonly text: string; readonly right?: string}) {
	const {columns} = useLayout();
	return (
		<Box flexDirection="column">
			<Box justifyContent="space-between">
				<Tone tone="accent" bold>
					{text}
				</Tone>
				{right ? <Tone tone="muted">{right}</Tone> : null}
			</Box>
			<Text>{'─'.repeat(Math.max(10, Math.min(columns, 200)))}</Text>
		</Box>
	);
}

/** The key hints at the bottom; wraps on narrow terminals. */
export function KeyBar({keys}: {readonly keys: readonly (readonly [string, string])[]}) {
	return (
		<Box flexWrap="wrap" columnGap={2}>
			{keys.map(([key, what]) => (
				<Text key={key}>
					<Tone tone="accent" bold>
						{key}
					</Tone>{' '}
					{what}
				</Text>
			))}
		</Box>
	);
}

/** A paragraph where `backticked` parts are highlighted (the backticks themselves dropped when colour shows them). */
export function Prose({text}: {readonly text: string}) {
	const {color} = useLayout();
	const parts = text.split(/(`[^`]+`)/g).filter(Boolean);
	return (
		<Text>
			{parts.map((part, index) =>
				part.startsWith('`') && part.endsWith('`') && part.length > 1 ? (
					color ? (
						<Tone key={index} tone="warn">
							{part.slice(1, -1)}
						</Tone>
					) : (
						<Text key={index}>{part}</Text>
					)
				) : (
					<Text key={index}>{part}</Text>
				),
			)}
		</Text>
	);
}

/** The flash line and any warnings. */
export function Messages({flash, warnings}: {readonly flash: string | null; readonly warnings: readonly string[]}) {
	return (
		<Box flexDirection="column">
			{warnings.map((warning, index) => (
				<Tone key={index} tone="warn">
					⚠ {warning}
				</Tone>
			))}
			{flash ? (
				<Tone tone={flash.startsWith('✔') ? 'ok' : 'warn'} bold>
					{flash}
				</Tone>
			) : null}
		</Box>
	);
}

/** Splits instruction text into paragraphs (blank-line separated; single newlines are soft). */
export function paragraphs(text: string): string[] {
	return text
		.trim()
		.split(/\n\s*\n/)
		.map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
		.filter(Boolean);
}
