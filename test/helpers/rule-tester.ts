/**
 * Table tests for one rule, the way ESLint's RuleTester is used:
 *
 *   ruleTester.run(rule, {
 *     valid: [{name, files}],
 *     invalid: [{name, files, errors: [{messageId, data?, line, column, ...}]}],
 *   });
 *
 * Each case runs the real parsers (analyzeWorkspace) and the rule through the checker's own runner, so a rule that
 * throws shows up as its `internal/rule-crashed` finding and fails the case. A valid case has no finding of any
 * severity; an invalid case has exactly the listed findings, in the checker's order (file, line, column).
 */
import {describe, expect, test} from 'vitest';
import {analyzeWorkspace} from '../../src/core/analyze.js';
import {runRuleList} from '../../src/core/check.js';
import {RULE_CRASHED} from '../../src/core/finding.js';
import type {Rule} from '../../src/core/rule.js';
import type {Finding, LabId, Severity, SourceFile} from '../../src/core/types.js';
import {LABS, NOW, workspaceOf} from './rules.js';

type Files = Readonly<Record<string, string | SourceFile>>;

/** What a case shares: the folder, the lab whose context the rule sees (default `combined`), the clock. */
type CaseBase = {
	/** Shown as the test name; defaults to the case's index. */
	readonly name?: string;
	readonly files: Files;
	readonly lab?: keyof typeof LABS;
	readonly now?: Date;
};

/** One expected finding. `messageId`, `line` and `column` are required; the rest is checked when given. */
export type ExpectedError<M extends string = string> = {
	readonly messageId: M;
	/** Entries the finding's data must hold (the values that filled the message). */
	readonly data?: Readonly<Record<string, string | number>>;
	readonly line: number;
	readonly column: number;
	readonly endLine?: number;
	readonly endColumn?: number;
	readonly file?: string;
	readonly severity?: Severity;
	/** The whole message, or a pattern it must match. */
	readonly message?: string | RegExp;
	/** The whole hint, a pattern it must match, or null for no hint. */
	readonly hint?: string | RegExp | null;
};

export type ValidCase = CaseBase;
export type InvalidCase<M extends string = string> = CaseBase & {readonly errors: readonly ExpectedError<M>[]};

/** The message ids of a rule object, for typing the `errors` of its invalid cases. */
type MessageIdOf<R> = R extends {readonly meta: {readonly messages: infer T}} ? Extract<keyof T, string> : string;

/** Runs one rule over a folder, as `check` does. */
export function runRule(rule: Rule, files: Files, lab: keyof typeof LABS = 'combined', now: Date = NOW): Finding[] {
	return runRuleList(analyzeWorkspace(workspaceOf(files)), [rule], LABS[lab], now);
}

function caseName(kind: string, index: number, name: string | undefined): string {
	return `${kind} #${index + 1}${name ? `: ${name}` : ''}`;
}

function describeFinding(finding: Finding): string {
	return `${finding.severity} ${finding.ruleId}[${finding.messageId ?? '?'}] ${finding.file}:${finding.line}:${finding.column} ${finding.message}`;
}

function crashes(findings: readonly Finding[]): void {
	const crashed = findings.filter((finding) => finding.ruleId === RULE_CRASHED);
	expect(crashed.map((finding) => finding.message), 'the rule crashed').toEqual([]);
}

function matches(actual: string | undefined, wanted: string | RegExp, what: string): void {
	if (typeof wanted === 'string') expect(actual, what).toBe(wanted);
	else expect(actual, what).toMatch(wanted);
}

export const ruleTester = {
	run<R extends Rule>(rule: R, cases: {readonly valid: readonly ValidCase[]; readonly invalid: readonly InvalidCase<MessageIdOf<R>>[]}): void {
		describe(rule.id, () => {
			describe('valid', () => {
				cases.valid.forEach((item, index) => {
					test(caseName('valid', index, item.name), () => {
						const findings = runRule(rule, item.files, item.lab, item.now);
						crashes(findings);
						expect(findings.map(describeFinding)).toEqual([]);
					});
				});
			});
			describe('invalid', () => {
				cases.invalid.forEach((item, index) => {
					test(caseName('invalid', index, item.name), () => {
						expect(item.errors.length, 'an invalid case lists at least one error').toBeGreaterThan(0);
						const findings = runRule(rule, item.files, item.lab, item.now);
						crashes(findings);
						const context = findings.map(describeFinding).join('\n');
						expect(findings.length, `${item.errors.length} finding(s) expected, got:\n${context}`).toBe(item.errors.length);
						item.errors.forEach((want, i) => {
							const got = findings[i]!;
							const where = `finding ${i + 1} of:\n${context}`;
							expect(Object.keys(rule.meta.messages), `messageId "${want.messageId}" is not in meta.messages`).toContain(want.messageId);
							expect({messageId: got.messageId, line: got.line, column: got.column}, where).toEqual({messageId: want.messageId, line: want.line, column: want.column});
							if (want.data) expect(got.data, where).toMatchObject(want.data);
							if (want.endLine !== undefined) expect(got.endLine, where).toBe(want.endLine);
							if (want.endColumn !== undefined) expect(got.endColumn, where).toBe(want.endColumn);
							if (want.file !== undefined) expect(got.file, where).toBe(want.file);
							if (want.severity !== undefined) expect(got.severity, where).toBe(want.severity);
							if (want.message !== undefined) matches(got.message, want.message, where);
							if (want.hint === null) expect(got.hint, where).toBeUndefined();
							else if (want.hint !== undefined) matches(got.hint, want.hint, where);
						});
					});
				});
			});
		});
	},
};
