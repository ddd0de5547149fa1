/**
 * Runs a lab and verifies it: static checks first, then core plans the run (core/run-plan.ts planRun: app command,
 * component edits, the probes of the lab's `runtime:` section), a Runtime executes the plan (runtime.ts; self-hosted
 * `dapr run` by default) and this loop feeds what it reports to the armed probes (probes/), stops when they are
 * satisfied or time is up, and diagnoses the run (core/diagnose.ts). One event stream (RunEvent) feeds the Ink UI and
 * the text/JSON reporters alike. The student's files are never edited.
 */
import {diagnose, type RunObservation} from '../core/diagnose.js';
import {workspaceFingerprint} from '../core/run-record.js';
import type {WorkspaceModel} from '../core/rule.js';
import type {LineEvent, RunEvent} from '../core/run-events.js';
import {planRun, type RunPlan} from '../core/run-plan.js';
import type {Finding, LabId, Workspace} from '../core/types.js';
import {checkFolder} from './check-folder.js';
import {EventQueue} from './event-queue.js';
import {loadLabs} from './labs-loader.js';
import {PROBE_KINDS} from './probes/index.js';
import type {ArmedProbe, ProbeContext, ProbeFinish} from './probes/probe.js';
import {startReceiver, type Receiver} from './receiver.js';
import {readStream} from './redis-stream.js';
import type {Runtime, RuntimeEvent, RuntimeRun} from './runtime.js';
import {selfHostedRuntime} from './runtimes/self-hosted.js';

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
	/** Where the plan runs (default: self-hosted `dapr run`). */
	readonly runtime?: (setup: {readonly workspace: Workspace; readonly env: Readonly<Record<string, string | undefined>>; readonly spec: RunSpec}) => Runtime;
};

const MAX_EVENTS = 20_000;

type Item = {readonly from: 'runtime'; readonly event: RuntimeEvent} | {readonly from: 'probe'; readonly event: RunEvent} | {readonly from: 'end'; readonly error?: unknown};

/** Arms the plan's probes in order, each seeing the ones before it. */
function armProbes(plan: RunPlan, base: Omit<ProbeContext, 'earlier'>): ArmedProbe[] {
	const armed: ArmedProbe[] = [];
	for (const probe of plan.probes) armed.push(PROBE_KINDS.get(probe.kind)!.arm(probe, {...base, earlier: [...armed]}));
	return armed;
}

/** Runs and verifies a lab; see the module comment. Always cleans up, whatever ends the iteration. */
export async function* runLab(spec: RunSpec, signal: AbortSignal): AsyncGenerator<RunEvent> {
	let fingerprint: string | undefined;
	const ended = (status: 'pass' | 'fail' | 'not-ready' | 'interrupted', findings: readonly Finding[], logFile: string | null): RunEvent => ({type: 'result', lab: spec.lab, status, findings, logFile, ...(fingerprint ? {fingerprint} : {})});

	// --- preflight and plan ---------------------------------------------------------------------------------
	yield {type: 'phase', phase: 'preflight', message: 'Checking the folder and the environment.'};
	const lab = (await loadLabs()).find((candidate) => candidate.id === spec.lab);
	if (!lab) throw new Error(`Unknown lab ${spec.lab}.`);
	const {result, workspace, model} = await checkFolder(spec.dir, {labs: [spec.lab], signal});
	fingerprint = workspaceFingerprint(workspace);
	const staticErrors = (result.labs.find((l) => l.id === spec.lab)?.findings ?? []).filter((f) => f.severity === 'error');
	yield {type: 'note', message: staticErrors.length === 0 ? 'Static checks: no errors.' : `Static checks: ${staticErrors.length} error(s); running anyway to show what Dapr does with them.`};
	const zone = spec.zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
	const plan = planRun(lab, model, {dir: spec.dir, timeoutSec: spec.timeoutSec, now: new Date(), zone, kinds: PROBE_KINDS, ...ports(spec)});
	const env: Record<string, string | undefined> = {...process.env, ...spec.env, PYTHONUNBUFFERED: '1'};
	const runtime = (spec.runtime ?? ((setup) => selfHostedRuntime({workspace: setup.workspace, env: setup.env, ...(spec.python ? {python: spec.python} : {}), build: spec.build ?? 'auto'})))({workspace, env, spec});
	const preflight = await runtime.preflight(plan, signal);
	if (!preflight.ready) {
		for (const finding of preflight.findings) yield {type: 'finding', finding};
		yield ended('not-ready', preflight.findings, null);
		return;
	}
	yield {type: 'note', message: preflight.note};
	for (const message of plan.notes) yield {type: 'note', message};

	let receiver: Receiver | null = null;
	let run: RuntimeRun | null = null;
	let pump: Promise<void> | null = null;
	// Aborts the probes' background work (app calls, waits), whatever ends the run.
	const verifyAbort = new AbortController();
	const onAbort = () => verifyAbort.abort();
	signal.addEventListener('abort', onAbort, {once: true});
	try {
		if (plan.receiver) receiver = await startReceiver();
		const queue = new EventQueue<Item>();
		let stopping = false;
		const probes = armProbes(plan, {
			plan,
			model,
			appUrl: runtime.appUrl(plan),
			daprHttpPort: plan.daprHttpPort,
			receiver,
			readStream,
			signal: verifyAbort.signal,
			emit: (event) => {
				if (!stopping) queue.push({from: 'probe', event});
			},
		});
		const extraEdits = [];
		const extraEnv: Record<string, string> = {};
		for (const probe of probes) {
			const prepared = await probe.prepare?.();
			if (prepared?.edits) extraEdits.push(...prepared.edits);
			if (prepared?.env) Object.assign(extraEnv, prepared.env);
		}
		const started = runtime.start(plan, {receiverUrl: receiver?.url ?? null, extraEdits, env: extraEnv}, signal);
		run = started;
		pump = (async () => {
			try {
				for await (const event of started.events) queue.push({from: 'runtime', event});
				queue.push({from: 'end'});
			} catch (error) {
				queue.push({from: 'end', error});
			}
		})();

		// --- the loop: runtime events in, probes fed, stop when satisfied or out of time --------------------------
		const events: LineEvent[] = [];
		let appUp = false;
		let endedWhy: string | undefined;
		let stopAt = Number.POSITIVE_INFINITY;
		const graceStop = (ms: number, why?: string) => {
			stopAt = Math.min(stopAt, Date.now() + ms);
			if (why && !endedWhy) endedWhy = why;
		};
		const satisfied = () => probes.every((probe) => probe.satisfied());
		let finishing = false;
		const maybeFinish = () => {
			if (finishing || !satisfied()) return;
			finishing = true;
			// Give the last effects of the app (a publish, an alert) a moment to land.
			graceStop(Math.max(300, ...probes.map((probe) => probe.settleMs ?? 0)));
		};
		function* onAppUp(): Generator<RunEvent> {
			if (appUp) return;
			appUp = true;
			yield {type: 'phase', phase: 'verifying', message: 'The app is listening; watching for the expected events.'};
			for (const probe of probes) {
				const effect = probe.onAppUp?.();
				if (effect?.within !== undefined) stopAt = Math.min(stopAt, Date.now() + effect.within);
				yield* effect?.events ?? [];
			}
		}
		while (true) {
			if (signal.aborted) {
				endedWhy ??= 'the run was interrupted';
				break;
			}
			const now = Date.now();
			if (now >= stopAt) {
				if (!endedWhy && !satisfied()) endedWhy = `the run reached its ${spec.timeoutSec} s timeout`;
				break;
			}
			const item = await queue.next(Math.min(250, Math.max(1, stopAt - now)));
			if (!item) continue;
			if (item.from === 'end') {
				if (item.error !== undefined) throw item.error;
				break;
			}
			if (item.from === 'probe') {
				yield item.event;
				maybeFinish();
				continue;
			}
			const event = item.event;
			if (event.type === 'exited') {
				if (!endedWhy) endedWhy = `dapr exited${event.code === null ? '' : ` with code ${event.code}`}`;
				graceStop(0);
				continue;
			}
			if (event.type === 'app-up') {
				yield* onAppUp();
				continue;
			}
			yield event;
			// The deadline counts from the start of dapr, not from a docker build before it.
			if (event.type === 'command') stopAt = Date.now() + plan.timeoutMs;
			if (event.type !== 'line' || !event.line.event) continue;
			const seen = event.line.event;
			if (events.length < MAX_EVENTS) events.push(seen);
			const at = new Date();
			for (const probe of probes) yield* probe.observe?.(seen, at) ?? [];
			yield* lineEffects(seen);
			maybeFinish();
		}
		function* lineEffects(seen: LineEvent): Generator<RunEvent> {
			switch (seen.type) {
				case 'up-and-running':
					yield {type: 'phase', phase: 'waiting', message: 'Dapr is up; waiting for the app.'};
					break;
				case 'app-discovered':
					yield* onAppUp();
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
					graceStop(1500, `the app did not subscribe to binding ${seen.binding}`);
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
		}

		// --- what the probes saw, then stop ---------------------------------------------------------------------
		const finishes: ProbeFinish[] = [];
		for (const probe of probes) {
			const finish = await probe.finish({appUp, interrupted: signal.aborted});
			finishes.push(finish);
			yield* finish.events ?? [];
		}
		yield {type: 'phase', phase: 'stopping', message: 'Stopping dapr, daprd and the app.'};
		stopping = true;
		verifyAbort.abort();
		await started.stop();
		await pump;
		// Lines printed while stopping are shown and kept, but not diagnosed: a request cut short by the shutdown says
		// nothing about the student's app. Probe events after this point are dropped.
		while (queue.length > 0) {
			const item = await queue.next(0);
			if (item?.from === 'runtime' && (item.event.type === 'line' || item.event.type === 'note')) yield item.event;
		}

		const cron = finishes.find((finish) => finish.triggers)?.triggers;
		const observation: RunObservation = {
			events,
			triggers: cron?.at ?? [],
			expectation: cron?.expectation ?? null,
			appPort: plan.appPort,
			reports: finishes.flatMap((finish) => finish.reports ?? []),
			...(endedWhy ? {ended: endedWhy + '.'} : {}),
			...(signal.aborted ? {interrupted: true} : {}),
			dir: spec.dir,
		};
		yield* verdict(observation, model, probes, staticErrors, ended, started.logFile);
	} finally {
		verifyAbort.abort();
		signal.removeEventListener('abort', onAbort);
		await run?.stop();
		await pump;
		await receiver?.close();
	}
}

/** The diagnosis, the probes' late checks, the findings and the result. */
function* verdict(observation: RunObservation, model: WorkspaceModel, probes: readonly ArmedProbe[], staticErrors: readonly Finding[], ended: (status: 'pass' | 'fail' | 'interrupted', findings: readonly Finding[], logFile: string | null) => RunEvent, logFile: string | null): Generator<RunEvent> {
	const diagnosis = diagnose(observation, model);
	if (diagnosis.status === 'interrupted') {
		yield {type: 'phase', phase: 'done', message: 'Interrupted: the run was stopped before it finished, so nothing was judged.'};
		yield ended('interrupted', [], logFile);
		return;
	}
	for (const probe of probes) yield* probe.verdict?.() ?? [];
	const findings = [...diagnosis.findings, ...(diagnosis.status === 'fail' ? staticErrors : [])];
	for (const finding of findings) yield {type: 'finding', finding};
	yield {type: 'phase', phase: 'done', message: diagnosis.status === 'pass' ? 'Verified.' : 'The lab does not work yet.'};
	yield ended(diagnosis.status, findings, logFile);
}

function ports(spec: RunSpec): {appPort?: number | null; daprHttpPort?: number; daprGrpcPort?: number} {
	return {
		...(spec.appPort === undefined ? {} : {appPort: spec.appPort}),
		...(spec.daprHttpPort === undefined ? {} : {daprHttpPort: spec.daprHttpPort}),
		...(spec.daprGrpcPort === undefined ? {} : {daprGrpcPort: spec.daprGrpcPort}),
	};
}
