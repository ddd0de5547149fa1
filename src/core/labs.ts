/**
 * Lab definitions: the shape of labs/<id>/lab.yaml. Content is data read by runner/labs-loader.ts and passed in;
 * core validates it (validateLab) and evaluates a folder against it (core/check.ts).
 */
import type {RuntimeDef} from './run-plan.js';
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

export type LabDef = {
	readonly id: LabId;
	readonly title: string;
	readonly summary: string;
	/** --app-id for `dapr run`. */
	readonly appId: string;
	/** Component types needed, as any-of groups (`pubsub.*` matches any pub/sub). */
	readonly requiredComponents: readonly (readonly string[])[];
	readonly needsDaprSdk: boolean;
	readonly steps: readonly StepDef[];
	/** Where the lesson and real Dapr disagree, what Dapr really does (shown on the lab screen). */
	readonly realDaprNotes?: readonly string[];	/** What `dapr-labs run` observes: the `runtime:` section of lab.yaml (core/run-plan.ts). */
	readonly runtime?: RuntimeDef;
};

/** Every rule id that gates a lab (union over its steps). */
export function labRuleIds(lab: LabDef): ReadonlySet<string> {
	return new Set(lab.steps.flatMap((step) => step.rules));
}
