/** The reference screens, generated from the schedule engine, the catalog and the rules (core/session/reference.ts). */
import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {cronReference, operationsTable, troubleshootingTable} from '../../core/session/reference.js';
import type {SessionState} from '../../core/session/state.js';
import {KeyBar, Title} from '../components.js';
import {Tone, useLayout} from '../theme.js';
import {rowsOf} from '../wrap.js';
import {keyBarRows, Scroller, type ScrollItem} from './scroller.js';

const BACK_KEYS: readonly (readonly [string, string])[] = [
	['j/k', 'scroll'],
	['esc', 'back'],
	['?', 'help'],
	['q', 'quit'],
];

export function CronScreen({state}: {readonly state: SessionState}) {
	const {columns} = useLayout();
	const rows = useMemo(() => cronReference(), []);
	const items: ScrollItem[] = rows.map((row) => {
		const head = `${row.valid ? '✔' : '✖'} ${row.spec}${row.form ? ` (${row.form})` : ''}`;
		const meaning = `  ${row.meaning}${row.sixField ? ` = ${row.sixField}` : ''}`;
		const note = `  ${row.note}`;
		return {
			key: row.spec,
			rows: rowsOf(head, columns) + rowsOf(meaning, columns) + rowsOf(note, columns),
			node: (
				<>
					<Text>
						<Tone tone={row.valid ? 'ok' : 'bad'}>{row.valid ? '✔' : '✖'}</Tone> <Tone bold>{row.spec}</Tone>
						{row.form ? <Tone tone="muted"> ({row.form})</Tone> : null}
					</Text>
					<Text>{meaning}</Text>
					<Tone tone="muted">{note}</Tone>
				</>
			),
		};
	});
	return (
		<Box flexDirection="column">
			<Title text="Cron schedules as Dapr reads them" right="daprd's zone" />
			<Scroller items={items} scroll={state.scroll} reserved={2 + keyBarRows(BACK_KEYS, columns)} />
			<KeyBar keys={BACK_KEYS} />
		</Box>
	);
}

export function OperationsScreen({state}: {readonly state: SessionState}) {
	const {columns} = useLayout();
	const rows = useMemo(() => operationsTable(), []);
	const intro = 'invoke_binding(operation=...) must be one of these, exactly as written, case included (post, bulkGet).';
	const items: ScrollItem[] = rows.map((row) => {
		const tags = [row.input ? 'input' : null, row.output ? 'output' : null].filter(Boolean).join(' + ');
		const ops = `  ${row.output ? (row.operations.length ? row.operations.join(', ') : '(no operations listed)') : 'no operations: input only, Dapr calls your app'}`;
		return {
			key: row.type,
			rows: rowsOf(`${row.type} ${tags}`, columns) + rowsOf(ops, columns),
			node: (
				<>
					<Text>
						<Tone bold>{row.type}</Tone> <Tone tone="muted">{tags}</Tone>
					</Text>
					<Text>{ops}</Text>
				</>
			),
		};
	});
	return (
		<Box flexDirection="column">
			<Title text="Output operations by binding" right={`${rows.length} bindings`} />
			<Tone tone="muted">{intro}</Tone>
			<Scroller items={items} scroll={state.scroll} reserved={2 + rowsOf(intro, columns) + keyBarRows(BACK_KEYS, columns)} />
			<KeyBar keys={BACK_KEYS} />
		</Box>
	);
}

export function TroubleshootingScreen({state}: {readonly state: SessionState}) {
	const {columns} = useLayout();
	const rows = useMemo(() => troubleshootingTable(), []);
	const items: ScrollItem[] = rows.map((row) => ({
		key: row.ruleId,
		rows: rowsOf(`Symptom: ${row.symptom}`, columns) + rowsOf(`Cause: ${row.cause}`, columns) + rowsOf(`Fix: ${row.fix} (${row.ruleId})`, columns) + 1,
		node: (
			<Box flexDirection="column" marginBottom={1}>
				<Text>
					<Tone tone="warn">Symptom:</Tone> {row.symptom}
				</Text>
				<Text>
					<Tone tone="accent">Cause:</Tone> {row.cause}
				</Text>
				<Text>
					<Tone tone="ok">Fix:</Tone> {row.fix} <Tone tone="muted">({row.ruleId})</Tone>
				</Text>
			</Box>
		),
	}));
	return (
		<Box flexDirection="column">
			<Title text="Troubleshooting" right={`${rows.length} entries`} />
			<Scroller items={items} scroll={state.scroll} reserved={2 + keyBarRows(BACK_KEYS, columns)} />
			<KeyBar keys={BACK_KEYS} />
		</Box>
	);
}
