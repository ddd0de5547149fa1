/** Small named wrappers around the Dapr CLI (np style): each runs one command and returns plain data. */
import {execa} from 'execa';

export type DaprRunOptions = {
	readonly appId: string;
	readonly appPort: number | null;
	readonly daprHttpPort: number;
	readonly daprGrpcPort: number;
	readonly resourcesPath: string;
	readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
	readonly command: readonly string[];
};

/**
 * The argv of `dapr run` (without the leading `dapr`). Ports are pinned: unpinned, the CLI picks random ones and
 * the SDK's DAPR_HTTP_PORT would still work, but the student could not reproduce the command.
 */
export function daprRunArgs(options: DaprRunOptions): string[] {
	const args = ['run', '--app-id', options.appId];
	if (options.appPort !== null) args.push('--app-port', String(options.appPort));
	args.push('--dapr-http-port', String(options.daprHttpPort), '--dapr-grpc-port', String(options.daprGrpcPort));
	args.push('--resources-path', options.resourcesPath, '--log-level', options.logLevel ?? 'debug');
	if (options.command.length > 0) args.push('--', ...options.command);
	return args;
}

/** `dapr stop --app-id <id>` (the fallback when a group kill left something); true when dapr said it stopped it. */
export async function daprStop(appId: string, options: {readonly env?: Readonly<Record<string, string | undefined>>; readonly timeoutMs?: number} = {}): Promise<boolean> {
	try {
		const result = await execa('dapr', ['stop', '--app-id', appId], {reject: false, timeout: options.timeoutMs ?? 5000, stdin: 'ignore', ...(options.env ? {env: options.env, extendEnv: false} : {}), forceKillAfterDelay: 200});
		return result.exitCode === 0;
	} catch {
		return false;
	}
}
