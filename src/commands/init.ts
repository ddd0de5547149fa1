/**
 * `dapr-labs init [--lab ID] [--dir PATH]`: writes a lab's starter files into a folder that holds none of them.
 * Never overwrites: when any file exists it names them and exits 2.
 */
import {mkdir} from 'node:fs/promises';
import {resolve} from 'node:path';
import {LAB_IDS} from '../core/types.js';
import {safeName} from '../core/text.js';
import {writeStarter, WouldOverwriteError} from '../runner/workspace-writer.js';
import {oneOf, parse, type CommandIO} from './io.js';

const HELP = `Usage: dapr-labs init [--lab ID] [--dir PATH]

Writes the starter files of a lab into a folder (created when missing). Existing files are never overwritten.

  --lab ID     ${LAB_IDS.join(', ')} (default: lab-a).
  --dir PATH   The folder (default: the current folder).
`;

/** Runs the command. */
export async function run(argv: readonly string[], io: CommandIO): Promise<number> {
	const {values} = parse(argv, {lab: {type: 'string'}, dir: {type: 'string'}, help: {type: 'boolean', short: 'h'}}, false);
	if (values.help) {
		io.out(HELP);
		return 0;
	}
	const lab = oneOf('lab', values.lab, LAB_IDS, 'lab-a');
	const dir = resolve(io.cwd, values.dir ?? '.');
	try {
		await mkdir(dir, {recursive: true});
		const {written} = await writeStarter(dir, lab);
		io.out(`Wrote the ${lab} starter into ${values.dir ?? '.'}:\n${written.map((file) => `  ${file}\n`).join('')}\nNext: cd into the folder and run \`dapr-labs start\`.\n`);
		return 0;
	} catch (error) {
		if (error instanceof WouldOverwriteError) {
			const exist = error.files.length ? `these files already exist and would be overwritten:\n${error.files.map((file) => `  ${safeName(file)}\n`).join('')}` : '';
			const blocked = error.blocked.length ? `${exist ? 'and ' : ''}these paths cannot be written safely:\n${error.blocked.map((entry) => `  ${safeName(entry.reason)}\n`).join('')}` : '';
			io.err(`dapr-labs init: ${exist}${blocked}Nothing was written. Use an empty folder (--dir PATH), or \`dapr-labs catch-up\` to bring this folder to a step.\n`);
			return 2;
		}
		const code = (error as NodeJS.ErrnoException).code;
		if (typeof code === 'string') {
			const path = (error as NodeJS.ErrnoException).path ?? dir;
			io.err(`dapr-labs init: cannot write ${safeName(path)} (${code}). Check that the folder is yours and writable (or pass another --dir), then run init again.\n`);
			return 2;
		}
		throw error;
	}
}
