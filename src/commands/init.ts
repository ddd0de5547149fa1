/** `dapr-labs init`: placeholder until its issue lands (prints that it is not built yet). */
import type {CommandIO} from './io.js';

export async function run(_argv: readonly string[], io: CommandIO): Promise<number> {
	io.err('dapr-labs init: not built yet.\n');
	return 2;
}
