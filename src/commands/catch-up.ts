/**
 * `dapr-labs catch-up --lab ID --step N [--dir PATH]`: brings a folder to the start of step N by writing the
 * reference files of steps 1..N-1, after copying the student's files to `.dapr-labs/backup/<time>/`.
 */
import {stat} from 'node:fs/promises';
import {resolve} from 'node:path';
import {loadLabs} from '../runner/labs-loader.js';
import {safeName, stripControl} from '../core/text.js';
import {CatchUpError, catchUp} from '../runner/workspace-writer.js';
import {oneOf, parse, UsageError, type CommandIO} from './io.js';

const HELP = (LAB_IDS: readonly string[]) => `Usage: dapr-labs catch-up --lab ID --step N [--dir PATH]

Brings this folder to the start of step N: your lab files are copied to .dapr-labs/backup/<time>/ first, then the
reference files of steps 1 to N-1 are written (missing starter files too). Nothing of yours is lost.

  --lab ID     ${LAB_IDS.join(', ')}.
  --step N     The step to start at (1-based).
  --dir PATH   The lab folder (default: the current folder).
`;

/** Runs the command. */
export async function run(argv: readonly string[], io: CommandIO): Promise<number> {
	const LAB_IDS = (await loadLabs()).map((lab) => lab.id);
	const {values} = parse(argv, {lab: {type: 'string'}, step: {type: 'string'}, dir: {type: 'string'}, help: {type: 'boolean', short: 'h'}}, false);
	if (values.help) {
		io.out(HELP(LAB_IDS));
		return 0;
	}
	if (values.lab === undefined) throw new UsageError('--lab is required.');
	if (values.step === undefined) throw new UsageError('--step is required.');
	const labId = oneOf('lab', values.lab, LAB_IDS, 'lab-a');
	const lab = (await loadLabs()).find((l) => l.id === labId);
	if (!lab) throw new UsageError(`Unknown lab ${labId}.`);
	const step = Number(values.step);
	if (!/^\d+$/.test(values.step) || step < 1 || step > lab.steps.length) {
		throw new UsageError(`--step must be a number from 1 to ${lab.steps.length} for ${lab.id} (${lab.steps.map((s, i) => `${i + 1} ${s.id}`).join(', ')}).`);
	}
	const dir = resolve(io.cwd, values.dir ?? '.');
	if (!(await stat(dir).catch(() => null))?.isDirectory()) throw new UsageError(`${values.dir ?? dir} is not a folder.`);
	let result;
	try {
		result = await catchUp(dir, lab, step);
	} catch (error) {
		if (error instanceof CatchUpError) {
			io.err(`dapr-labs catch-up: ${stripControl(error.message)}\n`);
			return 2;
		}
		const code = (error as NodeJS.ErrnoException).code;
		if (typeof code === 'string') {
			const path = (error as NodeJS.ErrnoException).path ?? dir;
			io.err(`dapr-labs catch-up: cannot write ${safeName(path)} (${code}). Your files were backed up first (see .dapr-labs/backup/); make the folder writable, then run catch-up again.\n`);
			return 2;
		}
		throw error;
	}
	const lines: string[] = [];
	if (result.backupDir) lines.push(`Backed up ${result.backedUp.length} file(s) to ${result.backupDir}/:`, ...result.backedUp.map((f) => `  ${safeName(f)}`));
	else lines.push('Nothing to back up (no lab files yet).');
	if (result.starterWritten.length) lines.push(`Wrote missing starter files:`, ...result.starterWritten.map((f) => `  ${f}`));
	if (result.written.length) lines.push(`Wrote the reference files of steps 1-${step - 1}:`, ...result.written.map((f) => `  ${f}`));
	else lines.push('Step 1 needs no reference files.');
	if (result.skipped.length) {
		lines.push('', 'Left as they are (dapr-labs never writes through or follows a link, and never opens special files):', ...result.skipped.map((entry) => `  ${safeName(entry.reason)}`));
	}
	lines.push('', `You are at step ${step}: ${lab.steps[step - 1]!.title}. Run \`dapr-labs start --lab ${lab.id}\`.`);
	io.out(lines.join('\n') + '\n');
	// A folder that shares with a workshop room tells it (queued; sent by the workbook or `join`).
	const {shareCatchUp} = await import('../runner/room/share.js');
	await shareCatchUp(dir, lab.id, lab.steps[step - 1]!.id);
	// 1: the folder is not fully at the step; the lines above say what was left and why.
	return result.skipped.some((entry) => /not written/.test(entry.reason)) ? 1 : 0;
}
