/** The reference files of the current step (unlocked after it passes or after every hint). */
import {Box, Text} from 'ink';
import {currentLab, stepIndexOf} from '../../core/session/selectors.js';
import type {SessionState} from '../../core/session/state.js';
import {KeyBar, Title} from '../components.js';
import {Tone, useLayout} from '../theme.js';
import {rowsOf} from '../wrap.js';
import {keyBarRows, Scroller, type ScrollItem} from './scroller.js';

const KEYS: readonly (readonly [string, string])[] = [
	['j/k', 'scroll'],
	['esc', 'back'],
	['q', 'quit'],
];

export function SolutionScreen({state}: {readonly state: SessionState}) {
	const {columns} = useLayout();
	const lab = currentLab(state);
	const step = lab?.steps[stepIndexOf(state, lab)];
	if (!lab || !step) return <Text>No step.</Text>;
	const texts = state.solutions[lab.id] ?? {};
	const items: ScrollItem[] = step.solutionFiles.flatMap((file) => {
		const text = texts[file];
		const head: ScrollItem = {key: `${file}:head`, rows: rowsOf(`── ${file}`, columns), node: <Tone tone="accent" bold>{`── ${file}`}</Tone>};
		if (text === undefined) {
			const missing = `(missing from the package: labs/${lab.id}/solution/${file})`;
			return [head, {key: `${file}:missing`, rows: rowsOf(missing, columns), node: <Tone tone="bad">{missing}</Tone>}];
		}
		const lines = text.replace(/\n$/, '').split('\n');
		const width = String(lines.length).length;
		return [
			head,
			...lines.map((line, index) => ({
				key: `${file}:${index}`,
				rows: rowsOf(`${String(index + 1).padStart(width)} ${line}`, columns),
				node: (
					<Text>
						<Tone tone="muted">{String(index + 1).padStart(width)} </Tone>
						{line}
					</Text>
				),
			})),
		];
	});
	const footer = `catch-up writes these for you: dapr-labs catch-up --lab ${lab.id} --step ${stepIndexOf(state, lab) + 2}`;
	return (
		<Box flexDirection="column">
			<Title text={`Solution: ${step.title}`} right={`labs/${lab.id}/solution/`} />
			<Scroller items={items} scroll={state.scroll} reserved={2 + rowsOf(footer, columns) + keyBarRows(KEYS, columns)} />
			<Tone tone="muted">{footer}</Tone>
			<KeyBar keys={KEYS} />
		</Box>
	);
}
