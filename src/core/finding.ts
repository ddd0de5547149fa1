/**
 * The one finding factory. Every finding dapr-labs prints is built here: rule findings (core/check.ts), diagnosis
 * findings (`run/*`, core/diagnose.ts), environment findings (`env/*`, the runner's preflight) and internal ones
 * (`internal/rule-crashed`). Student-controlled text is made safe once, here: messages and hints go through
 * safeText, file names through safeName, and every message is one sentence (sentence()).
 */
import {fillTemplate, safeName, safeText, stripControl} from './text.js';
import type {Finding, Severity, Span, Workspace} from './types.js';

/**
 * A message as one sentence: trimmed, first letter upper-cased, a period added unless it already ends with `.`,
 * `!` or `?`. Empty text stays empty.
 */
export function sentence(text: string): string {
	const trimmed = text.trim();
	if (trimmed === '') return trimmed;
	const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
	return /[.!?]$/.test(capital) ? capital : `${capital}.`;
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

type Mutable<T> = {-readonly [K in keyof T]: T[K]};

/** Where a finding points: a file (relative, forward slashes) and a 1-based span; line 0 means no position. */
export type FindingPlace = {readonly file: string} & Span;

/** What every kind of finding is made of, before the text is made safe. */
export type FindingInput = {
	readonly ruleId: string;
	readonly severity: Severity;
	/** The message as built (a filled template, or text with observed values in it). */
	readonly message: string;
	readonly at: FindingPlace;
	readonly hint?: string;
	/** Rule findings: the message id and the data that filled it (kept off the JSON output: see withSource). */
	readonly messageId?: string;
	readonly data?: Readonly<Record<string, string | number>>;
};

/**
 * The one constructor: the message as a safe sentence, the file as a safe name, the optional end only when both
 * parts are known, the hint as safe text. The message id and data are attached as non-enumerable fields, so that
 * every format that spreads or stringifies a finding (the run's JSON, SARIF) prints exactly the documented fields.
 */
export function makeFinding(input: FindingInput): Finding {
	const {at} = input;
	const finding: Mutable<Finding> = {
		ruleId: input.ruleId,
		severity: input.severity,
		message: sentence(safeText(input.message)),
		// A name is one line of plain text in every output (the Ink checklist, the reports): see safeName.
		file: safeName(at.file),
		line: at.line,
		column: at.column,
	};
	if (at.endLine !== undefined && at.endColumn !== undefined) {
		finding.endLine = at.endLine;
		finding.endColumn = at.endColumn;
	}
	if (input.hint !== undefined) finding.hint = safeText(input.hint);
	if (input.messageId !== undefined) withSource(finding, input.messageId, input.data ?? {});
	return finding;
}

/** Attaches a rule finding's message id and data as read-only, non-enumerable fields (JSON and spreads skip them). */
function withSource(finding: Finding, messageId: string, data: Readonly<Record<string, string | number>>): void {
	Object.defineProperty(finding, 'messageId', {value: messageId, enumerable: false});
	Object.defineProperty(finding, 'data', {value: Object.freeze({...data}), enumerable: false});
}

/** The parts of a rule a finding needs (core/rule.ts Rule satisfies it). */
export type RuleSource = {readonly id: string; readonly meta: {readonly severity: Severity; readonly messages: Readonly<Record<string, string>>}};

/** What a rule reported (core/rule.ts Report, with any message id). */
export type RuleReport = {
	readonly messageId: string;
	readonly data?: Readonly<Record<string, string | number>>;
	readonly file: string;
	readonly at: Span;
	readonly severity?: Severity;
	readonly hint?: string;
};

/** Thrown by ruleFinding when a rule reports a message id its meta.messages lacks (core/check.ts reports it). */
export class UnknownMessageIdError extends Error {
	constructor(readonly messageId: string) {
		super(`unknown messageId "${messageId}"`);
	}
}

/**
 * A rule's report as a finding: data values made one line of safe text, the template filled, the file mapped through
 * the workspace's line map (`review`'s Markdown), a missing file (line 0) kept without a position.
 */
export function ruleFinding(rule: RuleSource, report: RuleReport, workspace: Workspace): Finding {
	if (!Object.hasOwn(rule.meta.messages, report.messageId)) throw new UnknownMessageIdError(report.messageId);
	const data: Record<string, string | number> = {};
	for (const [key, value] of Object.entries(report.data ?? {})) data[key] = typeof value === 'string' ? joinLines(stripControl(value)) : value;
	const template = rule.meta.messages[report.messageId]!;
	let file = report.file.replace(/\\/g, '/');
	let line = report.at.line;
	let endLine = report.at.endLine;
	const mapped = workspace.lineMap?.get(file);
	if (mapped) {
		file = mapped.mapTo;
		line += mapped.offset;
		if (endLine !== undefined) endLine += mapped.offset;
	}
	// NO_POSITION (line 0) stays 0: the file is missing, and reports say so instead of naming line 1.
	const none = report.at.line === 0;
	return makeFinding({
		ruleId: rule.id,
		severity: report.severity ?? rule.meta.severity,
		message: fillTemplate(template, data),
		at: {file, line: none ? 0 : Math.max(1, line), column: none ? 0 : Math.max(1, report.at.column), ...(endLine !== undefined && report.at.endColumn !== undefined ? {endLine, endColumn: report.at.endColumn} : {})},
		...(report.hint ? {hint: fillTemplate(report.hint, data)} : {}),
		messageId: report.messageId,
		data,
	});
}

/** A `run/*` finding of the runtime diagnosis: always an error, at the file and line to fix. */
export function runFinding(ruleId: string, message: string, at: FindingPlace, hint?: string): Finding {
	return makeFinding({ruleId, severity: 'error', message, at, ...(hint === undefined ? {} : {hint})});
}

/** The place of a finding about the machine, not a file: reports print "this machine". */
export const MACHINE: FindingPlace = {file: '.', line: 0, column: 0};

/** An `env/*` finding (the run's preflight): about the machine, so without a file position; always an error. */
export function envFinding(ruleId: string, message: string, hint?: string): Finding {
	return makeFinding({ruleId, severity: 'error', message, at: MACHINE, ...(hint ? {hint} : {})});
}

/** The rule id of a finding about dapr-labs itself: a rule that threw, or reported a message it does not have. */
export const RULE_CRASHED = 'internal/rule-crashed';

/**
 * A rule that failed (threw, or reported an unknown message id) as a warning naming the rule. A warning, not an
 * error: the crash established nothing about the folder, so it must not fail a student (the checker never asserts a
 * failure it did not establish); it shows in every format and in the warning count, and fails the corpus tests.
 */
export function ruleCrashedFinding(ruleId: string, error: unknown): Finding {
	const why = error instanceof UnknownMessageIdError ? `reported an unknown message id "${error.messageId}"` : `threw ${describeError(error)}`;
	return makeFinding({
		ruleId: RULE_CRASHED,
		severity: 'warning',
		message: `The rule ${ruleId} ${why}, so this folder was not checked for what it covers`,
		at: MACHINE,
		hint: 'This is a dapr-labs bug, not a problem in your folder: please report it with this message. `dapr-labs run` still verifies the lab under Dapr.',
	});
}

function describeError(error: unknown): string {
	const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	const line = joinLines(text).slice(0, 200);
	return `"${line}"`;
}
