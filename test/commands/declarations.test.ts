import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {commandList, defineCommand, helpText, parseCommand, usageLine, type CommandDecl, type GroupDecl} from '../../src/commands/command.js';
import {commands} from '../../src/commands/index.js';
import {UsageError} from '../../src/commands/io.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {packageRoot} from '../../src/runner/package-root.js';
import {memoryIO} from './io.js';

const ids = async () => (await loadLabs()).map((lab) => lab.id);
const find = (name: string) => commands.find((command) => command.name === name)!;

describe('commands declared once', () => {
	it('`dapr-labs --help` lists every declared command with its summary; each has a handler module', async () => {
		const lines = commandList(commands);
		expect(lines).toHaveLength(commands.length);
		for (const [index, command] of commands.entries()) expect(lines[index]).toMatch(new RegExp(`^  ${command.name} +${command.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
		expect(new Set(commands.map((command) => command.name)).size).toBe(commands.length);
		for (const command of commands) expect(typeof (await command.load()).run, command.name).toBe('function');
	});

	it("every command's --help is the text generated from its declaration, and names every flag", async () => {
		for (const command of commands) {
			const {io, out} = memoryIO(packageRoot());
			const module = await command.load();
			expect(await module.run(['--help'], io), command.name).toBe(0);
			expect(out(), command.name).toBe(await helpText(command));
			expect(out()).toMatch(new RegExp(`^Usage: dapr-labs ${command.name}`));
			const decls: readonly CommandDecl[] = 'subcommands' in command ? command.subcommands : [command];
			for (const decl of decls) for (const flag of Object.keys(decl.flags)) expect(out(), `${command.name} --${flag}`).toContain(`--${flag}`);
		}
	});

	it('--lab choices and usage come from the lab definitions, in their order, the first being the default', async () => {
		const labs = await ids();
		expect(labs.length).toBeGreaterThan(1);
		expect(await usageLine(find('check'))).toContain(`[--lab ${labs.join('|')}|all]`);
		expect(await usageLine(find('run'))).toContain(`dapr-labs run <${labs.join('|')}>`);
		expect(await helpText(find('init'))).toContain(`${labs.join(', ')} (default: ${labs[0]})`);
		const init = find('init') as CommandDecl;
		expect((await parseCommand(init, []))!.values['lab']).toBe(labs[0]);
		for (const name of ['check', 'grade', 'doctor']) {
			const decl = find(name) as CommandDecl;
			await expect(parseCommand(decl, ['x', '--lab', 'nope'].slice(name === 'grade' ? 0 : 1))).rejects.toThrow(`--lab must be one of ${labs.join(', ')}, all (got "nope").`);
		}
		for (const name of ['start', 'init', 'reset', 'logs', 'catch-up']) {
			await expect(parseCommand(find(name) as CommandDecl, ['--lab', 'nope', ...(name === 'catch-up' ? ['--step', '1'] : [])]), name).rejects.toThrow(`--lab must be one of ${labs.join(', ')} (got "nope").`);
		}
		await expect(parseCommand(find('run') as CommandDecl, ['nope'])).rejects.toThrow(`--lab must be one of ${labs.join(', ')} (got "nope").`);
		await expect(parseCommand(find('run') as CommandDecl, [])).rejects.toThrow(`expected one lab (${labs.join(', ')}).\n\nUsage: dapr-labs run <${labs.join('|')}>`);
	});

	it('no file in src/commands names a lab', async () => {
		const root = join(packageRoot(), 'src', 'commands');
		const files = (await readdir(root, {recursive: true})).filter((file) => file.endsWith('.ts'));
		expect(files.length).toBeGreaterThan(10);
		const words = [...new Set([...(await ids()), 'lab-a', 'lab-b', 'combined'])];
		for (const file of files) {
			const text = await readFile(join(root, file), 'utf8');
			for (const word of words) expect(text.includes(word), `${file} names ${word}`).toBe(false);
		}
	});

	it('--format choices come from the output registries', async () => {
		const {checkFormats} = await import('../../src/report/check-formats.js');
		const {gradeFormats} = await import('../../src/report/grade-formats.js');
		const {runFormats} = await import('../../src/report/run-formats.js');
		const {doctorFormats} = await import('../../src/report/doctor-formats.js');
		expect(await usageLine(find('check'))).toContain(`[--format ${Object.keys(checkFormats).join('|')}]`);
		expect(await usageLine(find('grade'))).toContain(`[--format ${Object.keys(gradeFormats).join('|')}]`);
		expect(await usageLine(find('run'))).toContain(`[--format ${Object.keys(runFormats).join('|')}]`);
		expect(await usageLine(find('doctor'))).toContain(`[--format ${Object.keys(doctorFormats).join('|')}]`);
	});
});

describe('the command framework', () => {
	const demo = defineCommand({
		name: 'demo',
		summary: 'A demo',
		description: 'Does nothing.',
		positionals: {name: '<thing>...', min: 1, max: 2, missing: () => 'name a thing.', extra: (given, _choices, shown) => `too many: ${shown(given.join(' '))}.`},
		flags: {
			mode: {type: 'string', value: 'MODE', help: 'the mode', choices: async () => ['fast', 'slow'], default: async () => 'fast'},
			level: {type: 'string', value: 'N', help: 'a level', required: true},
			tag: {type: 'string', multiple: true, value: 'TAG', help: 'tags'},
			quiet: {type: 'boolean', help: 'say less', short: 'q'},
		},
	});

	it('parses values with defaults, lists and booleans', async () => {
		const parsed = (await parseCommand(demo, ['a', '--level', '3', '--tag', 'x', '--tag', 'y', '-q']))!;
		expect(parsed.positionals).toEqual(['a']);
		expect(parsed.values).toEqual({mode: 'fast', level: '3', tag: ['x', 'y'], quiet: true});
		expect(await parseCommand(demo, ['--help'])).toBeNull();
	});

	it('turns bad use into UsageError with the usage line', async () => {
		await expect(parseCommand(demo, ['--level', '1'])).rejects.toThrow('name a thing.\n\nUsage: dapr-labs demo <thing>... [--mode fast|slow] --level N [--tag TAG] [--quiet]');
		await expect(parseCommand(demo, ['a', 'b', '\u001B[31mc', '--level', '1'])).rejects.toThrow('too many: a b c.');
		await expect(parseCommand(demo, ['a'])).rejects.toThrow('--level is required.');
		await expect(parseCommand(demo, ['a', '--level', '1', '--mode', 'warp'])).rejects.toThrow('--mode must be one of fast, slow (got "warp").');
		await expect(parseCommand(demo, ['a', '--bogus'])).rejects.toBeInstanceOf(UsageError);
	});

	it('generates the help: usage, description, options with choices and defaults', async () => {
		expect(await helpText(demo)).toBe(
			[
				'Usage: dapr-labs demo <thing>... [--mode fast|slow] --level N [--tag TAG] [--quiet]',
				'',
				'Does nothing.',
				'',
				'Options:',
				'  --mode MODE  the mode: fast, slow (default: fast)',
				'  --level N    a level (required)',
				'  --tag TAG    tags',
				'  --quiet      say less',
				'  -h, --help   show this help',
				'',
			].join('\n'),
		);
	});

	it('a group without a subcommand prints its help and exits 2; an unknown one is a usage error', async () => {
		const module = await find('room').load();
		const room = find('room') as GroupDecl;
		const {io, out} = memoryIO(packageRoot());
		expect(await module.run([], io)).toBe(2);
		expect(out()).toBe(await helpText(room));
		await expect(module.run(['bogus'], io)).rejects.toThrow('unknown subcommand "bogus" (serve or watch).');
	});
});
