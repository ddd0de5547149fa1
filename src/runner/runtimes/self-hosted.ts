/**
 * The self-hosted runtime: what a student runs on a laptop. An optional `docker build`, a temporary copy of
 * components/ when the plan rewrites values, then `dapr run --log-level debug ... -- python -m uvicorn app:app` in
 * its own process group (process-tree.ts), every output line kept in the run log (log-store.ts) and classified
 * (core/log/classify.ts). Stopping kills the group, waits for the ports to be free and falls back to `dapr stop`.
 * The preflight is doctor's judgement (core/doctor.ts judgeRunPreflight over runner/doctor.ts probes).
 */
import {connect} from 'node:net';
import {createInterface, type Interface} from 'node:readline';
import {rm} from 'node:fs/promises';
import {judgeRunPreflight} from '../../core/doctor.js';
import {classifyLine} from '../../core/log/classify.js';
import type {RunPlan} from '../../core/run-plan.js';
import type {Finding, Workspace} from '../../core/types.js';
import {temporaryComponents, type ResolvedEdit} from '../components-copy.js';
import {daprRunArgs, daprStop} from '../dapr.js';
import {dockerBuild, dockerEngineReachable} from '../docker.js';
import {probeRedis, probeTool, PROBE_TIMEOUT_MS} from '../doctor.js';
import {EventQueue} from '../event-queue.js';
import {openRunLog, type RunLog} from '../log-store.js';
import {isPortFree, probePorts} from '../ports.js';
import {startGroup, type GroupChild} from '../process-tree.js';
import {choosePython} from '../python.js';
import type {Runtime, RuntimeEvent, RuntimeRun, StartSetup} from '../runtime.js';

export type SelfHostedOptions = {
	/** The folder as the safe reader read it (the components copied from it). */
	readonly workspace: Workspace;
	/** The environment for dapr and the app (the process's own, PATH, PYTHONPATH...). */
	readonly env: Readonly<Record<string, string | undefined>>;
	/** `--python`: otherwise the first interpreter that imports what the lab needs. */
	readonly python?: string;
	readonly build?: 'auto' | 'skip';
};

function envFinding(ruleId: string, message: string, hint?: string): Finding {
	// About the machine, not a file: no position (reports print "this machine").
	return {ruleId, severity: 'error', message, file: '.', line: 0, column: 0, ...(hint ? {hint} : {})};
}

function portAnswers(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({port, host: '127.0.0.1'});
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

async function waitPortsFree(ports: readonly number[], timeoutMs: number): Promise<number[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const busy: number[] = [];
		for (const port of ports) if (!(await isPortFree(port))) busy.push(port);
		if (busy.length === 0 || Date.now() >= deadline) return busy;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function selfHostedRuntime(options: SelfHostedOptions): Runtime {
	let python: string | null = null;
	return {
		name: 'self-hosted',

		async preflight(plan) {
			const [dapr, pythons, ports, redis] = await Promise.all([
				probeTool('dapr', ['--version'], {timeoutMs: 10_000, env: options.env}),
				choosePython(options.python, {env: options.env, needDapr: plan.needs.daprSdk, dir: plan.dir}),
				probePorts(plan.needs.ports),
				Promise.all(plan.needs.redis.map((target) => probeRedis(target.address, target.source, PROBE_TIMEOUT_MS))),
			]);
			const judged = judgeRunPreflight({dapr, python: {...pythons, override: options.python ?? null}, ports, redis}, {daprSdk: plan.needs.daprSdk, labTitle: plan.title});
			if (!judged.ready) return {ready: false, findings: judged.failed.map((check) => envFinding(check.id, check.found, check.fix))};
			python = pythons.chosen!.path;
			return {ready: true, note: judged.note};
		},

		appUrl: (plan) => `http://127.0.0.1:${plan.appPort ?? 8000}`,

		start(plan, setup, signal) {
			return startSelfHosted(plan, setup, signal, options, python ?? 'python3');
		},
	};
}

function startSelfHosted(plan: RunPlan, setup: StartSetup, signal: AbortSignal, options: SelfHostedOptions, python: string): RuntimeRun {
	const env = {...options.env, ...setup.env};
	const queue = new EventQueue<RuntimeEvent>();
	const stopPolling = new AbortController();
	let child: GroupChild | null = null;
	let lines: Interface | null = null;
	let exited: Promise<void> = Promise.resolve();
	let log: RunLog | null = null;
	let tempDir: string | null = null;
	let stopping = false;
	let drained = false;
	let stopped: Promise<void> | null = null;

	async function* events(): AsyncGenerator<RuntimeEvent> {
		try {
			if (options.build !== 'skip' && options.workspace.files.has('Dockerfile')) {
				yield {type: 'phase', phase: 'build', message: 'Building the image (docker build).'};
				const engine = await dockerEngineReachable();
				if (engine.ok) {
					const built = await dockerBuild(plan.dir, `dapr-labs-${plan.lab}`, signal);
					yield {type: 'check', id: 'docker-build', status: built.ok ? 'pass' : 'fail', message: built.ok ? 'docker build succeeded.' : `docker build failed:\n${built.output}`};
				} else {
					yield {type: 'note', message: `Skipped docker build: ${/[.?!]$/.test(engine.reason) ? engine.reason : `${engine.reason}.`} The run starts the app directly with Python, as \`dapr run\` does.`};
				}
			} else if (options.build === 'skip') {
				yield {type: 'note', message: 'Skipped docker build (--no-build).'};
			}

			let resources = './components';
			const edits: ResolvedEdit[] = [];
			const announced: ResolvedEdit[] = [];
			for (const edit of [...plan.componentEdits, ...setup.extraEdits]) {
				if ('value' in edit) edits.push(edit);
				else if (setup.receiverUrl !== null) {
					const resolved = {component: edit.component, key: edit.key, value: `${setup.receiverUrl}${edit.receiverPath}`};
					edits.push(resolved);
					announced.push(resolved);
				}
			}
			if (edits.length > 0) {
				try {
					resources = await temporaryComponents(options.workspace, edits, (base) => (tempDir = base));
					for (const edit of announced) yield {type: 'note', message: `The webhook URL of "${edit.component}" points at a local receiver (${edit.value}) in the temporary copy, so no internet is needed.`};
				} catch (error) {
					yield {type: 'note', message: `Could not make the temporary copy of components/ (${error instanceof Error ? error.message : String(error)}); running with ./components as it is.`};
				}
			}
			if (stopping) return;

			const args = daprRunArgs({appId: plan.appId, appPort: plan.appPort, daprHttpPort: plan.daprHttpPort, daprGrpcPort: plan.daprGrpcPort, resourcesPath: resources, command: [python, ...plan.app.args]});
			log = await openRunLog(plan.dir, plan.lab, new Date());
			log.write(`$ dapr ${args.join(' ')}`);
			yield {type: 'phase', phase: 'starting', message: 'Starting daprd and the app.'};
			yield {type: 'command', argv: ['dapr', ...args], cwd: plan.dir};
			if (stopping) return;
			const started = startGroup('dapr', args, {cwd: plan.dir, env});
			child = started;
			const reader = started.subprocess.all ? createInterface({input: started.subprocess.all, crlfDelay: Number.POSITIVE_INFINITY}) : null;
			lines = reader;
			reader?.on('line', (raw) => {
				log?.write(raw);
				queue.push({type: 'line', line: classifyLine(raw)});
			});
			exited = new Promise<void>((resolve) => {
				const done = () => {
					void started.subprocess.then((result) => {
						queue.push({type: 'exited', code: result.exitCode ?? null});
						resolve();
					});
				};
				if (reader) reader.once('close', done);
				else done();
			});
			if (plan.appPort !== null) void pollAppPort(plan.appPort);

			while (!(drained && queue.length === 0)) {
				const item = await queue.next(250);
				if (item) yield item;
			}
			// Ports the run used, once its processes are gone; `dapr stop` when something still holds one.
			const ports = [plan.appPort, plan.daprHttpPort, plan.daprGrpcPort].filter((port): port is number => port !== null);
			let busy = await waitPortsFree(ports, 3000);
			if (busy.length > 0) {
				const stoppedByDapr = await daprStop(plan.appId, {env});
				busy = await waitPortsFree(ports, 3000);
				// Say only what is still true when the note is printed: who holds a port now, or that `dapr stop` did stop something.
				const held = busy.length > 0 ? (await probePorts(busy)).filter((state) => !state.free) : [];
				if (held.length > 0) yield {type: 'note', message: `Ports still in use after stopping: ${held.map((state) => (state.owner ? `${state.port} (${state.owner})` : String(state.port))).join(', ')}.`};
				else if (stoppedByDapr) yield {type: 'note', message: 'Stopped the app with `dapr stop` as a fallback.'};
			}
		} finally {
			stopPolling.abort();
			await child?.stop();
			await log?.close();
			if (tempDir) await rm(tempDir, {recursive: true, force: true});
		}
	}

	// daprd's "application discovered" line is the usual signal; polling the port as well keeps the runner working
	// with a Dapr (or stand-in) that words it differently.
	async function pollAppPort(port: number): Promise<void> {
		await sleep(1000);
		while (!stopPolling.signal.aborted) {
			if (await portAnswers(port)) {
				queue.push({type: 'app-up'});
				return;
			}
			await sleep(250);
		}
	}

	return {
		events: events(),
		get logFile() {
			return log?.path ?? null;
		},
		stop() {
			stopped ??= (async () => {
				stopping = true;
				stopPolling.abort();
				if (child) {
					await child.stop();
					// Bounded: a descendant that kept the output pipe open is gone after stop(), but never wait on it forever.
					await Promise.race([exited.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
					lines?.close();
				}
				drained = true;
				queue.poke();
			})();
			return stopped;
		},
	};
}
