/**
 * What a command may touch of the process: streams, cwd, env, TTY-ness. Injected so tests can run commands
 * in-process with plain objects.
 */
export type CommandIO = {
	readonly out: (text: string) => void;
	readonly err: (text: string) => void;
	readonly cwd: string;
	readonly env: Readonly<Record<string, string | undefined>>;
	/** stdout is a terminal (draw Ink, use colour unless NO_COLOR). */
	readonly isTTY: boolean;
	readonly stdoutColumns: number;
	/** How the user started the tool (`npx dapr-labs` under npx); cli.ts sets it, tests may leave it out. */
	readonly invocation?: 'dapr-labs' | 'npx dapr-labs';
};

/** Thrown for bad command-line use; the CLI prints it and exits 2. */
export class UsageError extends Error {}

/** The real process's IO. */
export function defaultIO(): CommandIO {
	return {
		out: (text) => void process.stdout.write(text),
		err: (text) => void process.stderr.write(text),
		cwd: process.cwd(),
		env: process.env,
		isTTY: Boolean(process.stdout.isTTY),
		stdoutColumns: process.stdout.columns ?? 80,
	};
}

/** Whether to colour output: a TTY, and NO_COLOR unset or empty (https://no-color.org). */
export function useColor(io: CommandIO): boolean {
	return io.isTTY && !io.env['NO_COLOR'] && io.env['TERM'] !== 'dumb';
}
