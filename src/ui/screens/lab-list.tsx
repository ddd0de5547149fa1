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

/**
 * How the list is drawn in the rows there are: two rows per lab (title, then progress) with the highlighted lab's
 * summary; else one row per lab, keeping the summary; else two rows per lab without it; else one row per lab; else a
 * window of one-row labs around the highlighted one. A lab is data (labs/<id>/), so the list has no fixed length.
 */
type Plan = {readonly compact: boolean; readonly summary: boolean; readonly first: number; readonly count: number};

function planList(state: SessionState, columns: number, budget: number): Plan {
	const labs = state.labs;
	const selected = labs[state.labIndex];
	const summaryRows = selected ? rowsOf(selected.summary, columns) + 1 : 0;
	const full = labs.reduce((sum, lab) => sum + rowsOf(lab.title, columns - 4) + 1, 0);
	const all = {first: 0, count: labs.length};
	if (full + summaryRows <= budget) return {compact: false, summary: true, ...all};
	if (labs.length + summaryRows <= budget) return {compact: true, summary: true, ...all};
	if (full <= budget) return {compact: false, summary: false, ...all};
	if (labs.length <= budget) return {compact: true, summary: false, ...all};
	// A window: its first and last rows say how many labs are above and below when there are any.
	const count = Math.max(1, budget - 2);
	const first = Math.min(Math.max(0, state.labIndex - Math.floor(count / 2)), Math.max(0, labs.length - count));
	return {compact: true, summary: false, first, count};
}

export function LabListScreen({state}: {readonly state: SessionState}) {
	const {columns, rows} = useLayout();
	const selected = state.labs[state.labIndex];
	const messages = [...state.warnings, ...(state.flash ? [state.flash] : []), ...(state.checkError ? [state.checkError] : [])];
	// Rows left for the list (and the summary): the title (2), the gap and the key bar, the messages, and one spare so
	// the frame stays shorter than the terminal.
	const budget = rows - 2 - (1 + keyBarRows(KEYS, columns)) - messages.reduce((sum, m) => sum + rowsOf(m, columns) + 1, 0) - 1;
	const plan = planList(state, columns, budget);
	const shown = state.labs.slice(plan.first, plan.first + plan.count);
	const above = plan.first;
	const below = state.labs.length - plan.first - shown.length;
	return (
		<Box flexDirection="column">
			<Title text="dapr-labs: Bindings and Triggers" right={state.checking ? 'checking…' : undefined} />
			{above > 0 ? <Tone tone="muted">  ↑ {above} more</Tone> : null}
			{shown.map((lab, offset) => {
				const summary = labSummary(state, lab);
				const done = summary.passed === summary.total;
				const active = plan.first + offset === state.labIndex;
				const progress = `${summary.passed}/${summary.total} steps${summary.score === null ? '' : ` · ${summary.score}/${summary.maxScore} points`}`;
				if (plan.compact) {
					return (
						<Box key={lab.id}>
							<Text>{active ? '❯ ' : '  '}</Text>
							<Box flexShrink={1}>
								<Tone tone={done ? 'ok' : active ? 'accent' : 'plain'} bold={active} wrap="truncate-end">
									{done ? '✔ ' : ''}
									{lab.title} · {summary.passed}/{summary.total}
								</Tone>
							</Box>
						</Box>
					);
				}
				return (
					<Box key={lab.id}>
						<Text>{active ? '❯ ' : '  '}</Text>
						<Box flexDirection="column" flexShrink={1}>
							<Tone tone={done ? 'ok' : active ? 'accent' : 'plain'} bold={active}>
								{done ? '✔ ' : ''}
								{lab.title}
							</Tone>
							<Tone tone="muted">{progress}</Tone>
						</Box>
					</Box>
				);
			})}
			{below > 0 ? <Tone tone="muted">  ↓ {below} more</Tone> : null}
			{plan.summary && selected ? (
				<Box marginTop={1}>
					<Text>{selected.summary}</Text>
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
