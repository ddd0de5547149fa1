/**
 * Gathers the doctor's facts: every probe runs in parallel and each has its own timeout, so a hanging `docker info`
 * or an unanswering Redis cannot hold the report up (the whole doctor finishes in about 2.5 s at worst).
 */
import {connect} from 'node:net';
import {access, readdir, readFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';
import type {DaprInstall, DoctorFacts, RedisProbe, ToolProbe} from '../core/doctor.js';
import {parseComponentFile} from '../core/yaml/component.js';
import {findPythons} from './python.js';
import {probePorts} from './ports.js';

/** Per-probe budget: below the 3 s the whole preflight may take. */
export const PROBE_TIMEOUT_MS = 2000;

export type DoctorOptions = {
	readonly dir: string;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly python?: string;
	readonly ports?: readonly number[];
	readonly timeoutMs?: number;
	readonly signal?: AbortSignal;
};

/** Runs a tool with a timeout and classifies the outcome; never throws. */
export async function probeTool(file: string, args: readonly string[], options: {readonly timeoutMs: number; readonly env: Readonly<Record<string, string | undefined>>; readonly signal?: AbortSignal}): Promise<ToolProbe> {
	try {
		const result = await execa(file, [...args], {
			timeout: options.timeoutMs,
			reject: false,
			stdin: 'ignore',
			env: options.env,
			extendEnv: false,
			forceKillAfterDelay: 200,
			...(options.signal ? {cancelSignal: options.signal} : {}),
		});
		if (result.timedOut) return {state: 'timeout', afterMs: options.timeoutMs};
		const code = (result as {code?: string}).code;
		if (code === 'ENOENT' || (result.failed && result.exitCode === undefined && /ENOENT/.test(String(result.message)))) return {state: 'missing'};
		if (result.exitCode === undefined) return {state: 'error', message: result.shortMessage ?? 'did not run'};
		return {state: 'ok', stdout: String(result.stdout), stderr: String(result.stderr), exitCode: result.exitCode};
	} catch (error) {
		return {state: 'error', message: error instanceof Error ? error.message : String(error)};
	}
}

async function exists(path: string): Promise<boolean> {
	return access(path).then(
		() => true,
		() => false,
	);
}

async function daprInstall(env: Readonly<Record<string, string | undefined>>): Promise<DaprInstall> {
	const base = env['DAPR_RUNTIME_PATH'] ? join(env['DAPR_RUNTIME_PATH'], '.dapr') : join(env['HOME'] ?? homedir(), '.dapr');
	const [runtimeBinary, defaultComponents, placementBinary] = await Promise.all([exists(join(base, 'bin', 'daprd')), exists(join(base, 'components', 'pubsub.yaml')), exists(join(base, 'bin', 'placement'))]);
	return {runtimeBinary, defaultComponents, placementBinary, daprDir: base};
}

type FoundComponent = {readonly name: string; readonly type: string; readonly file: string; readonly redisHost: string | null};

async function componentsIn(dir: string, label: string): Promise<FoundComponent[] | null> {
	let names: string[];
	try {
		names = await readdir(dir);
	} catch {
		return null;
	}
	const found: FoundComponent[] = [];
	await Promise.all(
		names
			.filter((name) => /\.ya?ml$/i.test(name))
			.map(async (name) => {
				let text: string;
				try {
					text = await readFile(join(dir, name), 'utf8');
				} catch {
					return;
				}
				if (text.length > 1_000_000) return;
				const parsed = parseComponentFile(`${label}/${name}`, text.replace(/\r\n?/g, '\n'));
				for (const doc of parsed.docs) {
					if (!doc.name || !doc.type) continue;
					const host = doc.metadata?.find((item) => item.name?.value === 'redisHost')?.value?.value ?? null;
					found.push({name: doc.name.value, type: doc.type.value, file: `${label}/${name}`, redisHost: host});
				}
			}),
	);
	return found;
}

/** PING over a raw socket; "+PONG" or "-NOAUTH" both prove a Redis is there. */
export function probeRedis(address: string, source: string, timeoutMs: number): Promise<RedisProbe> {
	const match = /^(?:redis:\/\/)?\[?([^\]]*?)\]?(?::(\d+))?$/.exec(address.trim());
	const host = match?.[1] || 'localhost';
	const port = Number(match?.[2] ?? 6379);
	return new Promise((resolve) => {
		const socket = connect({host, port});
		let settled = false;
		const finish = (probe: RedisProbe) => {
			if (settled) return;
			settled = true;
			socket.destroy();
			resolve(probe);
		};
		socket.setTimeout(timeoutMs, () => finish({source, address, state: 'timeout'}));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			const reply = data.toString('utf8');
			if (reply.startsWith('+PONG')) finish({source, address, state: 'ok'});
			else if (/NOAUTH|WRONGPASS|AUTH/i.test(reply)) finish({source, address, state: 'auth-required'});
			else finish({source, address, state: 'error', detail: `unexpected reply ${JSON.stringify(reply.slice(0, 40))}`});
		});
		socket.once('error', (error: NodeJS.ErrnoException) => finish({source, address, state: error.code === 'ECONNREFUSED' ? 'refused' : 'error', detail: error.code ?? error.message}));
	});
}

/** Collects every fact the doctor judges. */
export async function gatherDoctorFacts(options: DoctorOptions): Promise<DoctorFacts> {
	const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
	const toolOptions = {timeoutMs, env: options.env, ...(options.signal ? {signal: options.signal} : {})};
	const install = daprInstall(options.env);
	const local = componentsIn(join(options.dir, 'components'), 'components');
	const global = install.then((found) => componentsIn(join(found.daprDir, 'components'), '~/.dapr/components'));
	const redis = Promise.all([local, global]).then(([ours, theirs]) => {
		const seen = new Map<string, string>();
		for (const component of [...(ours ?? []), ...(theirs ?? [])]) {
			if (/^(pubsub|state)\.redis$/.test(component.type) && component.redisHost && !seen.has(component.redisHost)) seen.set(component.redisHost, component.file);
		}
		return Promise.all([...seen].map(([address, source]) => probeRedis(address, source, timeoutMs)));
	});
	const [dapr, installFacts, dockerCli, dockerEngine, pythons, ports, redisProbes, localComponents] = await Promise.all([
		probeTool('dapr', ['--version'], toolOptions),
		install,
		probeTool('docker', ['--version'], toolOptions),
		probeTool('docker', ['info', '--format', '{{.ServerVersion}}'], toolOptions),
		findPythons({env: options.env, timeoutMs, dir: options.dir, ...(options.python ? {override: options.python} : {})}),
		probePorts(options.ports ?? [8000, 3500, 50001]),
		redis,
		local,
	]);
	return {
		dapr,
		daprInstall: installFacts,
		dockerCli,
		dockerEngine,
		pythons,
		pythonOverride: options.python ?? null,
		ports,
		redis: redisProbes,
		pubsubComponents: (localComponents ?? []).filter((component) => component.type.startsWith('pubsub.')).map(({name, file}) => ({name, file})),
		componentsDir: localComponents !== null,
	};
}
