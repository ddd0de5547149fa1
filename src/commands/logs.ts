/**
 * `dapr-labs logs [--lab ID] [--grep WORD] [--dir PATH]`: shows the newest kept run log. `dapr logs` works only on
 * Kubernetes; in self-hosted mode the logs are the output of `dapr run`, which `dapr-labs run` keeps in
 * .dapr-labs/logs/.
 */
import {readFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import type {LabId} from '../core/types.js';
import {LAB_IDS} from '../core/types.js';
import {stripControl} from '../core/text.js';
import {listRunLogs, logsDir} from '../runner/log-store.js';
import {oneOf, parse, UsageError, type CommandIO} from './io.js';

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
	const text = await readFile(newest.path, 'utf8');
	let lines = text.split('\n');
	if (lines.at(-1) === '') lines.pop();
	if (values.grep !== undefined) {
		const word = values.grep.toLowerCase();
		lines = lines.filter((line) => line.toLowerCase().includes(word));
	}
	io.err(`${newest.path}\n`);
	if (lines.length > 0) io.out(lines.map(stripControl).join('\n') + '\n');
	return values.grep !== undefined && lines.length === 0 ? 1 : 0;
}
