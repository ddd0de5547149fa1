/**
 * Lab definitions: the shape of labs/<id>/lab.yaml. Content is data read by runner/labs-loader.ts and passed in;
 * core validates it (validateLab) and evaluates a folder against it (core/check.ts).
 */
import type {LabId} from './types.js';

export type StepKind = 'static' | 'runtime';

export type StepDef = {
	/** Stable id within the lab, e.g. `component`, `handler`, `dockerfile`, `run`, `triggers`. */
	readonly id: string;
	readonly title: string;
	/** static steps are decided by `check`; runtime steps also need `dapr-labs run` (the workbook's r key). */
	readonly kind: StepKind;
	/** Files the step concerns (relative paths; `components/` means the folder). */
	readonly files: readonly string[];
	/** Rule ids whose error findings fail this step. */
	readonly rules: readonly string[];
	readonly points: number;
	/** What to do, in the workbook's own words. Paragraphs separated by blank lines; `code` in backticks. */
	readonly instructions: string;
	/** Staged hints: a nudge first, the exact fix last. */
	readonly hints: readonly string[];
	/** Reference files for this step, relative to labs/<lab>/solution/ (what `s` shows and catch-up writes). */
	readonly solutionFiles: readonly string[];
	/** Rule ids the starter workspace of this lab fails at this step (a content test keeps it true). */
	readonly starterFails?: readonly string[];
};

/**
 * One probe of `runtime.probes` (what `dapr-labs run` arms): a `kind` naming a probe module in the runner
 * (src/runner/probes/<kind>.ts) and that kind's parameters, which the kind's own validator checks.
 */
export type ProbeDef = {
	readonly kind: string;
	readonly [parameter: string]: unknown;
};

/** What a run of the lab must observe (the `runtime:` section of lab.yaml). */
export type RuntimeDef = {
	/** Armed in this order; the run passes when every probe is satisfied. */
	readonly probes: readonly ProbeDef[];
};

/** What a lab id (its folder name under labs/) looks like. */
export const LAB_ID_PATTERN = /^[a-z][a-z0-9-]{1,40}$/;

export type LabDef = {
	/** The lab's folder name under labs/. */
	readonly id: LabId;
	/** Where the lab sorts in every list (ascending; ties by id). The first lab is every command's default. */
	readonly order: number;
	readonly title: string;
	readonly summary: string;
	/** --app-id for `dapr run`. */
	readonly appId: string;
	/** Component types needed, as any-of groups (`pubsub.*` matches any pub/sub). */
	readonly requiredComponents: readonly (readonly string[])[];
	readonly needsDaprSdk: boolean;
	readonly steps: readonly StepDef[];
	/** Where the lesson and real Dapr disagree, what Dapr really does (shown on the lab screen). */
	readonly realDaprNotes?: readonly string[];
	/** What `dapr-labs run` arms and observes (see docs/labs.md). */
	readonly runtime?: RuntimeDef;
};

/** Labs in their list order: by `order`, ties by id. */
export function sortLabs<T extends {readonly id: string; readonly order: number}>(labs: readonly T[]): T[] {
	return [...labs].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Whether a component type meets a requiredComponents pattern (`pubsub.*` is a suffix wildcard); the type is compared
 * trimmed and case-folded, as the lab/missing-component rule always did.
 */
export function componentTypeMatches(pattern: string, type: string): boolean {
	const t = type.trim().toLowerCase();
	const p = pattern.toLowerCase();
	return p.endsWith('*') ? t.startsWith(p.slice(0, -1)) : t === p;
}

/** Every rule id that gates a lab (union over its steps). */
export function labRuleIds(lab: LabDef): ReadonlySet<string> {
	return new Set(lab.steps.flatMap((step) => step.rules));
}
