/**
 * `check --format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Pure: the rule metadata
 * comes in as a lookup so this file does not depend on the rule registry being loaded.
 */
import type {CheckResult} from '../core/result.js';
import type {RuleMeta} from '../core/rule.js';
import type {Finding, Severity} from '../core/types.js';
import {safeText} from '../core/text.js';

/** The schema URL SARIF consumers expect in `$schema`. */
export const SARIF_SCHEMA_URL = 'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json';

/** Where people learn about the tool (SARIF `informationUri`). */
export const DEFAULT_INFORMATION_URI = 'https://www.npmjs.com/package/dapr-labs';

export type SarifOptions = {
	/** Rule metadata by id (the registry's ruleById); unknown ids get a minimal descriptor. */
	readonly ruleMeta?: (id: string) => RuleMeta | undefined;
	readonly informationUri?: string;
};

type SarifLevel = 'error' | 'warning' | 'note';

/** A finding with its path as seen from where the tool ran (workspace prefix applied). */
export type PlacedFinding = Finding & {readonly uri: string};

/** Maps our severities onto SARIF levels (and GitHub's annotation kinds use the same split). */
export function sarifLevel(severity: Severity): SarifLevel {
	switch (severity) {
		case 'error':
			return 'error';
		case 'warning':
			return 'warning';
		case 'info':
			return 'note';
	}
}

/**
 * The findings of every lab in the result, once each: with `--lab all` the component rules gate every lab, so the
 * same finding appears under each lab, but a code-scanning alert or an annotation must appear once.
 * Paths are joined to the workspace as given (when it is relative) so they resolve from the repository root.
 */
export function uniqueFindings(result: CheckResult): PlacedFinding[] {
	const seen = new Set<string>();
	const out: PlacedFinding[] = [];
	for (const lab of result.labs) {
		for (const finding of lab.findings) {
			const key = [finding.ruleId, finding.file, finding.line, finding.column, finding.endLine, finding.endColumn, finding.message].join('\u0000');
			if (seen.has(key)) continue;
			seen.add(key);
			out.push({...finding, uri: workspacePath(result.workspace, finding.file)});
		}
	}
	return out;
}

/** `<workspace>/<file>` in POSIX form for a relative workspace; the bare file for `.` or an absolute workspace. */
export function workspacePath(workspace: string, file: string): string {
	const base = workspace.replaceAll('\\', '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
	if (base === '' || base === '.' || base.startsWith('/') || /^[A-Za-z]:\//.test(base)) return file;
	return `${base}/${file}`;
}

/** Renders a check result as a SARIF 2.1.0 log (pretty JSON, trailing newline). */
export function formatSarif(result: CheckResult, options: SarifOptions = {}): string {
	return JSON.stringify(sarifLog(result, options), null, 2) + '\n';
}

/** The SARIF log object (exported for tests and for callers that embed it). */
export function sarifLog(result: CheckResult, options: SarifOptions = {}): Record<string, unknown> {
	const findings = uniqueFindings(result);
	const ruleIds = [...new Set(findings.map((finding) => finding.ruleId))].sort();
	const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
	const rules = ruleIds.map((id) => ruleDescriptor(id, options.ruleMeta?.(id), findings.find((finding) => finding.ruleId === id)!.severity));
	const results = findings.map((finding) => ({
		ruleId: finding.ruleId,
		ruleIndex: ruleIndex.get(finding.ruleId)!,
		level: sarifLevel(finding.severity),
		message: {text: messageText(finding)},
		locations: [
			{
				physicalLocation: {
					artifactLocation: {uri: encodeUri(finding.uri), uriBaseId: '%SRCROOT%'},
					// A missing file has no region (SARIF regions start at line 1).
					...(finding.line > 0 ? {region: region(finding)} : {}),
				},
			},
		],
	}));
	return {
		$schema: SARIF_SCHEMA_URL,
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: result.tool,
						version: result.version,
						semanticVersion: result.version,
						informationUri: options.informationUri ?? DEFAULT_INFORMATION_URI,
						rules,
					},
				},
				results,
			},
		],
	};
}

function ruleDescriptor(id: string, meta: RuleMeta | undefined, seenSeverity: Severity): Record<string, unknown> {
	const description = meta?.description ?? `Rule ${id}.`;
	const docs = meta?.docs ?? description;
	const symptom = meta?.symptom ? `\n\nSymptom: ${meta.symptom}` : '';
	return {
		id,
		name: id,
		shortDescription: {text: description},
		fullDescription: {text: docs},
		help: {text: `${docs}${symptom}`, markdown: `**${id}**: ${docs}${symptom ? `\n\n_Symptom:_ ${meta!.symptom}` : ''}`},
		defaultConfiguration: {level: sarifLevel(meta?.severity ?? seenSeverity)},
	};
}

function messageText(finding: Finding): string {
	const message = safeText(finding.message);
	return finding.hint ? `${message} Fix: ${safeText(finding.hint)}` : message;
}

/** SARIF columns are 1-based and endColumn is exclusive; our endColumn names the last character, hence +1. */
function region(finding: Finding): Record<string, number> {
	const startLine = Math.max(1, finding.line);
	const startColumn = Math.max(1, finding.column);
	const out: Record<string, number> = {startLine, startColumn};
	if (finding.endLine !== undefined && finding.endColumn !== undefined && finding.endLine >= startLine) {
		out['endLine'] = finding.endLine;
		out['endColumn'] = finding.endLine === startLine ? Math.max(startColumn, finding.endColumn) + 1 : Math.max(1, finding.endColumn) + 1;
	}
	return out;
}

/** Percent-encodes what a URI reference cannot hold raw (spaces, `#`, `?`, non-ASCII) and keeps `/`. */
function encodeUri(path: string): string {
	return path
		.split('/')
		.map((segment) => encodeURIComponent(segment))
		.join('/');
}
