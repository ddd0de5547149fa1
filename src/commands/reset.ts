/** `dapr-labs reset`: placeholder until its issue lands (prints that it is not built yet). */
import type {CommandIO} from './io.js';

export async function run(_argv: readonly string[], io: CommandIO): Promise<number> {
	io.err('dapr-labs reset: not built yet.\n');
	return 2;
}
