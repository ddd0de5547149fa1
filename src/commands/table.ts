/**
 * The CLI's command table: each command's name with its handler module, imported only to run it, in the order of
 * names.ts. It loads no declaration (a handler imports its own), so starting the CLI reads only this, names.ts and
 * the handler of the command that runs. The handler loaders live here, not in the declarations: every handler imports
 * its declaration, and a bundle of one command (dist/check-vm.js) must not carry the others.
 */
import type {CommandModule} from './command.js';
import type {CommandName} from './names.js';

export type CommandEntry = {
	readonly name: CommandName;
	/** The handler module, imported only to run the command. */
	readonly load: () => Promise<CommandModule>;
	/**
	 * A bundle the build writes with a V8 code cache (scripts/build.mjs: dist/<name>.js from this command's module):
	 * the CLI loads it instead of the ES module when it is there (runner/cached-module.ts).
	 */
	readonly cachedBundle?: string;
};

export const COMMAND_TABLE: readonly CommandEntry[] = [
	{name: 'start', load: () => import('./start.js')},
	{name: 'check', load: () => import('./check.js'), cachedBundle: 'check-vm'},
	{name: 'cron', load: () => import('./cron.js')},
	{name: 'init', load: () => import('./init.js')},
	{name: 'catch-up', load: () => import('./catch-up.js')},
	{name: 'reset', load: () => import('./reset.js')},
	{name: 'run', load: () => import('./run.js')},
	{name: 'doctor', load: () => import('./doctor.js')},
	{name: 'logs', load: () => import('./logs.js')},
	{name: 'grade', load: () => import('./grade.js')},
	{name: 'review', load: () => import('./review.js')},
	{name: 'room', load: () => import('./room.js')},
	{name: 'join', load: () => import('./join.js')},
];
