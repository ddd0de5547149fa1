/**
 * Commands declared once. A declaration (src/commands/declarations/<name>.ts) says a command's name, summary, flags
 * (type, default, choices, help) and positionals; parsing, the `--help` text, the usage line and the usage errors are
 * generated here from it, and src/commands/index.ts pairs it with its handler module. Declarations stay light (no lab
 * definitions, no formatters, no rules are loaded to declare a command): lists a flag takes from data (lab ids, output
 * formats) are functions called only when the command runs or prints its help, and a handler module is imported only
 * to run its command.
 */
import {parseArgs} from 'node:util';
import {UsageError, type CommandIO} from './io.js';
import {summaryLines} from './names.js';
import type {CommandEntry} from './table.js';

/** A fixed list, or one read when needed (lab ids from the lab definitions, format names from a registry). */
export type Choices = readonly string[] | (() => Promise<readonly string[]>);

export type StringFlag = {
	readonly type: 'string';
	/** The value's name in usage and help: PATH, N, ID. Flags with choices show the choices in the usage line. */
	readonly value: string;
	readonly help: string;
	readonly choices?: Choices;
	/** Used when the flag is not given; a function for a default read from data (the first lab). */
	readonly default?: string | (() => Promise<string>);
	/** How the help names the default when it is not the value itself ("the current folder"). */
	readonly defaultText?: string;
	readonly required?: boolean;
	readonly multiple?: false;
	/** A one-letter alias (`-x`). */
	readonly short?: string;
};
export type ListFlag = {readonly type: 'string'; readonly multiple: true; readonly value: string; readonly help: string};
export type BooleanFlag = {readonly type: 'boolean'; readonly help: string; readonly short?: string};
export type Flag = StringFlag | ListFlag | BooleanFlag;
export type Flags = Readonly<Record<string, Flag>>;

export type Positionals = {
	/** As shown in the usage line: `<folder-or-archive>...`, `"<schedule>"`. */
	readonly name: string;
	readonly min: number;
	readonly max: number;
	/** The flag-like name errors use for a positional with choices (`--lab must be one of ...`). */
	readonly choiceName?: string;
	readonly choices?: Choices;
	/** The usage error when fewer than `min` are given (the usage follows it). */
	readonly missing?: (choices: readonly string[]) => string;
	/**
	 * The usage error when more than `max` are given (the usage follows it). `shown` is what the user typed, made
	 * safe to print (core/text.ts stripControl, loaded only for this error).
	 */
	readonly extra?: (given: readonly string[], choices: readonly string[], shown: (text: string) => string) => string;
	readonly help?: string;
};

/** What a flag's value is in the handler: booleans and lists as parseArgs gives them, strings with their default. */
export type FlagValue<F extends Flag> = F extends BooleanFlag ? boolean | undefined : F extends ListFlag ? string[] | undefined : F extends {readonly default: unknown} ? string : F extends {readonly required: true} ? string : string | undefined;
export type Values<F extends Flags> = {-readonly [K in keyof F]: FlagValue<F[K]>};
export type Parsed<F extends Flags> = {readonly values: Values<F>; readonly positionals: readonly string[]};

type Common = {
	readonly name: string;
	/** One line, shown by `dapr-labs --help`. */
	readonly summary: string;
	/** What the command does, shown under the usage line by `--help` (paragraphs, no trailing newline). */
	readonly description: string;
	/** Extra usage lines (other forms of the command), shown after the generated one. */
	readonly otherUsage?: readonly string[];
	/** What follows the options in `--help` (exit codes, notes). */
	readonly epilogue?: string;
};

export type CommandDecl<F extends Flags = Flags> = Common & {
	readonly flags: F;
	/** Absent: the command takes no positional argument (parseArgs says so for any). */
	readonly positionals?: Positionals;
};

/** A command made of subcommands (`room serve`, `room watch`): the first argument picks one. */
export type GroupDecl = Common & {readonly subcommands: readonly CommandDecl[]};

/** What a handler module exports: the command run from its arguments (what cli.ts and the tests call). */
export type CommandModule = {run(argv: readonly string[], io: CommandIO): Promise<number>; readonly UsageError?: typeof UsageError};

/** A declared command with its handler module (src/commands/index.ts: table.ts joined with declarations/). */
export type Command = (CommandDecl | GroupDecl) & Omit<CommandEntry, 'name'>;

/** Declares a command (typed, so the handler's values follow its flags). */
export function defineCommand<const F extends Flags>(decl: CommandDecl<F>): CommandDecl<F> {
	return decl;
}

/** Declares a command made of subcommands. */
export function defineGroup(decl: GroupDecl): GroupDecl {
	return decl;
}

async function resolveChoices(choices: Choices | undefined): Promise<readonly string[] | undefined> {
	return typeof choices === 'function' ? choices() : choices;
}

function flagWords(name: string, flag: Flag, choices: readonly string[] | undefined): string {
	if (flag.type === 'boolean') return `--${name}`;
	return `--${name} ${choices ? choices.join('|') : flag.value}`;
}

/** The usage line(s): `Usage: dapr-labs check [--lab a|b|all] [--dir PATH] ...`. */
export async function usageLine(decl: CommandDecl | GroupDecl, prefix = 'dapr-labs'): Promise<string> {
	const lines: string[] = [];
	if ('subcommands' in decl) {
		for (const sub of decl.subcommands) lines.push(await usageOf(sub, `${prefix} ${decl.name}`));
	} else {
		lines.push(await usageOf(decl, prefix));
	}
	lines.push(...(decl.otherUsage ?? []).map((line) => `${prefix} ${line}`));
	return lines.map((line, index) => `${index === 0 ? 'Usage: ' : '       '}${line}`).join('\n');
}

async function usageOf(decl: CommandDecl, prefix: string): Promise<string> {
	const words = [`${prefix} ${decl.name}`];
	if (decl.positionals && decl.positionals.name !== '') words.push(decl.positionals.choices ? `<${(await resolveChoices(decl.positionals.choices))!.join('|')}>` : decl.positionals.name);
	for (const [name, flag] of Object.entries(decl.flags)) {
		const text = flagWords(name, flag, flag.type === 'string' && !flag.multiple ? await resolveChoices(flag.choices) : undefined);
		words.push(flag.type === 'string' && !flag.multiple && flag.required ? text : `[${text}]`);
	}
	return wrap(words, 118);
}

/** Words joined into lines of at most `width` characters, continued under the first word's end. */
function wrap(words: readonly string[], width: number): string {
	const indent = ' '.repeat('Usage: '.length + words[0]!.length + 1);
	const lines = [words[0]!];
	for (const word of words.slice(1)) {
		const last = lines[lines.length - 1]!;
		if (last.length + 1 + word.length + (lines.length === 1 ? 'Usage: '.length : 0) > width && last.trim() !== '') lines.push(`${indent}${word}`);
		else lines[lines.length - 1] = `${last} ${word}`;
	}
	return lines.join('\n');
}

async function defaultOf(flag: StringFlag): Promise<string | undefined> {
	return typeof flag.default === 'function' ? flag.default() : flag.default;
}

/** The options part of `--help`: one flag a line, its help, its choices and its default. */
async function optionLines(decl: CommandDecl): Promise<string[]> {
	const rows: [string, string][] = [];
	if (decl.positionals?.help) rows.push([decl.positionals.choices ? `<${decl.positionals.choiceName ?? 'choice'}>` : decl.positionals.name, decl.positionals.help]);
	for (const [name, flag] of Object.entries(decl.flags)) {
		const left = flag.type === 'boolean' ? `--${name}` : `--${name} ${flag.value}`;
		let help = flag.help;
		if (flag.type === 'string' && !flag.multiple) {
			const choices = await resolveChoices(flag.choices);
			if (choices) help += `: ${choices.join(', ')}`;
			const fallback = flag.defaultText ?? (await defaultOf(flag));
			if (fallback !== undefined) help += ` (default: ${fallback})`;
			else if (flag.required) help += ' (required)';
		}
		rows.push([left, help]);
	}
	rows.push(['-h, --help', 'show this help']);
	const width = Math.max(...rows.map(([left]) => left.length));
	// A help of several lines continues under its first line.
	return rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help.replaceAll('\n', `\n${' '.repeat(width + 4)}`)}`);
}

/** The whole `--help` text, with a trailing newline. */
export async function helpText(decl: CommandDecl | GroupDecl, prefix = 'dapr-labs'): Promise<string> {
	const parts = [await usageLine(decl, prefix), '', decl.description];
	if ('subcommands' in decl) {
		for (const sub of decl.subcommands) parts.push('', `${sub.name}: ${sub.description}`, ...(await optionLines(sub)));
	} else {
		parts.push('', 'Options:', ...(await optionLines(decl)));
	}
	if (decl.epilogue) parts.push('', decl.epilogue);
	return parts.join('\n') + '\n';
}

/** Checks a value against its choices, with the error every command gave for a bad choice. */
export function oneOf(name: string, value: string, allowed: readonly string[]): string {
	if (allowed.includes(value)) return value;
	throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}").`);
}

/**
 * Parses `argv` by the declaration: null for `--help` (the help is printed), else the values with their defaults,
 * choices checked. Bad use throws UsageError.
 */
export async function parseCommand<F extends Flags>(decl: CommandDecl<F>, argv: readonly string[], prefix = 'dapr-labs'): Promise<Parsed<F> | null> {
	const options: Record<string, {type: 'string' | 'boolean'; multiple?: boolean; short?: string}> = {help: {type: 'boolean', short: 'h'}};
	for (const [name, flag] of Object.entries(decl.flags)) options[name] = {type: flag.type, ...(flag.type === 'string' && flag.multiple ? {multiple: true} : {}), ...('short' in flag && flag.short ? {short: flag.short} : {})};
	let parsed;
	try {
		parsed = parseArgs({args: [...argv], options, allowPositionals: decl.positionals !== undefined, strict: true});
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
	if (parsed.values['help']) return null;
	const positionals = parsed.positionals;
	const spec = decl.positionals;
	if (spec) {
		const choices = (await resolveChoices(spec.choices)) ?? [];
		const shown = positionals.length > spec.max ? (await import('../core/text.js')).stripControl : String;
		const bad = positionals.length < spec.min ? spec.missing?.(choices) : positionals.length > spec.max ? spec.extra?.(positionals, choices, shown) : undefined;
		if (bad !== undefined) throw new UsageError(`${bad}\n\n${await usageLine(decl, prefix)}`);
		if (spec.choices) for (const value of positionals) oneOf(spec.choiceName ?? 'value', value, choices);
	}
	// Missing required flags first, then bad values, in the declaration's order.
	for (const [name, flag] of Object.entries(decl.flags)) if (flag.type === 'string' && !flag.multiple && flag.required && parsed.values[name] === undefined) throw new UsageError(`--${name} is required.`);
	const values: Record<string, unknown> = {};
	for (const [name, flag] of Object.entries(decl.flags)) {
		const given = parsed.values[name];
		if (flag.type !== 'string' || flag.multiple) {
			values[name] = given;
			continue;
		}
		if (given === undefined) {
			values[name] = await defaultOf(flag);
			continue;
		}
		const choices = await resolveChoices(flag.choices);
		values[name] = choices ? oneOf(name, given as string, choices) : given;
	}
	return {values: values as Values<F>, positionals};
}

/** A handler module's `run`: parses by the declaration (printing `--help`), then calls the handler. */
export function commandRunner<F extends Flags>(decl: CommandDecl<F>, handler: (parsed: Parsed<F>, io: CommandIO) => Promise<number>, prefix = 'dapr-labs'): (argv: readonly string[], io: CommandIO) => Promise<number> {
	return async (argv, io) => {
		const parsed = await parseCommand(decl, argv, prefix);
		if (parsed === null) {
			io.out(await helpText(decl, prefix));
			return 0;
		}
		return handler(parsed, io);
	};
}

/** `dapr-labs <group> <sub> ...`: no subcommand prints the help (exit 2), an unknown one is a usage error. */
export function groupRunner(decl: GroupDecl, runners: Readonly<Record<string, (argv: readonly string[], io: CommandIO) => Promise<number>>>): (argv: readonly string[], io: CommandIO) => Promise<number> {
	return async ([sub, ...rest], io) => {
		const runner = sub === undefined ? undefined : Object.hasOwn(runners, sub) ? runners[sub] : undefined;
		if (runner) return runner(rest, io);
		if (sub === undefined || sub === '--help' || sub === '-h') {
			io.out(await helpText(decl));
			return sub === undefined ? 2 : 0;
		}
		throw new UsageError(`unknown subcommand "${sub}" (${decl.subcommands.map((s) => s.name).join(' or ')}).`);
	};
}

/** The commands as `dapr-labs --help` lists them. */
export function commandList(decls: readonly (CommandDecl | GroupDecl)[]): string[] {
	return summaryLines(decls.map((decl) => [decl.name, decl.summary]));
}
