/**
 * `check --format text`: grouped by lab and step, a code frame under each error, colour only when asked for.
 * Every student-derived string goes through stripControl before it is printed.
 */
import {attributeFindings} from '../core/attribution.js';
import type {LabDef} from '../core/labs.js';
import type {CheckResult, LabResult} from '../core/result.js';
import {safeName, stripControl} from '../core/text.js';
import {findingPlace, type Finding, type Severity, type Workspace} from '../core/types.js';

export type TextOptions = {
	/** The folder's files, for code frames; frames are left out without it. */
	readonly workspace?: Workspace;
	readonly color?: boolean;
	/** Lab definitions, to place each finding under the step whose rules it breaks. */
	readonly labs?: readonly LabDef[];
};

type Paint = (code: string, text: string) => string;

const CODES = {red: '31', green: '32', yellow: '33', cyan: '36', dim: '2', bold: '1'} as const;

function painter(color: boolean): Paint {
	return color ? (code, text) => `\u001B[${code}m${text}\u001B[0m` : (_code, text) => text;
}

function severityColor(severity: Severity): string {
	return severity === 'error' ? CODES.red : severity === 'warning' ? CODES.yellow : CODES.cyan;
}

/** A code frame: two lines of context before and after, a caret under the column. */
export function codeFrame(text: string, line: number, column: number, paint: Paint): string[] {
	const lines = text.split('\n');
	if (line < 1 || line > lines.length) return [];
	const first = Math.max(1, line - 2);
	const last = Math.min(lines.length, line + 2);
	const width = String(last).length;
	const out: string[] = [];
	for (let n = first; n <= last; n++) {
		const raw = stripControl(lines[n - 1] ?? '').replace(/\t/g, '    ');
		const shown = raw.length > 160 ? `${raw.slice(0, 159)}…` : raw;
		const gutter = `${n === line ? '>' : ' '} ${String(n).padStart(width)} | `;
		out.push(n === line ? paint(CODES.bold, gutter + shown) : paint(CODES.dim, gutter + shown));
		if (n === line) {
			const prefix = stripControl((lines[n - 1] ?? '').slice(0, Math.max(0, column - 1))).replace(/\t/g, '    ');
			out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.min(prefix.length, 160))}${paint(CODES.red, '^')}`);
		}
	}
	return out;
}

function findingLines(finding: Finding, options: TextOptions, paint: Paint): string[] {
	const label = paint(severityColor(finding.severity), finding.severity.padEnd(7));
	const place = safeName(findingPlace(finding));
	const out = [`    ${label} ${place}  ${stripControl(finding.message)} ${paint(CODES.dim, `[${finding.ruleId}]`)}`];
	if (finding.severity === 'error') {
		const file = options.workspace?.files.get(finding.file);
		if (file?.kind === 'text') out.push(...codeFrame(file.text, finding.line, finding.column, paint).map((line) => `      ${line}`));
	}
	if (finding.hint) out.push(`      ${paint(CODES.cyan, 'hint:')} ${stripControl(finding.hint)}`);
	return out;
}

function labBlock(lab: LabResult, def: LabDef | undefined, options: TextOptions, paint: Paint): string[] {
	const status = lab.status === 'pass' ? paint(CODES.green, '✔ pass') : paint(CODES.red, '✖ fail');
	const out = [`${paint(CODES.bold, stripControl(lab.title))}  ${status}  ${lab.score}/${lab.maxScore}`];
	const placed = new Map<string, Finding[]>();
	const unplaced: Finding[] = [];
	const home = def ? attributeFindings(def, lab.findings).home : null;
	for (const finding of lab.findings) {
		const step = home?.get(finding)?.id ?? null;
		if (step === null) unplaced.push(finding);
		else placed.set(step, [...(placed.get(step) ?? []), finding]);
	}
	lab.steps.forEach((step, index) => {
		const stepDef = def?.steps.find((s) => s.id === step.id) ?? def?.steps[index];
		const points = stepDef ? `${step.status === 'pass' ? stepDef.points : 0}/${stepDef.points}` : '';
		// A runtime step is verified only by a passed run of these files on record; otherwise its points are credited
		// while the static checks pass, and it says so.
		const unverified = stepDef?.kind === 'runtime' && step.verified !== true;
		const mark = step.status !== 'pass' ? paint(CODES.red, '✖') : unverified ? paint(CODES.yellow, '○') : paint(CODES.green, '✔');
		const runtime =
			stepDef?.kind !== 'runtime'
				? ''
				: step.status !== 'pass'
					? paint(CODES.dim, ` (not yet verified: every static check must pass, then \`dapr-labs run ${lab.id}\`)`)
					: unverified
						? paint(CODES.dim, ` (credited, not yet verified: \`dapr-labs run ${lab.id}\` verifies it)`)
						: paint(CODES.dim, ' (verified by `dapr-labs run`)');
		out.push(`  ${mark} ${stripControl(step.title)}  ${points}${runtime}`);
		for (const finding of placed.get(step.id) ?? []) out.push(...findingLines(finding, options, paint));
	});
	if (!def) unplaced.push(...[...placed.values()].flat());
	if (unplaced.length > 0) {
		out.push(`  ${paint(CODES.dim, 'Other findings')}`);
		for (const finding of unplaced) out.push(...findingLines(finding, options, paint));
	}
	return out;
}

/** The human-readable check report. */
export function formatText(result: CheckResult, options: TextOptions = {}): string {
	const paint = painter(options.color ?? false);
	const out: string[] = [`dapr-labs ${result.version}  ${safeName(result.workspace)}`, ''];
	for (const lab of result.labs) {
		out.push(...labBlock(lab, options.labs?.find((def) => def.id === lab.id), options, paint), '');
	}
	const {errors, warnings} = result.summary;
	const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
	const labs = result.labs.map((lab) => `${lab.id} ${lab.status} ${lab.score}/${lab.maxScore}`).join(', ');
	const allPass = result.labs.every((lab) => lab.status === 'pass');
	out.push(`${allPass ? paint(CODES.green, '✔') : paint(CODES.red, '✖')} ${counts}: ${labs}`);
	return out.join('\n') + '\n';
}
