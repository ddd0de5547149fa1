/**
 * `dapr-labs logs [--lab ID] [--grep WORD] [--dir PATH]`: shows the newest kept run log. `dapr logs` works only on
 * Kubernetes; in self-hosted mode the logs are the output of `dapr run`, which `dapr-labs run` keeps in
 * .dapr-labs/logs/.
 */
import {open} from 'node:fs/promises';
import {createInterface} from 'node:readline';
import {resolve} from 'node:path';
import type {LabId} from '../core/types.js';
import {safeName, safeText, stripControl} from '../core/text.js';
import {errorCode, kindOf, SAFE_READ_FLAGS} from '../runner/safe-fs.js';
import {listRunLogs, logsDir} from '../runner/log-store.js';
import {oneOf, parse, UsageError, type CommandIO} from './io.js';
import {loadLabs} from '../runner/labs-loader.js';

const USAGE = `Usage: dapr-labs logs [--lab lab-a|lab-b|combined] [--grep WORD] [--dir PATH] [--list]

Shows the full output (CLI, daprd and app) of the newest \`dapr-labs run\`, kept in .dapr-labs/logs/.
This is the self-hosted stand-in for \`dapr logs\`, which works only on Kubernetes.
  --lab   the newest run of this lab (default: of any lab)
  --grep  only lines containing WORD (case-insensitive)
  --dir   the lab folder (default: the current folder)
  --list  list the kept logs instead, newest first
Exit codes: 0 shown, 1 no kept log (or no line matched --grep), 2 usage error.`;

/** Runs `logs`. */
export async function run(argv: readonly string[], io: CommandIO): Promise<number> {
	const LAB_IDS = (await loadLabs()).map((lab) => lab.id);
	const {values, positionals} = parse(argv, {
		lab: {type: 'string'},
		grep: {type: 'string'},
		dir: {type: 'string'},
		list: {type: 'boolean'},
		help: {type: 'boolean', short: 'h'},
	});
	if (values.help) {
		io.out(USAGE + '\n');
		return 0;
	}
	if (positionals.length > 0) throw new UsageError(`unexpected argument "${stripControl(positionals[0]!)}".\n\n${USAGE}`);
	const lab = values.lab === undefined ? undefined : oneOf<LabId>('lab', values.lab, LAB_IDS, 'lab-a');
	const dir = resolve(io.cwd, values.dir ?? '.');
	const logs = await listRunLogs(dir, lab);
	if (logs.length === 0) {
		io.err(`dapr-labs logs: no kept run log${lab ? ` of ${lab}` : ''} in ${logsDir(dir)}; \`dapr-labs run ${lab ?? 'lab-a'}\` writes one.\n`);
		return 1;
	}
	if (values.list) {
		io.out(logs.map((log) => `${log.name}  (${new Date(log.mtimeMs).toISOString()})`).join('\n') + '\n');
		return 0;
	}
	const newest = logs[0]!;
	// Streamed line by line through a descriptor opened under the reader's policy (no link followed, a FIFO never
	// blocks, regular files only): memory stays small however large the log.
	let handle;
	try {
		handle = await open(newest.path, SAFE_READ_FLAGS);
		const stats = await handle.stat();
		if (!stats.isFile()) {
			await handle.close();
			io.err(`dapr-labs logs: ${safeName(newest.path)} is ${kindOf(stats)}, not a log file; remove it.\n`);
			return 2;
		}
	} catch (error) {
		await handle?.close().catch(() => undefined);
		io.err(`dapr-labs logs: cannot read ${safeName(newest.path)} (${errorCode(error)}); remove it, or run \`dapr-labs run\` again for a new log.\n`);
		return 2;
	}
	io.err(`${safeName(newest.path)}\n`);
	const word = values.grep?.toLowerCase();
	let shown = 0;
	let batch: string[] = [];
	const lines = createInterface({input: handle.createReadStream({encoding: 'utf8'}), crlfDelay: Number.POSITIVE_INFINITY});
	try {
		for await (const line of lines) {
			if (word !== undefined && !line.toLowerCase().includes(word)) continue;
			shown++;
			// A line never starts with the app's own text: a CI runner would take `::command::` there as a command.
			batch.push(guardLine(safeText(line)));
			if (batch.length >= 500) {
				io.out(batch.join('\n') + '\n');
				batch = [];
			}
		}
	} finally {
		lines.close();
		await handle.close().catch(() => undefined);
	}
	if (batch.length > 0) io.out(batch.join('\n') + '\n');
	return word !== undefined && shown === 0 ? 1 : 0;
}

/** Breaks up a CI workflow-command prefix at the start of a line (`::x::` or `##[x]`, after blanks), as safeName does. */
function guardLine(line: string): string {
	return /^\s*(?:::|##\[)/.test(line) ? ` ${line.replace(/^(\s*)(::|##\[)/, (_all, blank: string, prefix: string) => `${blank}${prefix === '::' ? ': :' : '# #['}`)}` : line;
}
