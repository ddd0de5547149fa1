/**
 * Lab evaluation: runs each selected lab's rules over a folder's model and decides steps, score and status. Pure and
 * deterministic (time is passed in); the JSON report prints the result as it is.
 */
import {analyzeWorkspace, type PrebuiltModels} from './analyze.js';
import type {LabDef} from './labs.js';
import type {CheckResult, LabResult, StepResult} from './result.js';
import type {LabContext, Report, Rule, WorkspaceModel} from './rule.js';
import {ruleById} from './rules/index.js';
import {attributeFindings} from './attribution.js';
import {ruleCrashedFinding, ruleFinding} from './finding.js';
import type {Finding, Workspace} from './types.js';

export type CheckOptions = {
	/** The folder as the user gave it; printed as `workspace` in the JSON. */
	readonly workspaceLabel: string;
	readonly version: string;
	/** The time schedules are evaluated from. */
	readonly now: Date;
};

/** (moved to core/finding.ts; kept here for its callers) */
export {joinLines} from './finding.js';

const SEVERITY_RANK = {error: 0, warning: 1, info: 2} as const;

/** Orders findings by file, line, column, then rule id and severity (errors first), so output is stable. */
export function compareFindings(a: Finding, b: Finding): number {
	return (
		(a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
		a.line - b.line ||
		a.column - b.column ||
		(a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
		SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
		(a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
	);
}

/**
 * Equal for two findings exactly when every field is equal (what JSON.stringify of the finding gave, built the
 * same way, at a fraction of its cost in `grade`). Absent optional fields are `-`; present ones are numbers or text.
 */
function findingKey(finding: Finding): string {
	const hint = finding.hint === undefined ? '-' : `+${finding.hint}`;
	return `${finding.ruleId}\0${finding.severity}\0${finding.file}\0${finding.line}\0${finding.column}\0${finding.endLine ?? '-'}\0${finding.endColumn ?? '-'}\0${finding.message}\0${hint}`;
}

/**
 * Runs the given rules over a model. A rule that throws, or reports a message id its meta lacks, gives one
 * `internal/rule-crashed` warning naming it (its other reports are dropped: a half-run rule proves nothing).
 */
export function runRules(model: WorkspaceModel, ruleIds: Iterable<string>, lab: LabContext, now: Date): Finding[] {
	const selected: Rule[] = [];
	for (const id of ruleIds) {
		const rule = ruleById(id);
		if (rule) selected.push(rule);
	}
	return runRuleList(model, selected, lab, now);
}

/** runRules for rule objects (the rule tester runs a rule that is not looked up by id). */
export function runRuleList(model: WorkspaceModel, rules: Iterable<Rule>, lab: LabContext, now: Date): Finding[] {
	const findings: Finding[] = [];
	const seen = new Set<string>();
	for (const rule of rules) {
		const reports: Report[] = [];
		let built: Finding[];
		try {
			rule.check({model, lab, now, report: (report) => void reports.push(report)});
			built = reports.map((report) => ruleFinding(rule, report, model.workspace));
		} catch (error) {
			built = [ruleCrashedFinding(rule.id, error)];
		}
		for (const finding of built) {
			const key = findingKey(finding);
			if (seen.has(key)) continue;
			seen.add(key);
			findings.push(finding);
		}
	}
	return findings.sort(compareFindings);
}

export {fileInStep} from './attribution.js';

/** Step verdicts for one lab's findings: a step fails when an error finding is attributed to it (core/attribution.ts). */
export function evaluateSteps(lab: LabDef, findings: readonly Finding[]): StepResult[] {
	const attribution = attributeFindings(lab, findings);
	return lab.steps.map((step, index) => ({id: step.id, title: step.title, status: attribution.steps[index]!.findings.some((finding) => finding.severity === 'error') ? 'fail' : 'pass'}));
}

// A lab's rule ids, by lab definition: `grade` checks the same three labs hundreds of times.
const ruleIdsOfLab = new WeakMap<LabDef, readonly string[]>();

function labRuleIds(lab: LabDef): readonly string[] {
	let ids = ruleIdsOfLab.get(lab);
	if (!ids) {
		ids = [...new Set(lab.steps.flatMap((step) => step.rules))].filter((id) => id !== '*');
		ruleIdsOfLab.set(lab, ids);
	}
	return ids;
}

/** One lab's result from an already built model. */
export function checkLab(model: WorkspaceModel, lab: LabDef, now: Date): LabResult {
	const context: LabContext = {id: lab.id, requiredComponents: lab.requiredComponents, needsDaprSdk: lab.needsDaprSdk, appId: lab.appId};
	const ruleIds = labRuleIds(lab);
	const findings = runRules(model, ruleIds, context, now);
	const steps = evaluateSteps(lab, findings);
	const score = lab.steps.reduce((sum, step, index) => sum + (steps[index]!.status === 'pass' ? step.points : 0), 0);
	const maxScore = lab.steps.reduce((sum, step) => sum + step.points, 0);
	return {
		id: lab.id,
		title: lab.title,
		status: findings.some((finding) => finding.severity === 'error') ? 'fail' : 'pass',
		score,
		maxScore,
		steps,
		findings,
	};
}

/** Checks a folder against each lab; the model is built once and shared by every lab's rules. */
export function checkWorkspace(workspace: Workspace, labs: readonly LabDef[], options: CheckOptions, prebuilt?: PrebuiltModels): CheckResult {
	return checkModel(analyzeWorkspace(workspace, prebuilt), labs, options);
}

/** checkWorkspace for a folder already analysed (the runner keeps the model for its diagnosis). */
export function checkModel(model: WorkspaceModel, labs: readonly LabDef[], options: CheckOptions): CheckResult {
	const results = labs.map((lab) => checkLab(model, lab, options.now));
	const all = results.flatMap((lab) => lab.findings);
	return {
		tool: 'dapr-labs',
		version: options.version,
		workspace: options.workspaceLabel,
		labs: results,
		summary: {
			errors: all.filter((finding) => finding.severity === 'error').length,
			warnings: all.filter((finding) => finding.severity === 'warning').length,
		},
	};
}
