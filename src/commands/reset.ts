/**
 * `dapr-labs reset [--lab ID] [--dir PATH]`: clears the workbook progress in `.dapr-labs/state.json` (one lab or
 * all). Lab files are not touched.
 */
import {resolve} from 'node:path';
import {LAB_IDS} from '../core/types.js';
import {resetProgress} from '../runner/state-store.js';
import {oneOf, parse, type CommandIO} from './io.js';

const HELP = `Usage: dapr-labs reset [--lab ID] [--dir PATH]

Clears saved workbook progress (steps passed, hints seen) for one lab or all. Your files are not touched.

  --lab ID     ${LAB_IDS.join(', ')} (default: all labs).
  --dir PATH   The lab folder (default: the current folder).
`;

/** Runs the command. */
export async function run(argv: readonly string[], io: CommandIO): Promise<number> {
	const {values} = parse(argv, {lab: {type: 'string'}, dir: {type: 'string'}, help: {type: 'boolean', short: 'h'}}, false);
	if (values.help) {
		io.out(HELP);
		return 0;
	}
	const lab = values.lab === undefined ? undefined : oneOf('lab', values.lab, LAB_IDS, 'lab-a');
	const dir = resolve(io.cwd, values.dir ?? '.');
	const {cleared, warning} = await resetProgress(dir, lab);
	if (warning) io.err(`Warning: ${warning}\n`);
	const what = lab ? `the progress of ${lab}` : 'all progress';
	io.out(cleared.length ? `Cleared ${what} (${cleared.join(', ')}).\n` : `Nothing to clear: no saved progress${lab ? ` for ${lab}` : ''}.\n`);
	return 0;
}
