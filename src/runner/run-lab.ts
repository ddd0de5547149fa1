/**
 * Runs a lab under the real Dapr CLI and verifies it: static checks first, an optional `docker build`, then
 * `dapr run ... -- python -m uvicorn app:app` in its own process group, its output classified line by line, the
 * lab's expectations checked (cron triggers, the webhook, the Redis stream) and the run diagnosed. One event stream
 * (RunEvent) feeds the Ink UI and the text/JSON reporters alike. The student's files are never edited: schedule
 * rehearsals and the webhook URL live in a temporary copy of the components.
 */
import {connect} from 'node:net';
import {createInterface} from 'node:readline';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parseAllDocuments, isMap, isSeq} from 'yaml';
import {argOf, directionAllows, expectedPath, metadataItem, stringArg} from '../core/rules/support.js';
import {diagnose, judgeTriggers, planTriggers, type RunObservation, type TriggerExpectation} from '../core/diagnose.js';
import {envFinding} from '../core/finding.js';
import {classifyLine} from '../core/log/classify.js';
import {workspaceFingerprint} from '../core/run-record.js';
import type {ComponentDoc} from '../core/model.js';
import type {WorkspaceModel} from '../core/rule.js';
import type {LineEvent, RunEvent} from '../core/run-events.js';
import type {Finding, LabId, Workspace} from '../core/types.js';
import {checkFolder} from './check-folder.js';
import {daprRunArgs, daprStop, daprVersion} from './dapr.js';
import {dockerBuild, dockerEngineReachable} from './docker.js';
import {judgeRedis, pipInstallFix} from '../core/doctor.js';
import {probeRedis, PROBE_TIMEOUT_MS} from './doctor.js';
import {loadLabs} from './labs-loader.js';
import {openRunLog, type RunLog} from './log-store.js';
import {isPortFree, probePorts} from './ports.js';
import {startGroup, type GroupChild} from './process-tree.js';
import {choosePython} from './python.js';
import {startReceiver, type Receiver} from './receiver.js';
import {cloudEventData, readStream, redisUrl, type StreamEntry} from './redis-stream.js';

/** What to run. */
export type RunSpec = {
	readonly lab: LabId;
	readonly dir: string;
	readonly timeoutSec: number;
	/** --app-port; default 8000. null runs without --app-port (what a student who forgot it gets). */
	readonly appPort?: number | null;
	readonly daprHttpPort?: number;
	readonly daprGrpcPort?: number;
	/** Python interpreter (`--python`); otherwise the first that imports fastapi and uvicorn. */
	readonly python?: string;
	readonly build?: 'auto' | 'skip';
	/** Extra environment for dapr and the app (PATH, PYTHONPATH, ...), over the process's own. */
	readonly env?: Readonly<Record<string, string | undefined>>;
	/** daprd's local zone for schedules without TZ= (default: this machine's). */
	readonly zone?: string;
};

/** The task id Lab B and the combined lab complete through the app. */
export const TEST_TASK_ID = 'task-42';

const MAX_EVENTS = 20_000;

/** A queue the generator drains, fed by the line reader, timers and verification tasks. */
class EventQueue<T> {
	private items: T[] = [];
	private wake: (() => void) | null = null;
	push(item: T): void {
		this.items.push(item);
		this.wake?.();
		this.wake = null;
	}
	async next(timeoutMs: number): Promise<T | null> {
		if (this.items.length === 0) {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, timeoutMs);
				this.wake = () => {
					clearTimeout(timer);
					resolve();
				};
			});
		}
		return this.items.shift() ?? null;
	}
	get length(): number {
		return this.items.length;
	}
}

/** A metadata value as Dapr reads it (key case-insensitive), or null. */
function metadataValue(doc: ComponentDoc, key: string): string | null {
	return metadataItem(doc, key)?.value?.value ?? null;
}

/** The Redis addresses of the folder's Redis-backed pub/sub components (default localhost:6379, as pubsub.redis has). */
function redisAddresses(model: WorkspaceModel): {readonly address: string; readonly source: string}[] {
	const seen = new Map<string, string>();
	for (const doc of model.components) {
		if (doc.type?.value !== 'pubsub.redis') continue;
		const address = metadataValue(doc, 'redisHost') ?? 'localhost:6379';
		if (!seen.has(address)) seen.set(address, doc.file);
	}
	return [...seen].map(([address, source]) => ({address, source}));
}

/** The first statically known string passed to `method` (keyword or position). */
function callArg(model: WorkspaceModel, method: string, keyword: string, position: number): string | null {
	for (const call of model.python?.calls ?? []) {
		const value = call.method === method ? stringArg(argOf(call, keyword, position)) : null;
		if (value !== null) return value;
	}
	return null;
}

/** Writes the temporary copy of the components with the given edits; returns its path. */
async function temporaryComponents(
	workspace: Workspace,
	edits: {readonly schedule?: {readonly name: string; readonly value: string}; readonly url?: {readonly name: string; readonly value: string}},
	made: (base: string) => void,
): Promise<string> {
	const base = await mkdtemp(join(tmpdir(), 'dapr-labs-run-'));
	made(base);
	const target = join(base, 'components');
	await mkdir(target);
	// The component files as the safe reader read them (regular files inside the folder, capped): a FIFO, a device
	// or a link out of the folder in components/ is never opened here (a FIFO once hung the run in this step).
	for (const file of workspace.files.values()) {
		if (!file.path.startsWith('components/') || file.kind !== 'text') continue;
		const name = file.path.slice('components/'.length);
		const text = file.text;
		const docs = parseAllDocuments(text);
		if (!Array.isArray(docs)) {
			await writeFile(join(target, name), text);
			continue;
		}
		let changed = false;
		for (const doc of docs) {
			const componentName = doc.getIn(['metadata', 'name']);
			const metadata = doc.getIn(['spec', 'metadata']);
			if (!isSeq(metadata)) continue;
			for (const edit of [edits.schedule ? {...edits.schedule, key: 'schedule'} : null, edits.url ? {...edits.url, key: 'url'} : null]) {
				if (!edit || componentName !== edit.name) continue;
				let found = false;
				for (const item of metadata.items) {
					if (isMap(item) && item.get('name') === edit.key) {
						item.set('value', edit.value);
						found = true;
					}
				}
				if (!found) metadata.add(doc.createNode({name: edit.key, value: edit.value}));
				changed = true;
			}
		}
		await writeFile(join(target, name), changed ? docs.map((doc) => doc.toString()).join(docs.length > 1 ? '---\n' : '') : text);
	}
	return target;
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

async function postJson(url: string, timeoutMs: number, signal: AbortSignal): Promise<{status: number; body: string}> {
	const response = await fetch(url, {method: 'POST', signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])});
	return {status: response.status, body: await response.text()};
}

/** Runs and verifies a lab; see the module comment. Always cleans up, whatever ends the iteration. */
export async function* runLab(spec: RunSpec, signal: AbortSignal): AsyncGenerator<RunEvent> {
	const appPort = spec.appPort === undefined ? 8000 : spec.appPort;
	const httpPort = spec.daprHttpPort ?? 3500;
	const grpcPort = spec.daprGrpcPort ?? 50001;
	const env: Record<string, string | undefined> = {...process.env, ...spec.env, PYTHONUNBUFFERED: '1'};
	let fingerprint: string | undefined;
	const ended = (status: 'pass' | 'fail' | 'not-ready' | 'interrupted', findings: readonly Finding[], logFile: string | null): RunEvent => ({type: 'result', lab: spec.lab, status, findings, logFile, ...(fingerprint ? {fingerprint} : {})});

	// --- preflight --------------------------------------------------------------------------------------------
	yield {type: 'phase', phase: 'preflight', message: 'Checking the folder and the environment.'};
	const labs = await loadLabs();
	const lab = labs.find((candidate) => candidate.id === spec.lab);
	if (!lab) throw new Error(`Unknown lab ${spec.lab}.`);
	const {result, workspace, model} = await checkFolder(spec.dir, {labs: [spec.lab], signal});
	fingerprint = workspaceFingerprint(workspace);
	const staticFindings = result.labs.find((l) => l.id === spec.lab)?.findings ?? [];
	const staticErrors = staticFindings.filter((f) => f.severity === 'error');
	yield {type: 'note', message: staticErrors.length === 0 ? 'Static checks: no errors.' : `Static checks: ${staticErrors.length} error(s); running anyway to show what Dapr does with them.`};

	const needSdk = lab.needsDaprSdk;
	// Labs that publish need the Redis behind their pub/sub component: probe it as doctor does, before a minute is spent.
	const needsPubsub = lab.requiredComponents.some((group) => group.some((type) => type.startsWith('pubsub.')));
	const redisTargets = needsPubsub ? redisAddresses(model) : [];
	const [dapr, python, portStates, redisProbes] = await Promise.all([
		daprVersion({env}),
		choosePython(spec.python, {env, needDapr: needSdk, dir: spec.dir}),
		probePorts([appPort, httpPort, grpcPort].filter((p): p is number => p !== null)),
		Promise.all(redisTargets.map((target) => probeRedis(target.address, target.source, PROBE_TIMEOUT_MS))),
	]);
	const notReady: Finding[] = [];
	const labPackages = needSdk ? ['fastapi', 'uvicorn', 'dapr'] : ['fastapi', 'uvicorn'];
	if (!dapr) notReady.push(envFinding('env/dapr-missing', 'The dapr CLI is not on PATH (or `dapr --version` failed).', 'Install the Dapr CLI (https://docs.dapr.io/getting-started/install-dapr-cli/), then run `dapr init`.'));
	if (!python.chosen) {
		const any = python.candidates.find((c) => c.version !== null);
		if (!any) notReady.push(envFinding('env/python-missing', spec.python ? `--python ${spec.python} is not a runnable Python.` : 'No runnable python3 was found on PATH or in /usr/bin and /usr/local/bin.', 'Install Python 3.10+.'));
		else notReady.push(envFinding('env/uvicorn-missing', `No Python found imports both fastapi and uvicorn (looked at ${python.candidates.map((c) => c.path).join(', ')}).`, pipInstallFix(python.candidates.find((c) => c.venv) ?? any, ['fastapi', 'uvicorn'], labPackages)));
	} else if (needSdk && !python.chosen.modules.dapr) {
		notReady.push(envFinding('env/dapr-sdk-missing', `${python.chosen.path} cannot import the Dapr SDK (dapr), which ${lab.title} needs.`, pipInstallFix(python.chosen, ['dapr'], labPackages)));
	}
	for (const state of portStates) {
		if (!state.free) notReady.push(envFinding('env/port-in-use', `Port ${state.port} is in use${state.owner ? ` by ${state.owner}` : ''}.`, state.owner ? `Stop ${state.owner}, or pass another port.` : 'Free the port, or pass another port.'));
	}
	for (const probe of redisProbes) {
		const check = judgeRedis(probe);
		if (check.status === 'fail') notReady.push(envFinding(check.id, `${check.found.replace(/\.$/, '')}: daprd pings it when it initialises the pub/sub component and stops when it cannot connect (\`redis streams: error connecting to redis at ...\`), so the run would fail for a reason that is not in your code.`, check.fix));
	}
	if (notReady.length > 0) {
		for (const finding of notReady) yield {type: 'finding', finding};
		yield ended('not-ready', notReady, null);
		return;
	}
	yield {type: 'note', message: `Dapr CLI ${dapr!.cli ?? '?'}, runtime ${dapr!.runtime ?? 'not installed'}; Python ${python.chosen!.path} (${python.chosen!.version ?? '?'}).`};

	// --- plan ------------------------------------------------------------------------------------------------
	const zone = spec.zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
	const cron = model.components.find((doc) => doc.type?.value === 'bindings.cron' && directionAllows(doc, 'input') && doc.name !== null);
	let expectation: TriggerExpectation | null = null;
	const needTriggers = spec.lab !== 'lab-b';
	if (cron) {
		const schedule = metadataValue(cron, 'schedule') ?? '';
		const route = expectedPath(cron).path;
		const plan = planTriggers({binding: cron.name!.value, route, spec: schedule, zone, now: new Date(), timeoutMs: spec.timeoutSec * 1000});
		if (plan.ok && needTriggers) expectation = plan.expectation;
		else if (plan.ok && plan.expectation.rehearsal) expectation = null;
		if (plan.ok && plan.expectation.rehearsal && needTriggers) {
			yield {type: 'note', message: `The schedule "${schedule}" would not fire twice within ${spec.timeoutSec} s, so this run rehearses it with "${plan.expectation.runSpec}" in a temporary copy of the components (your files are not edited).`};
		}
	}
	const httpBinding = model.components.find((doc) => doc.type?.value === 'bindings.http' && doc.name !== null);
	const needsReceiver = spec.lab !== 'lab-a';
	const pubsubName = callArg(model, 'publish_event', 'pubsub_name', 0);
	const topic = callArg(model, 'publish_event', 'topic_name', 1) ?? 'task-events';
	const pubsub = model.components.find((doc) => doc.type?.value === 'pubsub.redis' && (pubsubName === null || doc.name?.value === pubsubName)) ?? null;

	// --- build -----------------------------------------------------------------------------------------------
	if (spec.build !== 'skip' && workspace.files.has('Dockerfile')) {
		yield {type: 'phase', phase: 'build', message: 'Building the image (docker build).'};
		const engine = await dockerEngineReachable();
		if (engine.ok) {
			const built = await dockerBuild(spec.dir, `dapr-labs-${spec.lab}`, signal);
			yield {type: 'check', id: 'docker-build', status: built.ok ? 'pass' : 'fail', message: built.ok ? 'docker build succeeded.' : `docker build failed:\n${built.output}`};
		} else {
			yield {type: 'note', message: `Skipped docker build: ${/[.?!]$/.test(engine.reason) ? engine.reason : `${engine.reason}.`} The run starts the app directly with Python, as \`dapr run\` does.`};
		}
	} else if (spec.build === 'skip') {
		yield {type: 'note', message: 'Skipped docker build (--no-build).'};
	}

	let receiver: Receiver | null = null;
	let tempDir: string | null = null;
	let child: GroupChild | null = null;
	let log: RunLog | null = null;
	const ports = [appPort, httpPort, grpcPort].filter((p): p is number => p !== null);
	// Aborts the verification tasks and the app-port poller, whatever ends the run.
	const verifyAbort = new AbortController();
	try {
		if (needsReceiver) receiver = await startReceiver();
		let resources = './components';
		const edits: Parameters<typeof temporaryComponents>[1] = {
			...(expectation?.rehearsal ? {schedule: {name: expectation.binding, value: expectation.runSpec}} : {}),
			...(receiver && httpBinding ? {url: {name: httpBinding.name!.value, value: `${receiver.url}/post`}} : {}),
		};
		if (edits.schedule || edits.url) {
			try {
				resources = await temporaryComponents(workspace, edits, (base) => (tempDir = base));
				if (edits.url) yield {type: 'note', message: `The webhook URL of "${edits.url.name}" points at a local receiver (${edits.url.value}) in the temporary copy, so no internet is needed.`};
			} catch (error) {
				yield {type: 'note', message: `Could not make the temporary copy of components/ (${error instanceof Error ? error.message : String(error)}); running with ./components as it is.`};
			}
		}
		let before: StreamEntry[] = [];
		const redis = pubsub ? redisUrl(metadataValue(pubsub, 'redisHost') ?? 'localhost:6379', metadataValue(pubsub, 'redisPassword') ?? undefined, metadataValue(pubsub, 'redisDB') ?? undefined) : null;
		if (spec.lab === 'combined' && redis) before = await readStream(redis, topic, {signal}).catch(() => []);

		const command = [python.chosen!.path, '-m', 'uvicorn', 'app:app', '--host', '0.0.0.0', '--port', String(appPort ?? 8000)];
		const args = daprRunArgs({appId: lab.appId, appPort, daprHttpPort: httpPort, daprGrpcPort: grpcPort, resourcesPath: resources, command});
		log = await openRunLog(spec.dir, spec.lab, new Date());
		log.write(`$ dapr ${args.join(' ')}`);
		yield {type: 'phase', phase: 'starting', message: 'Starting daprd and the app.'};
		yield {type: 'command', argv: ['dapr', ...args], cwd: spec.dir};
		child = startGroup('dapr', args, {cwd: spec.dir, env});

		type Item = {kind: 'line'; raw: string} | {kind: 'event'; event: RunEvent} | {kind: 'exit'; code: number | null} | {kind: 'verified'} | {kind: 'app-up'};
		const queue = new EventQueue<Item>();
		const lines = child.subprocess.all ? createInterface({input: child.subprocess.all, crlfDelay: Number.POSITIVE_INFINITY}) : null;
		lines?.on('line', (raw) => queue.push({kind: 'line', raw}));
		let exitCode: number | null | undefined;
		const exited = new Promise<void>((resolve) => {
			const done = () => {
				void child!.subprocess.then((r) => {
					exitCode = r.exitCode ?? null;
					queue.push({kind: 'exit', code: exitCode});
					resolve();
				});
			};
			if (lines) lines.once('close', done);
			else done();
		});

		const events: LineEvent[] = [];
		const triggers: Date[] = [];
		const cronFires: Date[] = [];
		let sawRequest = false;
		let appUp = false;
		let endedWhy: string | undefined;
		let stopAt = Date.now() + spec.timeoutSec * 1000;
		const graceStop = (ms: number, why?: string) => {
			stopAt = Math.min(stopAt, Date.now() + ms);
			if (why && !endedWhy) endedWhy = why;
		};
		let webhook: RunObservation['webhook'];
		let appAnswer: RunObservation['appAnswer'];
		let published: RunObservation['published'];
		let verifying = null as Promise<void> | null;
		const onAbort = () => verifyAbort.abort();
		signal.addEventListener('abort', onAbort, {once: true});

		const verifyOutput = async () => {
			// Lab B and combined: complete a task through the app and watch the receiver.
			const appUrl = `http://127.0.0.1:${appPort ?? 8000}/tasks/${TEST_TASK_ID}/complete`;
			try {
				const answer = await postJson(appUrl, 70_000, verifyAbort.signal);
				let parsed: unknown;
				try {
					parsed = JSON.parse(answer.body);
				} catch {
					parsed = undefined;
				}
				const ok = answer.status >= 200 && answer.status < 300 && typeof parsed === 'object' && parsed !== null && (parsed as Record<string, unknown>)['task_id'] === TEST_TASK_ID;
				appAnswer = {ok, detail: ok ? `POST /tasks/${TEST_TASK_ID}/complete answered ${answer.status} ${answer.body.slice(0, 200)}.` : `POST /tasks/${TEST_TASK_ID}/complete answered ${answer.status} ${answer.body.slice(0, 200) || '(empty)'}; expected JSON with "task_id": "${TEST_TASK_ID}".`};
			} catch (error) {
				appAnswer = {ok: false, detail: `POST /tasks/${TEST_TASK_ID}/complete failed: ${error instanceof Error ? error.message : String(error)}.`};
			}
			queue.push({kind: 'event', event: {type: 'check', id: 'app-answer', status: appAnswer.ok ? 'pass' : 'fail', message: appAnswer.detail}});
			const got = receiver ? await receiver.waitFor((r) => isTaskCompleted(r.json), appAnswer.ok ? 10_000 : 1000, verifyAbort.signal) : null;
			const last = receiver?.requests.at(-1);
			webhook = got
				? {ok: true, detail: `The receiver got ${got.method} ${got.path} with {"event": "task.completed", "task_id": "${TEST_TASK_ID}"}.`}
				: {ok: false, detail: last ? `The receiver got ${receiver!.requests.length} request(s), none with {"event": "task.completed", "task_id": "${TEST_TASK_ID}"}; the last body was ${last.body.slice(0, 200) || '(empty)'}.` : `The webhook receiver got no request after POST /tasks/${TEST_TASK_ID}/complete.`};
			queue.push({kind: 'event', event: {type: 'check', id: 'webhook', status: webhook.ok ? 'pass' : 'fail', message: webhook.detail}});
		};

		const verifyPublished = async () => {
			if (!redis) {
				published = {ok: false, detail: `No pubsub.redis component${pubsubName ? ` named "${pubsubName}"` : ''} in components/, so the published events cannot be read back.`};
				return;
			}
			const known = new Set(before.map((entry) => entry.id));
			try {
				const after = (await readStream(redis, topic, {signal: verifyAbort.signal})).filter((entry) => !known.has(entry.id));
				const count = after.length;
				const sample = after[0]?.cloudEvent ? JSON.stringify(cloudEventData(after[0].cloudEvent)) : null;
				published = count > 0 ? {ok: true, detail: `XRANGE ${topic} shows ${count} new event(s)${sample ? `, e.g. ${sample.slice(0, 160)}` : ''}.`} : {ok: false, detail: `XRANGE ${topic} shows no event published during the run.`};
			} catch (error) {
				published = {ok: false, detail: `Could not read the ${topic} stream from Redis: ${error instanceof Error ? error.message : String(error)}.`};
			}
		};

		const alertsArrived = () => (receiver?.requests ?? []).some((r) => isAlert(r.json));
		const triggersDone = () => expectation === null || triggers.length >= 2;
		const labSatisfied = () => {
			if (spec.lab === 'lab-a') return triggersDone();
			if (spec.lab === 'lab-b') return webhook !== undefined;
			return triggersDone() && webhook !== undefined && alertsArrived();
		};

		// daprd's "application discovered" line is the usual signal; polling the port as well keeps the runner working
		// with a Dapr (or stand-in) that words it differently.
		function* onAppUp(): Generator<RunEvent> {
			if (appUp) return;
			appUp = true;
			yield {type: 'phase', phase: 'verifying', message: 'The app is listening; watching for the expected events.'};
			if (expectation) {
				stopAt = Math.min(stopAt, Date.now() + expectation.waitMs + 5000);
				const at = new Date(Date.now() + expectation.intervalMs);
				yield {type: 'expect', what: `cron event 1 on ${expectation.route}`, at: at.toISOString(), deadline: new Date(at.getTime() + expectation.toleranceMs).toISOString()};
			}
			if (needsReceiver) verifying = verifyOutput().then(() => queue.push({kind: 'verified'}));
		}
		if (appPort !== null) {
			void (async () => {
				// Give daprd the first word, then poll.
				await new Promise((r) => setTimeout(r, 1000));
				while (!appUp && !verifyAbort.signal.aborted) {
					if (await portAnswers(appPort)) {
						queue.push({kind: 'app-up'});
						return;
					}
					await new Promise((r) => setTimeout(r, 250));
				}
			})();
		}
		let finishing = false;
		const maybeFinish = () => {
			if (finishing || !labSatisfied()) return;
			finishing = true;
			// Combined: give the last publish/alert of the second trigger a moment to land.
			graceStop(spec.lab === 'combined' ? 1500 : 300);
		};
		while (true) {
			if (signal.aborted) {
				endedWhy ??= 'the run was interrupted';
				break;
			}
			const now = Date.now();
			if (now >= stopAt) {
				if (!endedWhy && !labSatisfied()) endedWhy = `the run reached its ${spec.timeoutSec} s timeout`;
				break;
			}
			const item = await queue.next(Math.min(250, Math.max(1, stopAt - now)));
			if (!item) continue;
			if (item.kind === 'exit') {
				if (!endedWhy) endedWhy = `dapr exited${item.code === null ? '' : ` with code ${item.code}`}`;
				graceStop(0);
				continue;
			}
			if (item.kind === 'verified') continue;
			if (item.kind === 'app-up') {
				yield* onAppUp();
				continue;
			}
			if (item.kind === 'event') {
				yield item.event;
				maybeFinish();
				continue;
			}
			log.write(item.raw);
			const line = classifyLine(item.raw);
			yield {type: 'line', line};
			const event = line.event;
			if (!event) continue;
			if (events.length < MAX_EVENTS) events.push(event);
			switch (event.type) {
				case 'up-and-running':
					yield {type: 'phase', phase: 'waiting', message: 'Dapr is up; waiting for the app.'};
					break;
				case 'app-discovered':
					yield* onAppUp();
					break;
				case 'app-request':
					sawRequest = true;
					if (expectation && event.method === 'POST' && event.path === expectation.route && event.status >= 200 && event.status < 300) {
						const at = new Date();
						triggers.push(at);
						yield {type: 'trigger', index: triggers.length, at: at.toISOString()};
						if (triggers.length < 2) {
							const next = new Date(at.getTime() + expectation.intervalMs);
							yield {type: 'expect', what: `cron event ${triggers.length + 1} on ${expectation.route}`, at: next.toISOString(), deadline: new Date(next.getTime() + expectation.toleranceMs).toISOString()};
						}
					}
					break;
				case 'cron-fired':
					cronFires.push(new Date());
					break;
				case 'component-init-failed':
				case 'fatal':
				case 'daprd-exited':
					graceStop(1500, 'daprd exited');
					break;
				case 'app-exited':
					graceStop(1500, 'the app exited');
					break;
				case 'app-not-subscribed':
					graceStop(1500, `the app did not subscribe to binding ${event.binding}`);
					break;
				case 'app-channel-missing':
					graceStop(3000, 'daprd has no app channel');
					break;
				case 'delivery-failed':
					if (events.filter((e) => e.type === 'delivery-failed').length >= 2) graceStop(1000, 'the app rejected the cron events');
					break;
				default:
					break;
			}
			maybeFinish();
		}
		// Without uvicorn's access log (e.g. --no-access-log), count the fires daprd logged that no error followed.
		const useFires = expectation !== null && !sawRequest && triggers.length === 0 && cronFires.length > 0 && !events.some((e) => e.type === 'delivery-failed');
		if (useFires) yield {type: 'note', message: 'The app printed no access log; counting the fires daprd logged instead.'};
		if (spec.lab === 'combined') {
			await verifyPublished();
			if (published) yield {type: 'check', id: 'published', status: published.ok ? 'pass' : 'fail', message: published.detail};
			if (!alertsArrived() && webhook?.ok) webhook = {ok: false, detail: 'The receiver got no {"alert": "task_expired", ...} request from the cron handler.'};
		}

		// --- stop ------------------------------------------------------------------------------------------
		yield {type: 'phase', phase: 'stopping', message: 'Stopping dapr, daprd and the app.'};
		verifyAbort.abort();
		signal.removeEventListener('abort', onAbort);
		await child.stop();
		// Bounded: a descendant that kept the output pipe open is gone after stop(), but never wait on it forever.
		await Promise.race([exited.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
		lines?.close();
		await verifying?.catch(() => undefined);
		while (queue.length > 0) {
			const item = await queue.next(0);
			if (item?.kind === 'line') {
				log.write(item.raw);
				// Shown and kept, but not diagnosed: lines printed while we stop it (a request cut short by the shutdown)
				// say nothing about the student's app.
				yield {type: 'line', line: classifyLine(item.raw)};
			}
		}
		let busy = await waitPortsFree(ports, 3000);
		if (busy.length > 0) {
			const stopped = await daprStop(lab.appId, {env});
			busy = await waitPortsFree(ports, 3000);
			// Say only what is still true when the note is printed: who holds a port now, or that `dapr stop` did stop something.
			const held = busy.length > 0 ? (await probePorts(busy)).filter((state) => !state.free) : [];
			if (held.length > 0) yield {type: 'note', message: `Ports still in use after stopping: ${held.map((state) => (state.owner ? `${state.port} (${state.owner})` : String(state.port))).join(', ')}.`};
			else if (stopped) yield {type: 'note', message: 'Stopped the app with `dapr stop` as a fallback.'};
		}
		const effectiveTriggers = useFires ? cronFires : triggers;
		const observation: RunObservation = {
			lab: spec.lab,
			events,
			triggers: effectiveTriggers,
			expectation,
			appPort,
			...(webhook ? {webhook} : needsReceiver ? {webhook: {ok: false, detail: appUp ? 'The webhook was never checked: the run ended first.' : 'The app never started listening, so the webhook could not be tested.'}} : {}),
			...(appAnswer ? {appAnswer} : {}),
			...(published ? {published} : {}),
			...(endedWhy ? {ended: endedWhy + '.'} : {}),
			...(signal.aborted ? {interrupted: true} : {}),
			dir: spec.dir,
		};
		const diagnosis = diagnose(observation, model);
		if (diagnosis.status === 'interrupted') {
			yield {type: 'phase', phase: 'done', message: 'Interrupted: the run was stopped before it finished, so nothing was judged.'};
			yield ended('interrupted', [], log.path);
			return;
		}
		if (expectation) {
			const verdict = judgeTriggers(expectation, effectiveTriggers);
			yield {type: 'check', id: 'triggers', status: verdict.ok ? 'pass' : 'fail', message: verdict.message};
		}
		const explaining = diagnosis.status === 'fail' ? staticErrors : [];
		const findings = [...diagnosis.findings, ...explaining];
		for (const finding of findings) yield {type: 'finding', finding};
		yield {type: 'phase', phase: 'done', message: diagnosis.status === 'pass' ? 'Verified.' : 'The lab does not work yet.'};
		yield ended(diagnosis.status, findings, log.path);
	} finally {
		verifyAbort.abort();
		await child?.stop();
		await receiver?.close();
		await log?.close();
		if (tempDir) await rm(tempDir, {recursive: true, force: true});
	}
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

function isTaskCompleted(json: unknown): boolean {
	const value = typeof json === 'string' ? safeParse(json) : json;
	return typeof value === 'object' && value !== null && (value as Record<string, unknown>)['event'] === 'task.completed' && (value as Record<string, unknown>)['task_id'] === TEST_TASK_ID;
}

function isAlert(json: unknown): boolean {
	const value = typeof json === 'string' ? safeParse(json) : json;
	return typeof value === 'object' && value !== null && 'alert' in value;
}

function safeParse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
