/**
 * `dapr-labs reset [--lab ID] [--dir PATH]`: clears the workbook progress in `.dapr-labs/state.json` (one lab or
 * all). Lab files are not touched.
 */
import {join, resolve} from 'node:path';
import {safeName, safeText} from '../core/text.js';
import type {LabId} from '../core/types.js';
import {resetProgress} from '../runner/state-store.js';
import {commandRunner} from './command.js';
import {resetCommand} from './declarations/index.js';

/** Runs the command. */
export const run = commandRunner(resetCommand, async ({values}, io) => {
	const lab = values.lab as LabId | undefined;
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
});
