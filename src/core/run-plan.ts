/**
 * The plan of one `dapr-labs run`: what the runtime must start (the app command, the ports, which component values
 * change in the temporary copy of components/) and what the armed probes must observe, with every probe parameter
 * resolved against the folder's model. Pure: the caller passes the clock, the zone and the probe kinds.
 *
 * A lab says what its run observes in the `runtime:` section of lab.yaml (`probes: [{kind, ...params}]`). Each kind
 * lives in one runner module (src/runner/probes/<kind>.ts) whose pure half, a ProbePlanner, is handed to planRun: it
 * validates the parameters and resolves them (binding names, the schedule engine's trigger expectation). No lab id is
 * known here.
 */
import type {LabDef} from './labs.js';
import type {WorkspaceModel} from './rule.js';
import type {LabId} from './types.js';

/** One probe as lab.yaml declares it: a kind and its parameters (validated by that kind). */
export type ProbeDef = {readonly kind: string; readonly [param: string]: unknown};

/** The `runtime:` section of lab.yaml. */
export type RuntimeDef = {readonly probes: readonly ProbeDef[]};

/**
 * A metadata value to set in the temporary copy of one component (the student's files are never edited). `value`
 * is literal; `receiverPath` means "the shared local receiver's URL plus this path", which only the runtime knows.
 */
export type ComponentEdit =
	| {readonly component: string; readonly key: string; readonly value: string}
	| {readonly component: string; readonly key: string; readonly receiverPath: string};

/** A probe after planning: its kind, its resolved parameters, and the check id it reports under. */
export type PlannedProbe = {
	readonly kind: string;
	/** Parameters with defaults filled in and names resolved against the model (the kind knows their shape). */
	readonly params: Readonly<Record<string, unknown>>;
};

/** What planning one probe adds to the plan. */
export type ProbePlanOutcome =
	| {
			readonly ok: true;
			readonly probe: PlannedProbe;
			/** Values to rewrite in the temporary copy of components/. */
			readonly edits?: readonly ComponentEdit[];
			/** Sentences to tell the student before the run starts (e.g. that a schedule is rehearsed). */
			readonly notes?: readonly string[];
			/** The probe needs the shared local receiver. */
			readonly receiver?: boolean;
	  }
	| {readonly ok: false; readonly error: string};

/** What a probe kind's planner may read. */
export type ProbePlanContext = {
	readonly lab: LabDef;
	readonly model: WorkspaceModel;
	readonly now: Date;
	/** daprd's local zone for schedules without TZ=. */
	readonly zone: string;
	readonly timeoutMs: number;
	/** The probes planned before this one (lab.yaml order). */
	readonly earlier: readonly PlannedProbe[];
};

/** The pure half of a probe kind: validation of lab.yaml parameters and planning. */
export type ProbePlanner = {
	readonly kind: string;
	/** Problems with the parameters, each naming the parameter (`count must be a positive integer.`); [] when valid. */
	validate(params: Readonly<Record<string, unknown>>): readonly string[];
	plan(params: Readonly<Record<string, unknown>>, context: ProbePlanContext): ProbePlanOutcome;
};

export type RunPlan = {
	readonly lab: LabId;
	readonly title: string;
	readonly appId: string;
	/** The lab folder (where the app command runs). */
	readonly dir: string;
	/** --app-port (null: run without one, what a student who forgot it gets). */
	readonly appPort: number | null;
	readonly daprHttpPort: number;
	readonly daprGrpcPort: number;
	/** The app command after the interpreter the runtime chooses: `python -m uvicorn app:app --host 0.0.0.0 --port N`. */
	readonly app: {readonly args: readonly string[]; readonly pythonModules: readonly string[]};
	/** Component values to rewrite in the temporary copy (empty: the runtime uses ./components as it is). */
	readonly componentEdits: readonly ComponentEdit[];
	/** Whether a probe needs the shared local receiver. */
	readonly receiver: boolean;
	readonly probes: readonly PlannedProbe[];
	/** The run's deadline, counted from the start of the app (probes may shorten it once the app is up). */
	readonly timeoutMs: number;
	/** Sentences for the student before the run starts. */
	readonly notes: readonly string[];
	/** What the preflight must establish beyond the runtime's own tools. */
	readonly needs: {
		readonly daprSdk: boolean;
		/** Redis servers behind the folder's pubsub.redis components, when the lab publishes. */
		readonly redis: readonly {readonly address: string; readonly source: string}[];
		readonly ports: readonly number[];
	};
};
