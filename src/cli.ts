/**
 * Entry point: picks the command and lazy-loads only what it needs (Ink and React load for `start` alone), so
 * `check` and `cron` start close to bare node. Exit codes follow ESLint: 0 clean, 1 findings, 2 usage/internal.
 */
import type {CommandIO} from './commands/io.js';
import {defaultIO, UsageError} from './commands/io.js';
import {detectInvocation, withInvocation} from './commands/invocation.js';
import {loadCachedModule} from './runner/cached-module.js';
import {VERSION} from './version.js';

type CommandModule = {run(argv: readonly string[], io: CommandIO): Promise<number>; readonly UsageError?: typeof UsageError};
type Command = {readonly summary: string; readonly load: () => Promise<CommandModule>};

/**
 * The check command from dist/check-vm.js, compiled with the V8 code cache the build wrote next to it
 * (runner/cached-module.ts): compiling afresh is a third of a check's own time. null when the files are not there
 * (running from src/, a partial build): the caller imports the ES module.
 */
function loadCachedCheck(): CommandModule | null {
	const check = loadCachedModule<Partial<CommandModule>>('check-vm', import.meta.url);
	return typeof check?.run === 'function' ? (check as CommandModule) : null;
}

const commands: Readonly<Record<string, Command>> = {
	start: {summary: 'Open the interactive workbook (Ink) in this lab folder', load: () => import('./commands/start.js')},
	check: {summary: 'Check a lab folder against the lab rules', load: async () => loadCachedCheck() ?? import('./commands/check.js')},
	cron: {summary: 'Explain a schedule the way Dapr runs it', load: () => import('./commands/cron.js')},
	init: {summary: 'Write a lab starter into an empty folder', load: () => import('./commands/init.js')},
	'catch-up': {summary: 'Bring a folder to the start of a step (your files are backed up first)', load: () => import('./commands/catch-up.js')},
	reset: {summary: 'Clear saved workbook progress', load: () => import('./commands/reset.js')},
	run: {summary: 'Run a lab under the real Dapr CLI and verify it', load: () => import('./commands/run.js')},
	doctor: {summary: 'Check that this machine is ready for the labs', load: () => import('./commands/doctor.js')},
	logs: {summary: "Show a past run's output (the self-hosted stand-in for `dapr logs`)", load: () => import('./commands/logs.js')},
	grade: {summary: 'Grade many submissions (folders or archives)', load: () => import('./commands/grade.js')},
	review: {summary: "Grade an assistant's Markdown answer by the lab rules", load: () => import('./commands/review.js')},
	room: {summary: "Run a workshop room: the class's progress live for the instructor", load: () => import('./commands/room.js')},
	join: {summary: "Share this lab folder's progress with a workshop room", load: () => import('./commands/join.js')},
};

function usage(): string {
	const width = Math.max(...Object.keys(commands).map((name) => name.length));
	const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
	return [`dapr-labs ${VERSION}: labs for Dapr bindings and triggers`, '', 'Usage: dapr-labs <command> [options]', '', 'Commands:', ...lines, '', 'Run `dapr-labs <command> --help` for the options of one command.'].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
	const io = withInvocation(defaultIO(), detectInvocation(process.env, process.argv[1]));
	const [name, ...rest] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		io.out(usage() + '\n');
		return name === undefined ? 2 : 0;
	}
	if (name === '--version' || name === '-v') {
		io.out(VERSION + '\n');
		return 0;
	}
	const command = commands[name];
	if (!command) {
		io.err(`dapr-labs: unknown command "${name}".\n\n${usage()}\n`);
		return 2;
	}
	let module: CommandModule | undefined;
	try {
		module = await command.load();
		return await module.run(rest, io);
	} catch (error) {
		// dist/check-vm.js carries its own copy of UsageError.
		if (error instanceof UsageError || (module?.UsageError !== undefined && error instanceof module.UsageError)) {
			io.err(`dapr-labs ${name}: ${error.message}\n`);
			return 2;
		}
		// A bad lab.yaml (runner/labs-loader.ts) is content, not a bug: its message names file:line of each problem.
		if (error instanceof Error && error.name === 'LabDefinitionError') {
			io.err(`${error.message}\n`);
			return 2;
		}
		io.err(`dapr-labs ${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		return 2;
	}
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`dapr-labs: ${String(error)}\n`);
		process.exitCode = 2;
	},
);
