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

/** What planRun needs besides the lab and the model. */
export type PlanOptions = {
	readonly dir: string;
	readonly timeoutSec: number;
	/** --app-port; default 8000. null runs without --app-port. */
	readonly appPort?: number | null;
	readonly daprHttpPort?: number;
	readonly daprGrpcPort?: number;
	readonly now: Date;
	readonly zone: string;
	/** The probe kinds by name (src/runner/probes/index.ts). */
	readonly kinds: ReadonlyMap<string, ProbePlanner>;
};

/**
 * Every problem with a lab's `runtime:` section, each prefixed with where it is (`runtime.probes[1]: ...`): unknown
 * kinds and parameters a kind rejects. [] when the section is absent or valid.
 */
export function runtimeProblems(runtime: RuntimeDef | undefined, kinds: ReadonlyMap<string, ProbePlanner>): string[] {
	const problems: string[] = [];
	(runtime?.probes ?? []).forEach((probe, index) => {
		const at = `runtime.probes[${index}]`;
		const kind = kinds.get(probe.kind);
		if (!kind) problems.push(`${at}: unknown probe kind "${probe.kind}" (known: ${[...kinds.keys()].join(', ')}).`);
		else for (const problem of kind.validate(probe)) problems.push(`${at} (${probe.kind}): ${problem}`);
	});
	return problems;
}

/**
 * Reads the `runtime:` section of parsed lab.yaml data: a mapping with `probes`, a list of mappings that each name a
 * `kind`. The parameters are the kinds' business (runtimeProblems, at plan time and in the content tests).
 */
export function parseRuntimeDef(data: unknown, errors: string[]): RuntimeDef | undefined {
	if (data === undefined) return undefined;
	const record = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
	if (!record(data) || !Array.isArray(data['probes'])) {
		errors.push('runtime must be a mapping with a list of probes (runtime: {probes: [{kind: ...}]}).');
		return undefined;
	}
	const unknown = Object.keys(data).filter((key) => key !== 'probes');
	if (unknown.length > 0) errors.push(`runtime: unknown key ${unknown.map((key) => `"${key}"`).join(', ')} (only probes).`);
	const probes: ProbeDef[] = [];
	data['probes'].forEach((probe: unknown, index) => {
		if (!record(probe) || typeof probe['kind'] !== 'string' || probe['kind'] === '') errors.push(`runtime.probes[${index}] must be a mapping with a kind.`);
		else probes.push(probe as ProbeDef);
	});
	return {probes};
}

/** The Redis addresses of the folder's pubsub.redis components (default localhost:6379, as pubsub.redis has). */
function redisAddresses(model: WorkspaceModel): {readonly address: string; readonly source: string}[] {
	const seen = new Map<string, string>();
	for (const doc of model.components) {
		if (doc.type?.value !== 'pubsub.redis') continue;
		const host = (doc.metadata ?? []).find((item) => item.name?.value.toLowerCase() === 'redishost')?.value?.value ?? 'localhost:6379';
		if (!seen.has(host)) seen.set(host, doc.file);
	}
	return [...seen].map(([address, source]) => ({address, source}));
}

/**
 * Plans a run of `lab` on the folder `model` describes: the ports, the app command, the probes of the lab's
 * `runtime:` section with their parameters resolved, the component edits they need and the deadline. Throws when the
 * lab's runtime section is not valid (a lab definition bug, caught by the content tests).
 */
export function planRun(lab: LabDef, model: WorkspaceModel, options: PlanOptions): RunPlan {
	const problems = runtimeProblems(lab.runtime, options.kinds);
	if (problems.length > 0) throw new Error(`The runtime section of lab ${lab.id} is not valid:\n  ${problems.join('\n  ')}`);
	const appPort = options.appPort === undefined ? 8000 : options.appPort;
	const daprHttpPort = options.daprHttpPort ?? 3500;
	const daprGrpcPort = options.daprGrpcPort ?? 50001;
	const timeoutMs = options.timeoutSec * 1000;
	const probes: PlannedProbe[] = [];
	const edits: ComponentEdit[] = [];
	const notes: string[] = [];
	let receiver = false;
	for (const def of lab.runtime?.probes ?? []) {
		const outcome = options.kinds.get(def.kind)!.plan(def, {lab, model, now: options.now, zone: options.zone, timeoutMs, earlier: probes});
		if (!outcome.ok) throw new Error(`The ${def.kind} probe of lab ${lab.id} cannot be planned: ${outcome.error}`);
		probes.push(outcome.probe);
		notes.push(...(outcome.notes ?? []));
		receiver ||= outcome.receiver === true;
		// Two probes on one component value (two webhook probes on one binding): the first edit stands.
		for (const edit of outcome.edits ?? []) if (!edits.some((seen) => seen.component === edit.component && seen.key === edit.key)) edits.push(edit);
	}
	const publishes = lab.requiredComponents.some((group) => group.some((type) => type.startsWith('pubsub.')));
	return {
		lab: lab.id,
		title: lab.title,
		appId: lab.appId,
		dir: options.dir,
		appPort,
		daprHttpPort,
		daprGrpcPort,
		app: {args: ['-m', 'uvicorn', 'app:app', '--host', '0.0.0.0', '--port', String(appPort ?? 8000)], pythonModules: lab.needsDaprSdk ? ['fastapi', 'uvicorn', 'dapr'] : ['fastapi', 'uvicorn']},
		componentEdits: edits,
		receiver,
		probes,
		timeoutMs,
		notes,
		needs: {
			daprSdk: lab.needsDaprSdk,
			// Labs that publish need the Redis behind their pub/sub component: the preflight probes it as doctor does.
			redis: publishes ? redisAddresses(model) : [],
			ports: [appPort, daprHttpPort, daprGrpcPort].filter((port): port is number => port !== null),
		},
	};
}
