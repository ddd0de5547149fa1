/** The lab list: each lab with its progress; enter opens the highlighted one. */
import {Box, Text} from 'ink';
import {labSummary} from '../../core/session/selectors.js';
import type {SessionState} from '../../core/session/state.js';
import {KeyBar, Messages, Title} from '../components.js';
import {Tone, useLayout} from '../theme.js';
import {rowsOf} from '../wrap.js';
import {keyBarRows} from './scroller.js';

const KEYS: readonly (readonly [string, string])[] = [
	['↑↓', 'select'],
	['enter', 'open'],
	['c', 'cron'],
	['o', 'operations'],
	['t', 'troubleshooting'],
	['b', 'quiz'],
	['?', 'help'],
	['q', 'quit'],
];

export function LabListScreen({state}: {readonly state: SessionState}) {
	const {columns, rows} = useLayout();
	const selected = state.labs[state.labIndex];
	const messages = [...state.warnings, ...(state.flash ? [state.flash] : []), ...(state.checkError ? [state.checkError] : [])];
	const used = 2 + state.labs.reduce((sum, lab) => sum + rowsOf(lab.title, columns - 4) + 1, 0) + 1 + keyBarRows(KEYS, columns) + messages.reduce((sum, m) => sum + rowsOf(m, columns) + 1, 0);
	// The summary is the first thing to go on a short terminal.
	const summary = selected && rowsOf(selected.summary, columns) + 1 <= rows - 2 - used ? selected.summary : null;
	return (
		<Box flexDirection="column">
			<Title text="dapr-labs: Bindings and Triggers" right={state.checking ? 'checking…' : undefined} />
			{state.labs.map((lab, index) => {
				const summary = labSummary(state, lab);
				const done = summary.passed === summary.total;
				const active = index === state.labIndex;
				return (
					<Box key={lab.id}>
						<Text>{active ? '❯ ' : '  '}</Text>
						<Box flexDirection="column" flexShrink={1}>
							<Tone tone={done ? 'ok' : active ? 'accent' : 'plain'} bold={active}>
								{done ? '✔ ' : ''}
								{lab.title}
							</Tone>
							<Tone tone="muted">
								{summary.passed}/{summary.total} steps
								{summary.score === null ? '' : ` · ${summary.score}/${summary.maxScore} points`}
							</Tone>
						</Box>
					</Box>
				);
			})}
			{summary ? (
				<Box marginTop={1}>
					<Text>{summary}</Text>
				</Box>
			) : null}
			{state.checkError ? <Tone tone="bad">Check failed: {state.checkError}</Tone> : null}
			<Messages flash={state.flash} warnings={state.warnings} />
			<Box marginTop={1}>
				<KeyBar keys={KEYS} />
			</Box>
		</Box>
	);
}
