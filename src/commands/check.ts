/**
 * `dapr-labs check [--lab ID|all] [--dir PATH] [--format FORMAT]` (declared in declarations/check.ts): checks a lab
 * folder against the lab rules. Exit 0 when every selected lab passes, 1 when any fails, 2 for usage or internal errors.
 */
import {resolve} from 'node:path';
import type {LabId} from '../core/types.js';
import {markRuntimeSteps, workspaceFingerprint} from '../core/run-record.js';
import {stripControl} from '../core/text.js';
import {checkFormats} from '../report/check-formats.js';
import {checkFolder} from '../runner/check-folder.js';
import {loadLabs} from '../runner/labs-loader.js';
import {readRunRecords} from '../runner/state-store.js';
import {WorkspaceError} from '../runner/read-workspace.js';
import {commandRunner} from './command.js';
// Its own declaration, not the index: dist/check-vm.js (this module as one bundle) then carries no other command's
// declaration or the format registries their --format choices import.
import {checkCommand} from './declarations/check.js';
import {UsageError, useColor} from './io.js';

/** The usage error `run` throws; cli.ts recognises it by this when the command runs from dist/check-vm.js. */
export {UsageError};

/** Runs `check`. */
export const run = commandRunner(checkCommand, async ({values}, io) => {
	const {lab, format} = values;
	const formatter = checkFormats[format]!;
	const given = values.dir ?? '.';
	if (given === '') throw new UsageError('--dir must not be empty.');
	const dir = resolve(io.cwd, given);
	let checked;
	try {
		checked = await checkFolder(dir, {labs: lab === 'all' ? undefined : [lab as LabId], workspaceLabel: given});
	} catch (error) {
		if (error instanceof WorkspaceError) {
			io.err(`dapr-labs check: ${stripControl(error.message)}\n`);
			return 2;
		}
		throw error;
	}
	const [labs, runs] = await Promise.all([loadLabs(), readRunRecords(dir)]);
	// Runtime steps say whether a passed `dapr-labs run` of these very files is on record (scores unchanged).
	const result = markRuntimeSteps(checked.result, labs, runs, workspaceFingerprint(checked.workspace));
	io.out(formatter(result, {workspace: checked.workspace, labs, color: useColor(io), env: io.env}));
	return checked.result.labs.every((result) => result.status === 'pass') ? 0 : 1;
});
