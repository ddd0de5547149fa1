/**
 * `dapr-labs reset [--lab ID] [--dir PATH]`: clears the workbook progress in `.dapr-labs/state.json` (one lab or
 * all). Lab files are not touched.
 */
import {join, resolve} from 'node:path';
import {safeName, safeText} from '../core/text.js';
import {resetProgress} from '../runner/state-store.js';
import {oneOf, parse, type CommandIO} from './io.js';
import {loadLabs} from '../runner/labs-loader.js';

const HELP = (LAB_IDS: readonly string[]) => `Usage: dapr-labs reset [--lab ID] [--dir PATH]

Clears saved workbook progress (steps passed, hints seen) for one lab or all. Your files are not touched.

  --lab ID     ${LAB_IDS.join(', ')} (default: all labs).
  --dir PATH   The lab folder (default: the current folder).
`;

/** Runs the command. */
export async function run(argv: readonly string[], io: CommandIO): Promise<number> {
	const LAB_IDS = (await loadLabs()).map((lab) => lab.id);
	const {values} = parse(argv, {lab: {type: 'string'}, dir: {type: 'string'}, help: {type: 'boolean', short: 'h'}}, false);
	if (values.help) {
		io.out(HELP(LAB_IDS));
		return 0;
	}
	const lab = values.lab === undefined ? undefined : oneOf('lab', values.lab, LAB_IDS, 'lab-a');
	const dir = resolve(io.cwd, values.dir ?? '.');
	let outcome;
	try {
		outcome = await resetProgress(dir, lab);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (typeof code !== 'string') throw error;
		io.err(`dapr-labs reset: cannot write ${safeName(join(dir, '.dapr-labs', 'state.json'))} (${code}). Nothing was cleared. Make the folder (and .dapr-labs/) writable and yours, or pass --dir, then run reset again.\n`);
		return 2;
	}
	const {cleared, warning} = outcome;
	if (warning) io.err(`Warning: ${safeText(warning)}\n`);
	const what = lab ? `the progress of ${lab}` : 'all progress';
	io.out(cleared.length ? `Cleared ${what} (${cleared.join(', ')}).\n` : `Nothing to clear: no saved progress${lab ? ` for ${lab}` : ''}.\n`);
	return 0;
}
