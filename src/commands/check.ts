/**
 * `dapr-labs check [--lab lab-a|lab-b|combined|all] [--dir PATH] [--format text|json]`: checks a lab folder against
 * the lab rules. Exit 0 when every selected lab passes, 1 when any fails, 2 for usage or internal errors.
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
import {oneOf, parse, UsageError, useColor, type CommandIO} from './io.js';

const USAGE = `Usage: dapr-labs check [--lab lab-a|lab-b|combined|all] [--dir PATH] [--format ${Object.keys(checkFormats).join('|')}]

Checks a lab folder (components/, app.py, Dockerfile) against the lab rules.
  --lab     which lab to check (default: all)
  --dir     the lab folder (default: the current folder)
  --format  output format (default: text)
Exit codes: 0 every selected lab passes, 1 a lab fails, 2 usage or internal error.`;

/** The usage error `run` throws; cli.ts recognises it by this when the command runs from dist/check-vm.js. */
export {UsageError} from './io.js';

/** Runs `check`. */
export async function run(argv: readonly string[], io: CommandIO): Promise<number> {
	const LAB_IDS = (await loadLabs()).map((lab) => lab.id);
	const {values, positionals} = parse(argv, {
		lab: {type: 'string'},
		dir: {type: 'string'},
		format: {type: 'string'},
		help: {type: 'boolean', short: 'h'},
	});
	if (values.help) {
		io.out(USAGE + '\n');
		return 0;
	}
	if (positionals.length > 0) throw new UsageError(`unexpected argument "${stripControl(positionals[0]!)}"; pass the folder with --dir.\n\n${USAGE}`);
	const lab = oneOf<LabId | 'all'>('lab', values.lab, [...LAB_IDS, 'all'], 'all');
	const format = oneOf('format', values.format, Object.keys(checkFormats), 'text');
	const formatter = checkFormats[format]!;
	const given = values.dir ?? '.';
	if (given === '') throw new UsageError('--dir must not be empty.');
	const dir = resolve(io.cwd, given);
	let checked;
	try {
		checked = await checkFolder(dir, {labs: lab === 'all' ? undefined : [lab], workspaceLabel: given});
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
}
