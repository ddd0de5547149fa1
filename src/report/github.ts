/**
 * `check --format github`: GitHub Actions workflow commands that annotate the pull request / push.
 *
 * Injection: every annotation is one line whose data and properties are escaped the way the Actions runner
 * unescapes them (`%`, CR, LF; plus `:` and `,` in properties), so a student's message cannot start a new line and
 * with it a new command. Everything else we print (findings past the annotation cap, the summary) goes inside a
 * `::stop-commands::<token>` ... `::<token>::` block with an unguessable token, so no `::command::` in it runs.
 * The annotations themselves stay outside that block on purpose: inside it the runner ignores every command,
 * including ours.
 */
import type {CheckResult} from '../core/result.js';
import {safeName, safeText} from '../core/text.js';
import {findingPlace} from '../core/types.js';
import {uniqueFindings, type PlacedFinding} from './sarif.js';

/** GitHub shows at most this many annotations of one kind (error, warning, notice) per step. */
export const ANNOTATIONS_PER_KIND = 10;

export type GithubOptions = {
	/** The stop-commands token: unpredictable, from crypto (the command passes `randomUUID()`); never from input. */
	readonly token: string;
};

type Kind = 'error' | 'warning' | 'notice';

/** Escapes a command's message (data) as the runner expects. */
export function escapeData(text: string): string {
	return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escapes a property value (file, title): data escaping plus `:` and `,`. */
export function escapeProperty(text: string): string {
	return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** Renders a check result as workflow commands; the output ends with a newline. */
export function formatGithub(result: CheckResult, options: GithubOptions): string {
	if (!/^[A-Za-z0-9_-]{16,}$/.test(options.token)) throw new Error('formatGithub needs a random token of at least 16 characters.');
	const findings = uniqueFindings(result);
	const counts: Record<Kind, number> = {error: 0, warning: 0, notice: 0};
	const annotations: string[] = [];
	const overflow: PlacedFinding[] = [];
	for (const finding of findings) {
		const kind = annotationKind(finding);
		if (counts[kind] < ANNOTATIONS_PER_KIND) annotations.push(annotation(kind, finding));
		else overflow.push(finding);
		counts[kind]++;
	}
	const plain: string[] = [];
	for (const finding of overflow) plain.push(`${safeName(findingPlace({...finding, file: finding.uri}))}: ${finding.severity} ${finding.ruleId}: ${oneLine(finding.message)}`);
	if (overflow.length > 0) {
		plain.push(`${overflow.length} more finding${overflow.length === 1 ? '' : 's'} not annotated (GitHub shows ${ANNOTATIONS_PER_KIND} annotations of each kind per step); they are listed above.`);
	}
	const labs = result.labs.map((lab) => `${lab.id} ${lab.status} ${lab.score}/${lab.maxScore}`).join(', ');
	plain.push(`dapr-labs: ${result.summary.errors} error${result.summary.errors === 1 ? '' : 's'}, ${result.summary.warnings} warning${result.summary.warnings === 1 ? '' : 's'}${labs ? ` (${labs})` : ''}.`);
	return [...annotations, `::stop-commands::${options.token}`, ...plain, `::${options.token}::`].join('\n') + '\n';
}

function annotationKind(finding: PlacedFinding): Kind {
	return finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'notice';
}

function annotation(kind: Kind, finding: PlacedFinding): string {
	// A missing file has no line: annotate the file alone rather than a line that does not exist.
	const properties = [`file=${escapeProperty(safeName(finding.uri))}`, ...(finding.line > 0 ? [`line=${finding.line}`, `col=${finding.column}`] : [])];
	if (finding.endLine !== undefined) properties.push(`endLine=${finding.endLine}`);
	if (finding.endColumn !== undefined) properties.push(`endColumn=${finding.endColumn}`);
	properties.push(`title=${escapeProperty(finding.ruleId)}`);
	const message = safeText(finding.message) + (finding.hint ? `\nFix: ${safeText(finding.hint)}` : '');
	return `::${kind} ${properties.join(',')}::${escapeData(message)}`;
}

/** Plain lines inside the guard still must not spill student text across lines. */
function oneLine(text: string): string {
	return safeText(text).replace(/[\r\n]+/g, ' ');
}
