/**
 * JUnit XML for CI test reporters: `check --format junit` (one testsuite per lab) and `grade --format junit` (one
 * testsuite per submission). One testcase per lab step; a failing step carries the error findings of the rules
 * that gate it (when the lab definitions are passed in) or, without them, every error finding of its lab.
 */
import {findingsOfStepId} from '../core/attribution.js';
import type {GradeReport} from '../core/grade.js';
import type {LabDef} from '../core/labs.js';
import type {CheckResult, LabResult, StepResult} from '../core/result.js';
import {findingPlace, type Finding} from '../core/types.js';
import {markBidi, safeName, stripControl} from '../core/text.js';

export type JunitOptions = {
	/** Lab definitions, to attribute findings to the step whose rules they break. */
	readonly labs?: readonly LabDef[];
};

type Case = {readonly name: string; readonly classname: string; readonly failure?: {readonly message: string; readonly type: string; readonly body: string}; readonly error?: {readonly message: string}};
type Suite = {readonly name: string; readonly cases: readonly Case[]};

/** `check --format junit`. */
export function formatJunit(result: CheckResult, options: JunitOptions = {}): string {
	return junitXml(
		'dapr-labs check',
		result.labs.map((lab) => ({name: `${lab.id}: ${lab.title}`, cases: labCases(lab, lab.id, options)})),
	);
}

/** `grade --format junit`: one testsuite per submission; an ungradable submission is one errored testcase. */
export function formatGradeJunit(report: GradeReport, options: JunitOptions = {}): string {
	return junitXml(
		'dapr-labs grade',
		report.submissions.map((submission) => ({
			name: safeName(submission.name),
			cases: submission.result
				? submission.result.labs.flatMap((lab) => labCases(lab, `${safeName(submission.name)}.${lab.id}`, options))
				: [{name: 'grade', classname: safeName(submission.name), error: {message: submission.error ?? 'The submission could not be graded.'}}],
		})),
	);
}

function labCases(lab: LabResult, classname: string, options: JunitOptions): Case[] {
	const def = options.labs?.find((candidate) => candidate.id === lab.id);
	return lab.steps.map((step) => {
		if (step.status === 'pass') return {name: step.title, classname};
		const findings = stepFindings(lab, step, def);
		const first = findings[0];
		return {
			name: step.title,
			classname,
			failure: {
				message: first ? `${first.ruleId}: ${first.message}` : `Step "${step.title}" failed.`,
				type: first?.ruleId ?? 'step',
				body: findings.map(findingLine).join('\n'),
			},
		};
	});
}

function stepFindings(lab: LabResult, step: StepResult, def: LabDef | undefined): Finding[] {
	const errors = lab.findings.filter((finding) => finding.severity === 'error');
	if (!def) return errors;
	const mine = findingsOfStep(def, step.id, lab.findings);
	return mine.length > 0 ? mine : errors;
}

/** The error findings that fail a step: those core/attribution.ts attributes to it. */
export function findingsOfStep(def: LabDef, stepId: string, findings: readonly Finding[]): Finding[] {
	return findingsOfStepId(def, stepId, findings).filter((finding) => finding.severity === 'error');
}

function findingLine(finding: Finding): string {
	const where = findingPlace(finding);
	return `${where} ${finding.severity} ${finding.ruleId}: ${finding.message}${finding.hint ? `\n  Fix: ${finding.hint}` : ''}`;
}

function junitXml(name: string, suites: readonly Suite[]): string {
	const count = (suite: Suite, key: 'failure' | 'error') => suite.cases.filter((testcase) => testcase[key]).length;
	const tests = suites.reduce((sum, suite) => sum + suite.cases.length, 0);
	const failures = suites.reduce((sum, suite) => sum + count(suite, 'failure'), 0);
	const errors = suites.reduce((sum, suite) => sum + count(suite, 'error'), 0);
	const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${attr(name)}" tests="${tests}" failures="${failures}" errors="${errors}">`];
	suites.forEach((suite, index) => {
		lines.push(`  <testsuite name="${attr(suite.name)}" id="${index}" tests="${suite.cases.length}" failures="${count(suite, 'failure')}" errors="${count(suite, 'error')}" skipped="0">`);
		for (const testcase of suite.cases) {
			const open = `    <testcase name="${attr(testcase.name)}" classname="${attr(testcase.classname)}"`;
			if (testcase.failure) {
				lines.push(`${open}>`, `      <failure message="${attr(testcase.failure.message)}" type="${attr(testcase.failure.type)}">${text(testcase.failure.body)}</failure>`, '    </testcase>');
			} else if (testcase.error) {
				lines.push(`${open}>`, `      <error message="${attr(testcase.error.message)}" type="submission">${text(testcase.error.message)}</error>`, '    </testcase>');
			} else {
				lines.push(`${open}/>`);
			}
		}
		lines.push('  </testsuite>');
	});
	lines.push('</testsuites>');
	return lines.join('\n') + '\n';
}

/** XML 1.0 cannot hold most C0 controls, lone surrogates or U+FFFE/U+FFFF, even escaped: drop them. */
function xmlSafe(value: string): string {
	// eslint-disable-next-line no-control-regex
	return markBidi(stripControl(value)).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

function text(value: string): string {
	return xmlSafe(value).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function attr(value: string): string {
	return text(value).replaceAll('"', '&quot;').replaceAll("'", '&apos;').replaceAll('\n', '&#10;').replaceAll('\t', '&#9;');
}
