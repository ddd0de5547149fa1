/** Help: the key table (the same one keys.ts dispatches on) and what real Dapr does for the current lab. */
import {Box, Text} from 'ink';
import {KEY_HELP} from '../../core/session/keys.js';
import {currentLab} from '../../core/session/selectors.js';
import type {SessionState} from '../../core/session/state.js';
import {KeyBar, Prose, Title} from '../components.js';
import {Tone, useLayout} from '../theme.js';
import {balanceBackticks, rowsOf, wrapLines} from '../wrap.js';
import {keyBarRows, Scroller, type ScrollItem} from './scroller.js';

const KEYS: readonly (readonly [string, string])[] = [
	['j/k', 'scroll'],
	['esc', 'back'],
	['q', 'quit'],
];

export function HelpScreen({state}: {readonly state: SessionState}) {
	const {columns} = useLayout();
	const lab = currentLab(state);
	const watchLine = 'Saving a file re-checks it; a step that passes moves you on.';
	const items: ScrollItem[] = [
		...KEY_HELP.map((entry) => {
			// Wrapped here, so no continuation line starts with the space Ink's own wrapping would leave.
			const lines = wrapLines(`${entry.keys}  ${entry.what}`.replace(/ {2}/, ' \u00a0'), columns - 1).map((line) => line.replace('\u00a0', ' '));
			return {
				key: entry.keys,
				rows: lines.length,
				node: (
					<Box flexDirection="column">
						{lines.map((line, index) =>
							index === 0 ? (
								<Text key={index}>
									<Tone tone="accent" bold>
										{entry.keys}
									</Tone>
									{line.slice(entry.keys.length)}
								</Text>
							) : (
								<Text key={index}>{line}</Text>
							),
						)}
					</Box>
				),
			};
		}),
		{key: 'watch', rows: rowsOf(watchLine, columns), node: <Text>{watchLine}</Text>},
		...(lab?.realDaprNotes?.length
			? [{key: 'real', rows: rowsOf(`What real Dapr does (${lab.title}):`, columns), node: <Tone tone="accent" bold>{`What real Dapr does (${lab.title}):`}</Tone>}]
			: []),
		...(lab?.realDaprNotes ?? []).map((note, index) => {
			const lines = balanceBackticks(wrapLines(note, columns - 5));
			return {
				key: `n${index}`,
				rows: lines.length,
				node: (
					<Box flexDirection="column">
						{lines.map((line, at) => (
							<Box key={at}>
								<Text>{at === 0 ? '• ' : '  '}</Text>
								<Prose text={line} />
							</Box>
						))}
					</Box>
				),
			};
		}),
	];
	return (
		<Box flexDirection="column">
			<Title text="Help" />
			<Scroller items={items} scroll={state.scroll} reserved={2 + keyBarRows(KEYS, columns)} />
			<KeyBar keys={KEYS} />
		</Box>
	);
}
