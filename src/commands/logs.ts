/**
 * `dapr-labs logs [--lab ID] [--grep WORD] [--dir PATH]`: shows the newest kept run log. `dapr logs` works only on
 * Kubernetes; in self-hosted mode the logs are the output of `dapr run`, which `dapr-labs run` keeps in
 * .dapr-labs/logs/.
 */
import {open} from 'node:fs/promises';
import {createInterface} from 'node:readline';
import {resolve} from 'node:path';
import type {LabId} from '../core/types.js';
import {safeName, safeText} from '../core/text.js';
import {errorCode, kindOf, SAFE_READ_FLAGS} from '../runner/safe-fs.js';
import {listRunLogs, logsDir} from '../runner/log-store.js';
import {loadLabs} from '../runner/labs-loader.js';
import {commandRunner} from './command.js';
import {logsCommand} from './declarations/index.js';

/** Runs `logs`. */
export const run = commandRunner(logsCommand, async ({values}, io) => {
	const lab = values.lab as LabId | undefined;
	const dir = resolve(io.cwd, values.dir ?? '.');
	const logs = await listRunLogs(dir, lab);
	if (logs.length === 0) {
		io.err(`dapr-labs logs: no kept run log${lab ? ` of ${lab}` : ''} in ${logsDir(dir)}; \`dapr-labs run ${lab ?? (await loadLabs())[0]!.id}\` writes one.\n`);
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
});

/** Breaks up a CI workflow-command prefix at the start of a line (`::x::` or `##[x]`, after blanks), as safeName does. */
function guardLine(line: string): string {
	return /^\s*(?:::|##\[)/.test(line) ? ` ${line.replace(/^(\s*)(::|##\[)/, (_all, blank: string, prefix: string) => `${blank}${prefix === '::' ? ': :' : '# #['}`)}` : line;
}
