/**
 * Every command's name and one-line summary, in the order `dapr-labs --help` lists them. The CLI's table
 * (src/commands/table.ts) lists commands from here without loading any declaration, so every start stays light;
 * each declaration (declarations/) takes its own summary from here.
 */
export const COMMAND_SUMMARIES = {
	'start': 'Open the interactive workbook (Ink) in this lab folder',
	'check': 'Check a lab folder against the lab rules',
	'cron': 'Explain a schedule the way Dapr runs it',
	'init': 'Write a lab starter into an empty folder',
	'catch-up': 'Bring a folder to the start of a step (your files are backed up first)',
	'reset': 'Clear saved workbook progress',
	'run': 'Run a lab under the real Dapr CLI and verify it',
	'doctor': 'Check that this machine is ready for the labs',
	'logs': "Show a past run's output (the self-hosted stand-in for `dapr logs`)",
	'grade': 'Grade many submissions (folders or archives)',
	'review': "Grade an assistant's Markdown answer by the lab rules",
	'room': "Run a workshop room: the class's progress live for the instructor",
	'join': "Share this lab folder's progress with a workshop room",
} as const;

export type CommandName = keyof typeof COMMAND_SUMMARIES;

/** `  name  summary` lines, names padded to the longest. */
export function summaryLines(entries: readonly (readonly [string, string])[]): string[] {
	const width = Math.max(...entries.map(([name]) => name.length));
	return entries.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`);
}
