/** Small named wrappers around the docker CLI. */
import {execa} from 'execa';

/** Whether a docker engine answers (`docker info`), with the reason when it does not. */
export async function dockerEngineReachable(options: {readonly timeoutMs?: number} = {}): Promise<{readonly ok: boolean; readonly reason: string}> {
	try {
		const result = await execa('docker', ['info', '--format', '{{.ServerVersion}}'], {reject: false, timeout: options.timeoutMs ?? 2500, stdin: 'ignore', forceKillAfterDelay: 200});
		if (result.timedOut) return {ok: false, reason: 'docker info did not answer in time'};
		if (result.exitCode === 0 && String(result.stdout).trim() !== '') return {ok: true, reason: `engine ${String(result.stdout).trim()}`};
		const message = String(result.stderr || result.stdout || result.shortMessage || '').trim().split('\n')[0] ?? '';
		return {ok: false, reason: /ENOENT/.test(String(result.message)) ? 'the docker CLI is not installed' : message || 'the engine did not answer'};
	} catch (error) {
		return {ok: false, reason: error instanceof Error ? error.message : String(error)};
	}
}

/** `docker build -t <tag> <dir>`; yields nothing, resolves with the exit code and the last lines of output. */
export async function dockerBuild(dir: string, tag: string, signal: AbortSignal): Promise<{readonly ok: boolean; readonly output: string}> {
	const result = await execa('docker', ['build', '-t', tag, '.'], {cwd: dir, reject: false, all: true, stdin: 'ignore', cancelSignal: signal, forceKillAfterDelay: 2000});
	const output = String(result.all ?? '').split('\n').slice(-40).join('\n');
	return {ok: result.exitCode === 0, output};
}
