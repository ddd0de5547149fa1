/**
 * How the user started dapr-labs, so every command we print can be typed as it is: under `npx` there is no
 * `dapr-labs` on PATH, so "Run `dapr-labs init`" must read "Run `npx dapr-labs init`". Decided once, at the entry
 * (cli.ts), from what npm puts in the environment and where the bin lives; core keeps writing `dapr-labs ...` and the
 * command layer's output is rewritten on the way out.
 */
import type {CommandIO} from './io.js';

export type Invocation = 'dapr-labs' | 'npx dapr-labs';

/**
 * `npx dapr-labs` when npm ran us through `npx`/`npm exec` (npm sets npm_command=exec for both, and the command it ran in
 * npm_lifecycle_script) or the bin lives in
 * npm's `_npx` cache (an npx run whose environment was cleared), else `dapr-labs`. `npm run` sets npm_command=run-script,
 * and a global install runs from a folder on PATH: both keep `dapr-labs`.
 */
export function detectInvocation(env: Readonly<Record<string, string | undefined>>, scriptPath: string | undefined): Invocation {
	// npm_command=exec is inherited by everything below an `npx` (say, `npx vitest` running our bin in a test):
	// only the npx that ran dapr-labs itself names it in npm_lifecycle_script (`'dapr-labs' 'start'`).
	if (env['npm_command'] === 'exec' && /(^|[\s'"/])dapr-labs(['"\s]|$)/.test(env['npm_lifecycle_script'] ?? '')) return 'npx dapr-labs';
	if (scriptPath && /[\\/]_npx[\\/]/.test(scriptPath)) return 'npx dapr-labs';
	return 'dapr-labs';
}

const COMMANDS = ['start', 'check', 'cron', 'init', 'catch-up', 'reset', 'run', 'doctor', 'logs', 'grade', 'review', '<command>'];
// `dapr-labs <command>` at a word start (after a backtick, quote, space, bracket or line start), not `.dapr-labs/`.
const COMMAND = new RegExp(`(^|[\`'"\\s(])dapr-labs (?=(?:${COMMANDS.map((c) => c.replace(/[<>-]/g, '\\$&')).join('|')})(?![\\w-]))`, 'gm');

/** Rewrites the `dapr-labs <command>` in text to the way the user invoked the tool. */
export function asInvoked(text: string, invocation: Invocation): string {
	if (invocation === 'dapr-labs' || !text.includes('dapr-labs ')) return text;
	return text.replace(COMMAND, `$1${invocation} `);
}

/** The IO with the invocation recorded and its output rewritten accordingly. */
export function withInvocation(io: CommandIO, invocation: Invocation): CommandIO {
	if (invocation === 'dapr-labs') return {...io, invocation};
	return {...io, invocation, out: (text) => io.out(asInvoked(text, invocation)), err: (text) => io.err(asInvoked(text, invocation))};
}
