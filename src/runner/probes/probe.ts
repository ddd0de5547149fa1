/**
 * The probe module interface. A probe is one thing a run must observe (cron deliveries, the app's answer to a call,
 * a request at the local webhook receiver, events in a Redis stream). Each kind is one file in this folder exporting
 * a ProbeModule; lab.yaml's `runtime: probes:` list arms them in order, and the run passes when every probe is
 * satisfied and the diagnosis finds nothing.
 *
 * Life of an armed probe, driven by runLab's loop (src/runner/run-lab.ts):
 *   arm()      once the plan is made (planner params resolved, see core/run-plan.ts)
 *   prepare()  before the runtime starts: extra component edits / environment, a "before" snapshot
 *   onAppUp()  once the app answers: start calling it, announce expected events, shorten the deadline
 *   observe()  for every recognised line event, in arrival order; returns events to show right after the line
 *   satisfied() after each event: when every probe says yes, the run stops after the largest settleMs
 *   finish()   after the loop, before the runtime stops: the probe's final events and its reports for diagnose
 *   verdict()  after the diagnosis, unless the run was interrupted: late checks (the trigger check)
 * Events produced asynchronously (an HTTP answer) go through context.emit; they are shown while the run lasts.
 */
import type {RunObservation, ProbeReport, TriggerExpectation} from '../../core/diagnose.js';
import type {LineEvent, RunEvent} from '../../core/run-events.js';
import type {ComponentEdit, PlannedProbe, ProbePlanner, RunPlan} from '../../core/run-plan.js';
import type {WorkspaceModel} from '../../core/rule.js';
import type {Receiver} from '../receiver.js';
import type {StreamEntry} from '../redis-stream.js';

/** What every armed probe may use. Shared by all probes of one run. */
export type ProbeContext = {
	readonly plan: RunPlan;
	readonly model: WorkspaceModel;
	/** How the runner reaches the app, e.g. `http://127.0.0.1:8000` (null: the run has no app port). */
	readonly appUrl: string | null;
	readonly daprHttpPort: number;
	/** The shared local receiver (started when a planned probe asked for it), else null. */
	readonly receiver: Receiver | null;
	/** XRANGE of a Redis stream (runner/redis-stream.ts readStream, or a stand-in in tests). */
	readonly readStream: (url: string, stream: string, options: {readonly signal?: AbortSignal}) => Promise<StreamEntry[]>;
	/** Aborted when the run stops verifying (end of the loop, Ctrl-C): every background task must end with it. */
	readonly signal: AbortSignal;
	/** Shows an event while the run lasts (ignored once the runtime is stopping). */
	emit(event: RunEvent): void;
	/** The probes armed before this one, in lab.yaml order (a webhook probe waits for an earlier app call). */
	readonly earlier: readonly ArmedProbe[];
};

/** Extra set-up a probe needs before the runtime starts. */
export type Preparation = {
	readonly edits?: readonly ComponentEdit[];
	/** Environment for daprd and the app (e.g. APP_API_TOKEN). */
	readonly env?: Readonly<Record<string, string>>;
};

/** What a probe does when the app comes up. */
export type AppUpEffect = {
	/** Shown at once, after the `verifying` phase. */
	readonly events?: readonly RunEvent[];
	/** The run need not last longer than this many ms from now (the earliest of all probes wins). */
	readonly within?: number;
};

/** A call a probe makes to the app, which later probes may wait for (described as `POST /tasks/task-42/complete`). */
export type ProbeAction = {
	readonly describe: string;
	/** Resolves once the call is answered (ok: a 2xx with the expected JSON), or never when the app never came up. */
	readonly done: Promise<{readonly ok: boolean}>;
};

/** What a probe hands over when the loop ends. */
export type ProbeFinish = {
	/** Shown before the runtime stops (notes, checks). */
	readonly events?: readonly RunEvent[];
	/** Its checks for diagnose (same check id from several probes: the first failure wins, else the first pass). */
	readonly reports?: readonly ProbeReport[];
	/** The cron deliveries it counted, when it watches a trigger expectation. */
	readonly triggers?: {readonly expectation: TriggerExpectation; readonly at: readonly Date[]};
	/** Lines it used in its judgement and diagnose should see (none today: runLab passes every line event). */
	readonly observation?: Partial<Pick<RunObservation, 'ended'>>;
};

export interface ArmedProbe {
	readonly kind: string;
	/** Extra component edits / environment, and any "before" snapshot (the stream's existing entries). */
	prepare?(): Promise<Preparation | void>;
	onAppUp?(): AppUpEffect | void;
	/** A recognised line event (daprd, the CLI or the app) as it arrives; returns events to show right after the line. */
	observe?(event: LineEvent, at: Date): readonly RunEvent[] | void;
	/** Whether this probe has seen what it waits for (a probe with nothing to wait for says true). */
	satisfied(): boolean;
	/** Once all probes are satisfied, how long to keep the run going for late effects (default 300 ms). */
	readonly settleMs?: number;
	/** The app call this probe makes, when it makes one. */
	readonly action?: ProbeAction;
	finish(state: {readonly appUp: boolean; readonly interrupted: boolean}): Promise<ProbeFinish>;
	verdict?(): readonly RunEvent[];
}

/** A probe kind: its pure planner (validation + parameter resolution) and how to arm it. */
export type ProbeModule = ProbePlanner & {
	arm(probe: PlannedProbe, context: ProbeContext): ArmedProbe;
};
