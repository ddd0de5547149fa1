/**
 * The run seam: a Runtime executes a RunPlan (core/run-plan.ts) somewhere (self-hosted `dapr run` today:
 * runtimes/self-hosted.ts; a Kubernetes runtime would be another module, see docs/architecture.md) and reports what
 * happens as one event stream. runLab (run-lab.ts) owns the probes and the verdict; a runtime knows nothing about
 * what a lab expects.
 */
import type {ClassifiedLine, RunEvent} from '../core/run-events.js';
import type {RunPlan} from '../core/run-plan.js';
import type {Finding} from '../core/types.js';

/** The preflight's outcome: ready (with a sentence about the tools found) or the env/* findings that stop the run. */
export type Preflight = {readonly ready: true; readonly note: string} | {readonly ready: false; readonly findings: readonly Finding[]};

/** What the runner sets up for the runtime before it starts. */
export type StartSetup = {
	/** The shared local receiver's URL as daprd must reach it (resolves `receiverPath` edits), when one runs. */
	readonly receiverUrl: string | null;
	/** Component edits the armed probes added at prepare() time, after the plan's own. */
	readonly extraEdits: RunPlan['componentEdits'];
	/** Environment the probes asked for (daprd and the app). */
	readonly env: Readonly<Record<string, string>>;
};

/**
 * What a running runtime reports, in order: shown events (phases, notes, the command, each output line, a build
 * check), plus two signals for the loop: the app answers on its port, and the runtime's processes are gone.
 */
export type RuntimeEvent =
	| Extract<RunEvent, {type: 'phase' | 'note' | 'command' | 'check'}>
	| {readonly type: 'line'; readonly line: ClassifiedLine}
	| {readonly type: 'app-up'}
	| {readonly type: 'exited'; readonly code: number | null};

export type RuntimeRun = {
	/**
	 * Everything the runtime reports until it is stopped and its output is drained. After stop() it still yields
	 * the lines printed while stopping and its closing notes (ports still held...), then ends.
	 */
	readonly events: AsyncIterable<RuntimeEvent>;
	/** Stops the app and the sidecar (bounded in time) and removes what start made; idempotent, never throws. */
	stop(): Promise<void>;
	/** The run log kept for `dapr-labs logs`, once one is open. */
	readonly logFile: string | null;
};

export interface Runtime {
	/** A short name for notes and docs (`self-hosted`). */
	readonly name: string;
	/** The environment judgement (doctor's), before anything is started. Never throws for a missing tool. */
	preflight(plan: RunPlan, signal: AbortSignal): Promise<Preflight>;
	/** How the runner reaches the app the plan starts (`http://127.0.0.1:8000`; a port-forward on Kubernetes). */
	appUrl(plan: RunPlan): string | null;
	/** Starts the plan. Work that can fail (a build, the temporary components copy) is reported as events. */
	start(plan: RunPlan, setup: StartSetup, signal: AbortSignal): RuntimeRun;
}
