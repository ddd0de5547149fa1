/**
 * The `run --format` registry: how a run is shown, event by event while it runs and as a whole when it ends. The
 * text format streams the run (the command, daprd's and the app's lines, triggers, checks) and ends with the
 * findings and the verdict; the JSON format prints one document at the end. Pure: the command feeds it events.
 */
import type {RunCheck} from '../core/diagnose.js';
import type {ClassifiedLine, RunEvent} from '../core/run-events.js';
import {stripControl} from '../core/text.js';
import {findingPlace, type Finding} from '../core/types.js';

/** What a finished (or stopped) run comes to. */
export type RunOutcome = {
	readonly lab: string;
	readonly status: Extract<RunEvent, {type: 'result'}>['status'];
	readonly command: readonly string[] | null;
	readonly checks: readonly RunCheck[];
	readonly notes: readonly string[];
	readonly findings: readonly Finding[];
	readonly logFile: string | null;
	/** The signal that stopped the run, or null. */
	readonly interrupted: string | null;
	/** Whether the result went into the folder's .dapr-labs/state.json. */
	readonly recorded: boolean;
};

export type RunFormat = {
	/** The output follows the run as it goes (so a note on stderr, such as "stopping...", does not disturb it). */
	readonly streams: boolean;
	/** The text for one event (no trailing newline), or null when this format shows nothing for it. */
	readonly event: (event: RunEvent) => string | null;
	/** What is printed when the run ends. */
	readonly end: (outcome: RunOutcome) => string;
};

/** Renders one event as text lines (no trailing newline), or null when the text front end shows nothing for it. */
export function formatRunEvent(event: RunEvent): string | null {
	switch (event.type) {
		case 'phase':
			return `» ${event.message}`;
		case 'command':
			return `$ ${event.argv.map(shellQuote).join(' ')}`;
		case 'line':
			// Blank lines (the CLI's trailing newlines) carry nothing; the log file keeps them.
			return event.line.text.trim() === '' ? null : formatLine(event.line);
		case 'trigger':
			return `✔ trigger ${event.index} at ${event.at}`;
		case 'expect':
			return `… expecting ${event.what} by ${event.deadline}`;
		case 'check':
			return `${event.status === 'pass' ? '✔' : event.status === 'fail' ? '✘' : '-'} ${stripControl(event.message)}`;
		case 'note':
			return `ℹ ${stripControl(event.message)}`;
		case 'finding':
		case 'result':
			return null;
	}
}

function formatLine(line: ClassifiedLine): string {
	const tag = line.source === 'daprd' ? `daprd ${line.level ?? ''}`.trim() : line.source;
	return `  [${tag}] ${stripControl(line.text)}`;
}

function shellQuote(arg: string): string {
	return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

/** `file:line:col  error  message  [rule]` plus the hint. */
export function formatRunFinding(finding: Finding): string {
	const where = findingPlace(finding);
	const hint = finding.hint ? `\n      hint: ${stripControl(finding.hint)}` : '';
	return `  ${where}  ${finding.severity}  ${stripControl(finding.message)}  [${finding.ruleId}]${hint}`;
}

/** The text format's ending: the findings, the verdict, where the full output is and whether it was recorded. */
export function formatRunEnd(outcome: RunOutcome): string {
	const {lab, status} = outcome;
	const findings = outcome.findings.length > 0 ? '\n' + outcome.findings.map(formatRunFinding).join('\n') + '\n' : '';
	const verdict = status === 'pass' ? `${lab}: verified.` : status === 'interrupted' ? `${lab}: interrupted; nothing was judged.` : status === 'not-ready' ? `${lab}: not ready to run (fix the environment first; \`dapr-labs doctor\` checks it all).` : `${lab}: the lab does not work yet.`;
	const saved = outcome.recorded ? `\nRecorded in .dapr-labs/state.json: the workbook and \`dapr-labs check\` show it.` : '';
	return `${findings}\n${verdict}${outcome.logFile ? `\nFull output: ${outcome.logFile}` : ''}${saved}\n`;
}

/** The JSON document `run --format json` prints (what `grade --run-result` reads back). */
export function formatRunJson(outcome: RunOutcome): string {
	const {lab, status, command, checks, notes, findings, logFile, interrupted, recorded} = outcome;
	return JSON.stringify({tool: 'dapr-labs', lab, status, command, checks, notes, findings, logFile, interrupted, recorded}, null, 2) + '\n';
}

/** Every format `run --format` accepts. */
export const runFormats: Readonly<Record<string, RunFormat>> = {
	text: {streams: true, event: formatRunEvent, end: formatRunEnd},
	json: {streams: false, event: () => null, end: formatRunJson},
};
