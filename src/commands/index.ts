/**
 * Every command's declaration with its handler module (the CLI's table, table.ts, joined with declarations/), in the
 * order `dapr-labs --help` lists them: what the tests and the help read. The CLI itself starts from table.ts alone.
 */
import type {Command, CommandDecl, GroupDecl} from './command.js';
import {catchUpCommand, checkCommand, cronCommand, doctorCommand, gradeCommand, initCommand, joinCommand, logsCommand, resetCommand, reviewCommand, roomCommand, runCommand, startCommand} from './declarations/index.js';
import type {CommandName} from './names.js';
import {COMMAND_TABLE} from './table.js';

const DECLARATIONS: Readonly<Record<CommandName, CommandDecl | GroupDecl>> = {
	start: startCommand,
	check: checkCommand,
	cron: cronCommand,
	init: initCommand,
	'catch-up': catchUpCommand,
	reset: resetCommand,
	run: runCommand,
	doctor: doctorCommand,
	logs: logsCommand,
	grade: gradeCommand,
	review: reviewCommand,
	room: roomCommand,
	join: joinCommand,
};

export const commands: readonly Command[] = COMMAND_TABLE.map((entry) => ({...DECLARATIONS[entry.name], ...entry}));
