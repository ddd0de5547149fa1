/**
 * Entry point: picks the command and lazy-loads only what it needs (Ink and React load for `start` alone), so
 * `check` and `cron` start close to bare node. Exit codes follow ESLint: 0 clean, 1 findings, 2 usage/internal.
 */
import type {CommandModule} from './commands/command.js';
import {COMMAND_SUMMARIES, summaryLines} from './commands/names.js';
import {COMMAND_TABLE} from './commands/table.js';
import {defaultIO, UsageError} from './commands/io.js';
import {detectInvocation, withInvocation} from './commands/invocation.js';
import {loadCachedModule} from './runner/cached-module.js';
import {VERSION} from './version.js';

/**
 * A command's handler module: the bundle the build compiled with a V8 code cache when the declaration names one
 * (dist/check-vm.js: compiling afresh is a third of a check's own time; runner/cached-module.ts), else the ES module
 * (running from src/, a partial build).
 */
async function loadHandler(command: (typeof COMMAND_TABLE)[number]): Promise<CommandModule> {
	if (command.cachedBundle) {
		const cached = loadCachedModule<Partial<CommandModule>>(command.cachedBundle, import.meta.url);
		if (typeof cached?.run === 'function') return cached as CommandModule;
	}
	return command.load();
}

function usage(): string {
	return [`dapr-labs ${VERSION}: labs for Dapr bindings and triggers`, '', 'Usage: dapr-labs <command> [options]', '', 'Commands:', ...summaryLines(COMMAND_TABLE.map((entry) => [entry.name, COMMAND_SUMMARIES[entry.name]])), '', 'Run `dapr-labs <command> --help` for the options of one command.'].join('\n');
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
	const command = COMMAND_TABLE.find((candidate) => candidate.name === name);
	if (!command) {
		io.err(`dapr-labs: unknown command "${name}".\n\n${usage()}\n`);
		return 2;
	}
	let module: CommandModule | undefined;
	try {
		module = await loadHandler(command);
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
