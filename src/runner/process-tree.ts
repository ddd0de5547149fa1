/**
 * Children in their own process group, and the guarantee that the group is gone afterwards. `dapr run` starts
 * daprd and the app as its children; killing only the CLI would leave them holding ports 3500/50001/8000, so the
 * whole group is signalled (SIGTERM, then SIGKILL after a grace period) on success, failure, timeout and abort, and
 * once more with SIGKILL if our own process exits with a group still alive. Processes that leave the group (a new
 * session, re-parented to init) are found by a marker in their environment and stopped with it; every wait on
 * exit and output is bounded.
 */
import {randomUUID} from 'node:crypto';
import {readdirSync, readFileSync} from 'node:fs';
import {execa, type ResultPromise} from 'execa';

const live = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// Last resort: 'exit' handlers must be synchronous, so only SIGKILL is possible here.
	process.on('exit', () => {
		for (const pgid of live) killGroupNow(pgid, 'SIGKILL');
		for (const tag of liveTags) for (const pid of taggedProcesses(tag)) killNow(pid, 'SIGKILL');
	});
}

/** Sends a signal to a whole process group; false when no process of it is left. */
export function killGroupNow(pgid: number, signal: NodeJS.Signals): boolean {
	try {
		process.kill(-pgid, signal);
		return true;
	} catch {
		return false;
	}
}

/** Whether any process of the group still exists (zombies included; see groupRunning). */
export function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
	} catch {
		return false;
	}
	return true;
}

export type GroupChild = {
	readonly pid: number;
	readonly subprocess: ResultPromise;
	/** Terminates the whole group: SIGTERM, then SIGKILL after `graceMs`. Resolves once nothing of it is left. */
	stop(graceMs?: number): Promise<void>;
};

/** Starts a command as the leader of a new process group (execa `detached: true`), stdout+stderr interleaved in `all`. */
export function startGroup(file: string, args: readonly string[], options: {readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>>}): GroupChild {
	installExitHook();
	// Every descendant inherits this variable, also one that leaves the group and the session (`setsid -f sleep`)
	// and is re-parented to init: /proc/<pid>/environ finds them all, where the group alone does not.
	const tag = randomUUID();
	const subprocess = execa(file, [...args], {
		cwd: options.cwd,
		env: {...options.env, [TAG_VARIABLE]: tag},
		extendEnv: false,
		detached: true,
		stdin: 'ignore',
		all: true,
		buffer: false,
		reject: false,
		cleanup: false,
	});
	const pid = subprocess.pid;
	if (pid === undefined) {
		return {pid: -1, subprocess, stop: async () => {}};
	}
	live.add(pid);
	liveTags.add(tag);
	let stopping: Promise<void> | null = null;
	const stop = (graceMs = 5000): Promise<void> => {
		stopping ??= (async () => {
			const signalAll = (signal: NodeJS.Signals) => {
				killGroupNow(pid, signal);
				for (const member of taggedProcesses(tag)) killNow(member, signal);
			};
			const running = async () => (await groupRunning(pid)) || taggedProcesses(tag).length > 0;
			signalAll('SIGTERM');
			const deadline = Date.now() + graceMs;
			while ((await running()) && Date.now() < deadline) await sleep(50);
			if (await running()) signalAll('SIGKILL');
			const hard = Date.now() + 2000;
			while ((await running()) && Date.now() < hard) {
				signalAll('SIGKILL');
				await sleep(25);
			}
			// Bounded: once every process is gone the pipes close; should one still be held, give up on them.
			const ended = await Promise.race([subprocess.then(() => true, () => true), sleep(3000).then(() => false)]);
			if (!ended) {
				subprocess.all?.destroy();
				subprocess.stdout?.destroy();
				subprocess.stderr?.destroy();
			}
			live.delete(pid);
			liveTags.delete(tag);
		})();
		return stopping;
	};
	void subprocess.then(() => {
		if (!groupAlive(pid)) live.delete(pid);
	});
	return {pid, subprocess, stop};
}

/** The environment variable that marks a started tree's processes (see startGroup). */
export const TAG_VARIABLE = 'DAPR_LABS_PROCESS_TAG';
const liveTags = new Set<string>();

function killNow(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(pid, signal);
	} catch {
		// Gone already.
	}
}

/**
 * Pids of running (non-zombie) processes whose environment carries `tag` (Linux /proc; elsewhere none, and the
 * process group is what is tracked). Only our own processes' environ files are readable, which is all we need.
 */
export function taggedProcesses(tag: string): number[] {
	let entries: string[];
	try {
		entries = readdirSync('/proc');
	} catch {
		return [];
	}
	const needle = Buffer.from(`${TAG_VARIABLE}=${tag}\0`);
	const out: number[] = [];
	for (const entry of entries) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		try {
			const environ = readFileSync(`/proc/${entry}/environ`);
			if (!environ.includes(needle)) continue;
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// The state follows the command name in parentheses: "pid (comm) S ...".
			const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
			if (state !== 'Z' && state !== 'X') out.push(Number(entry));
		} catch {
			// Exited meanwhile, or not ours.
		}
	}
	return out;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Whether a process of the group is still running. Zombies do not count: in containers PID 1 is often not an init
 * that reaps orphans promptly, so dead grandchildren can linger as zombies that kill(-pgid, 0) still sees.
 */
async function groupRunning(pgid: number): Promise<boolean> {
	if (!groupAlive(pgid)) return false;
	const members = await groupMembersWithState(pgid);
	if (members === null) return true;
	return members.some((member) => !member.state.startsWith('Z'));
}

async function groupMembersWithState(pgid: number): Promise<{pid: number; state: string}[] | null> {
	const result = await execa('ps', ['-eo', 'pid=,pgid=,stat='], {reject: false, timeout: 3000});
	if (result.exitCode !== 0) return null;
	const out: {pid: number; state: string}[] = [];
	for (const line of String(result.stdout).split('\n')) {
		const [pid, group, state] = line.trim().split(/\s+/);
		if (Number(group) === pgid && pid !== undefined) out.push({pid: Number(pid), state: state ?? ''});
	}
	return out;
}

/** Pids of the group's running (non-zombie) processes (Linux/macOS `ps`); empty when ps is unavailable. */
export async function groupMembers(pgid: number): Promise<number[]> {
	const members = await groupMembersWithState(pgid);
	return (members ?? []).filter((member) => !member.state.startsWith('Z')).map((member) => member.pid);
}
