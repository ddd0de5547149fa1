/**
 * Which finding belongs to which step of a lab: decided here once, and read by the step verdicts (core/check.ts),
 * the workbook's checklists (core/session/selectors.ts), the text report's grouping and JUnit's testcases.
 *
 * A step owns a finding when the step lists the finding's rule and either no other static step lists that rule or
 * the finding's file is one of the step's files (`components/` names the folder). A step whose rules are `*` (a
 * runtime step) owns every finding. Severity is not considered here: a step fails when it owns an error.
 */
import type {LabDef, StepDef} from './labs.js';
import type {Finding} from './types.js';

/** Whether a finding's file is one of a step's files (`components/` names the folder). */
export function fileInStep(file: string, step: StepDef): boolean {
	return step.files.some((entry) => {
		const folder = entry.endsWith('/') ? entry.replace(/\/+$/, '') : null;
		if (folder !== null) return file === folder || file.startsWith(`${folder}/`);
		return file === entry;
	});
}

/** The findings one step owns, in the order of the findings given. */
export type StepFindings = {readonly step: StepDef; readonly findings: readonly Finding[]};

export type Attribution = {
	/** One entry per step of the lab, in the lab's order. */
	readonly steps: readonly StepFindings[];
	/**
	 * Where a report lists each finding: the first static step that owns it (`*` aside), or null when no static step
	 * lists its rule (the text report's "Other findings"). Defined for the findings given only.
	 */
	readonly home: ReadonlyMap<Finding, StepDef | null>;
};

// Attributions by findings list and lab: a check attributes its findings once and every report reads the same
// answer (a LabResult's findings array is never changed after the check that built it).
const cache = new WeakMap<readonly Finding[], WeakMap<LabDef, Attribution>>();

/** The findings of each step of a lab (see the module comment for the rule), computed once per findings list and lab. */
export function attributeFindings(lab: LabDef, findings: readonly Finding[]): Attribution {
	let byLab = cache.get(findings);
	if (!byLab) {
		byLab = new WeakMap();
		cache.set(findings, byLab);
	}
	let attribution = byLab.get(lab);
	if (!attribution) {
		attribution = attribute(lab, findings);
		byLab.set(lab, attribution);
	}
	return attribution;
}

function attribute(lab: LabDef, findings: readonly Finding[]): Attribution {
	const owners = new Map<string, number>();
	for (const step of lab.steps) if (step.kind === 'static') for (const id of new Set(step.rules)) owners.set(id, (owners.get(id) ?? 0) + 1);
	const owns = (step: StepDef, finding: Finding): boolean => step.rules.includes(finding.ruleId) && (owners.get(finding.ruleId) === 1 || fileInStep(finding.file, step));
	const steps = lab.steps.map((step): StepFindings => ({step, findings: step.rules.includes('*') ? findings : findings.filter((finding) => owns(step, finding))}));
	const home = new Map<Finding, StepDef | null>();
	for (const finding of findings) home.set(finding, lab.steps.find((step) => step.kind === 'static' && owns(step, finding)) ?? null);
	return {steps, home};
}

/** The findings a step owns (by id), or [] when the lab has no such step. */
export function findingsOfStepId(lab: LabDef, stepId: string, findings: readonly Finding[]): readonly Finding[] {
	const index = lab.steps.findIndex((step) => step.id === stepId);
	return index === -1 ? [] : attributeFindings(lab, findings).steps[index]!.findings;
}
