/**
 * The workbook app: picks the screen for the session state. Views only render; use-session does the rest.
 */
import {Box, Text, useApp, useInput, useStdout} from 'ink';
import {useEffect, useState} from 'react';
import {currentScreen} from '../core/session/selectors.js';
import type {SessionState} from '../core/session/state.js';
import {HelpScreen} from './screens/help.js';
import {LabListScreen} from './screens/lab-list.js';
import {QuizScreen} from './screens/quiz.js';
import {CronScreen, OperationsScreen, TroubleshootingScreen} from './screens/reference.js';
import {SolutionScreen} from './screens/solution.js';
import {StepScreen} from './screens/step.js';
import {LayoutContext} from './theme.js';
import {useSession, type SessionDeps} from './use-session.js';

export type AppProps = {
	readonly initial: SessionState;
	readonly deps: SessionDeps;
	readonly color: boolean;
	/** Fixed size (tests); otherwise the terminal's, following resizes. */
	readonly columns?: number;
	readonly rows?: number;
};

function useTerminalSize(columns?: number, rows?: number): {columns: number; rows: number} {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => ({columns: columns ?? stdout.columns ?? 80, rows: rows ?? stdout.rows ?? 24}));
	useEffect(() => {
		if (columns !== undefined && rows !== undefined) return;
		const onResize = () => setSize({columns: columns ?? stdout.columns ?? 80, rows: rows ?? stdout.rows ?? 24});
		stdout.on('resize', onResize);
		return () => void stdout.off('resize', onResize);
	}, [columns, rows, stdout]);
	return size;
}

/** The screen for a state (exported for tests that render a state directly). */
export function ScreenFor({state}: {readonly state: SessionState}) {
	const screen = currentScreen(state);
	switch (screen.kind) {
		case 'labs':
			return <LabListScreen state={state} />;
		case 'step':
			return <StepScreen state={state} />;
		case 'solution':
			return <SolutionScreen state={state} />;
		case 'help':
			return <HelpScreen state={state} />;
		case 'cron':
			return <CronScreen state={state} />;
		case 'operations':
			return <OperationsScreen state={state} />;
		case 'troubleshooting':
			return <TroubleshootingScreen state={state} />;
		case 'quiz':
			return <QuizScreen state={state} />;
		default: {
			const unreachable: never = screen;
			return unreachable;
		}
	}
}

export function App({initial, deps, color, columns, rows}: AppProps) {
	const app = useApp();
	const size = useTerminalSize(columns, rows);
	const {state, onKey} = useSession(initial, {...deps, onQuit: () => (deps.onQuit ? deps.onQuit() : app.exit())});
	useInput((input, key) => onKey(input, key));
	// Ink draws one column short of the width to avoid the terminal's auto-wrap on the last cell.
	const width = Math.max(20, size.columns - 1);
	return (
		<LayoutContext.Provider value={{color, columns: width, rows: size.rows}}>
			<Box flexDirection="column" width={width}>
				{state.quitting ? <Text>Stopping…</Text> : <ScreenFor state={state} />}
			</Box>
		</LayoutContext.Provider>
	);
}
