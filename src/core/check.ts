/**
 * Lab evaluation: runs each selected lab's rules over a folder's model and decides steps, score and status. Pure and
 * deterministic (time is passed in); the JSON report prints the result as it is.
 */
import {analyzeWorkspace, type PrebuiltModels} from './analyze.js';
import type {LabDef, StepDef} from './labs.js';
import type {CheckResult, LabResult, StepResult} from './result.js';
import type {LabContext, Report, Rule, WorkspaceModel} from './rule.js';
import {ruleById} from './rules/index.js';
import {fillTemplate, safeName, safeText, stripControl} from './text.js';
import type {Finding, Workspace} from './types.js';

export type CheckOptions = {
	/** The folder as the user gave it; printed as `workspace` in the JSON. */
	readonly workspaceLabel: string;
	readonly version: string;
	/** The time schedules are evaluated from. */
	readonly now: Date;
};

function sentence(text: string): string {
	const trimmed = text.trim();
	if (trimmed === '') return trimmed;
	return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * Joins lines with one space (the whitespace around each line break collapses), in linear time. The regex it
 * replaces (whitespace, newline, whitespace) retried from every space of a long run: 200k spaces took a minute.
 */
export function joinLines(text: string): string {
	if (!text.includes('\n')) return text;
	// One pass with indexOf and index arithmetic: no regex to retry, and no array of every line (a large array of
	// short-lived pieces costs more than linear time in garbage collection).
	let out = '';
	let start = 0;
	for (let first = true; ; first = false) {
		const newline = text.indexOf('\n', start);
		const last = newline === -1;
		let from = start;
		let to = last ? text.length : newline;
		if (!first) while (from < to && isSpace(text.charCodeAt(from))) from++;
		if (!last) while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
		if (first || last || from < to) out += (first ? '' : ' ') + text.slice(from, to);
		if (last) return out;
		start = newline + 1;
	}
}

/** What `\s` and String.prototype.trim treat as white space (line terminators included). */
function isSpace(code: number): boolean {
	return (code >= 9 && code <= 13) || code === 32 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function toFinding(rule: Rule, report: Report, workspace: Workspace): Finding {
	const data: Record<string, string | number> = {};
	for (const [key, value] of Object.entries(report.data ?? {})) data[key] = typeof value === 'string' ? joinLines(stripControl(value)) : value;
	const template = rule.meta.messages[report.messageId] ?? report.messageId;
	let file = report.file.replace(/\\/g, '/');
	let line = report.at.line;
	let endLine = report.at.endLine;
	const mapped = workspace.lineMap?.get(file);
	if (mapped) {
		file = mapped.mapTo;
		line += mapped.offset;
		if (endLine !== undefined) endLine += mapped.offset;
	}
	const finding: {-readonly [K in keyof Finding]: Finding[K]} = {
		ruleId: rule.id,
		severity: report.severity ?? rule.meta.severity,
		message: sentence(safeText(fillTemplate(template, data))),
		// A name is one line of plain text in every output (the Ink checklist, the reports): see safeName.
		file: safeName(file),
		// NO_POSITION (line 0) stays 0: the file is missing, and reports say so instead of naming line 1.
		line: report.at.line === 0 ? 0 : Math.max(1, line),
		column: report.at.line === 0 ? 0 : Math.max(1, report.at.column),
	};
	if (endLine !== undefined && report.at.endColumn !== undefined) {
		finding.endLine = endLine;
		finding.endColumn = report.at.endColumn;
	}
	if (report.hint) finding.hint = safeText(fillTemplate(report.hint, data));
	return finding;
}

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

/** Runs the given rules over a model; a rule that throws on an unexpected shape is skipped, never fatal. */
export function runRules(model: WorkspaceModel, ruleIds: Iterable<string>, lab: LabContext, now: Date): Finding[] {
	const findings: Finding[] = [];
	const seen = new Set<string>();
	for (const id of ruleIds) {
		const rule = ruleById(id);
		if (!rule) continue;
		const reports: Report[] = [];
		try {
			rule.check({model, lab, now, report: (report) => void reports.push(report)});
		} catch {
			continue;
		}
		for (const report of reports) {
			let finding: Finding;
			try {
				finding = toFinding(rule, report, model.workspace);
			} catch {
				continue;
			}
			const key = findingKey(finding);
			if (seen.has(key)) continue;
			seen.add(key);
			findings.push(finding);
		}
	}
	return findings.sort(compareFindings);
}

/** Whether a finding's file is one of a step's files (`components/` names the folder). */
export function fileInStep(file: string, step: StepDef): boolean {
	return step.files.some((entry) => {
		const folder = entry.endsWith('/') ? entry.replace(/\/+$/, '') : null;
		if (folder !== null) return file === folder || file.startsWith(`${folder}/`);
		return file === entry;
	});
}

/** Step verdicts for one lab's findings (the rules in lab.yaml decide which error fails which step). */
export function evaluateSteps(lab: LabDef, findings: readonly Finding[]): StepResult[] {
	const errors = findings.filter((finding) => finding.severity === 'error');
	const staticSteps = lab.steps.filter((step) => step.kind === 'static');
	const stepsOfRule = new Map<string, number>();
	for (const step of staticSteps) for (const id of new Set(step.rules)) stepsOfRule.set(id, (stepsOfRule.get(id) ?? 0) + 1);
	return lab.steps.map((step) => {
		let failed: boolean;
		if (step.rules.includes('*')) failed = errors.length > 0;
		else failed = errors.some((finding) => step.rules.includes(finding.ruleId) && (stepsOfRule.get(finding.ruleId) === 1 || fileInStep(finding.file, step)));
		return {id: step.id, title: step.title, status: failed ? 'fail' : 'pass'};
	});
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
