/**
 * The workbook as plain text, for stdout that is not a terminal: the same lab list, current step and checklist
 * the Ink screens show, once, without drawing.
 */
import type {LabDef, StepDef} from '../labs.js';
import {stripControl} from '../text.js';
import {currentLab, hintsShown, labSummary, stepFindings, stepIndexOf, stepStatus, type StepStatus} from './selectors.js';
import type {SessionState} from './state.js';

const MARK: Readonly<Record<StepStatus, string>> = {pass: '[x]', fail: '[ ]', pending: '[?]', 'not-run': '[-]'};

/** Splits instructions into paragraphs with backticks kept (they read fine as plain text). */
function paragraphs(text: string): string[] {
	return text
		.trim()
		.split(/\n\s*\n/)
		.map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
		.filter(Boolean);
}

/** The checklist lines of a step. */
export function checklistLines(state: SessionState, lab: LabDef, step: StepDef): string[] {
	const status = stepStatus(state, lab, step);
	const findings = stepFindings(state, lab, step);
	const lines: string[] = [];
	if (step.kind === 'runtime' && status !== 'pass' && findings.length === 0) {
		lines.push('  Runtime step: press r in the workbook, or run `dapr-labs run` in this folder.');
		return lines;
	}
	if (findings.length === 0) {
		lines.push(status === 'pass' ? '  ✔ All checks for this step pass.' : '  (not checked yet)');
		return lines;
	}
	for (const finding of findings) {
		const mark = finding.severity === 'error' ? '✖' : finding.severity === 'warning' ? '⚠' : 'i';
		lines.push(`  ${mark} ${stripControl(finding.file)}:${finding.line}:${finding.column} ${stripControl(finding.message)} (${finding.ruleId})`);
		if (finding.hint) lines.push(`      → ${stripControl(finding.hint)}`);
	}
	return lines;
}

/** The full plain-text block: labs with progress, the current step, its checklist and hints. */
export function formatPlain(state: SessionState): string {
	const out: string[] = [];
	out.push('dapr-labs workbook');
	for (const warning of state.warnings) out.push(`Warning: ${stripControl(warning)}`);
	if (state.checkError) out.push(`Check failed: ${state.checkError}`);
	out.push('', 'Labs:');
	const idWidth = Math.max(9, ...state.labs.map((lab) => lab.id.length));
	for (const lab of state.labs) {
		const summary = labSummary(state, lab);
		const score = summary.score === null ? '' : `, ${summary.score}/${summary.maxScore} points`;
		out.push(`  ${lab.id.padEnd(idWidth)} ${lab.title} (${summary.passed}/${summary.total} steps${score})`);
	}
	const lab = currentLab(state);
	if (!lab) return out.join('\n') + '\n';
	const index = stepIndexOf(state, lab);
	const step = lab.steps[index];
	out.push('', `${lab.title}`);
	lab.steps.forEach((s, i) => out.push(`  ${MARK[stepStatus(state, lab, s)]} ${i + 1}. ${s.title}${s.kind === 'runtime' ? ' (runtime)' : ''}${i === index ? '  <- current' : ''}`));
	if (!step) return out.join('\n') + '\n';
	out.push('', `Step ${index + 1}/${lab.steps.length}: ${step.title}`);
	for (const paragraph of paragraphs(step.instructions)) out.push(`  ${paragraph}`);
	out.push('', 'Checklist:', ...checklistLines(state, lab, step));
	const shown = hintsShown(state, lab.id, step.id);
	const hints = step.hints.slice(0, Math.max(1, shown));
	if (stepStatus(state, lab, step) !== 'pass' && hints.length) {
		out.push('', 'Hints:');
		hints.forEach((hint, i) => out.push(`  ${i + 1}. ${hint}`));
	}
	return out.join('\n') + '\n';
}
