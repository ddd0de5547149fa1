/** An in-memory CommandIO for running commands in-process. */
import type {CommandIO} from '../../src/commands/io.js';

export function memoryIO(cwd: string, options: {isTTY?: boolean; env?: Record<string, string>} = {}) {
	const out: string[] = [];
	const err: string[] = [];
	const io: CommandIO = {out: (t) => void out.push(t), err: (t) => void err.push(t), cwd, env: options.env ?? {}, isTTY: options.isTTY ?? false, stdoutColumns: 80};
	return {io, out: () => out.join(''), err: () => err.join('')};
}
