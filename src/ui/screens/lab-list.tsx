/** The lab list: each lab with its progress; enter opens the highlighted one. */
import {Box, Text} from 'ink';
import {labSummary} from '../../core/session/selectors.js';
import type {SessionState} from '../../core/session/state.js';
import {KeyBar, Messages, Title} from '../components.js';
import {Tone} from '../theme.js';

export function LabListScreen({state}: {readonly state: SessionState}) {
	const selected = state.labs[state.labIndex];
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
			{selected ? (
				<Box marginTop={1}>
					<Text>{selected.summary}</Text>
				</Box>
			) : null}
			{state.checkError ? <Tone tone="bad">Check failed: {state.checkError}</Tone> : null}
			<Messages flash={state.flash} warnings={state.warnings} />
			<Box marginTop={1}>
				<KeyBar
					keys={[
						['↑↓', 'select'],
						['enter', 'open'],
						['c', 'cron'],
						['o', 'operations'],
						['t', 'troubleshooting'],
						['b', 'quiz'],
						['?', 'help'],
						['q', 'quit'],
					]}
				/>
			</Box>
		</Box>
	);
}
