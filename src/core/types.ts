/**
 * Shared vocabulary of dapr-labs. Everything here is plain data: core stays free of fs, execa and React.
 * Positions are 1-based (line and column), as editors, SARIF and GitHub annotations expect.
 */

/** Severity of a finding; `error` fails a lab. */
export type Severity = 'error' | 'warning' | 'info';

/** A range in a file, 1-based; end is exclusive of nothing: it names the last line/column when known. */
export type Span = {
	readonly line: number;
	readonly column: number;
	readonly endLine?: number;
	readonly endColumn?: number;
};

/**
 * Line and column 0 mean "no position": the file (or folder) is missing, or the finding is about the machine (env/*).
 * Reports then say "missing" instead of inventing a line (findingPlace).
 */
export const NO_POSITION: Span = {line: 0, column: 0};

/**
 * Where a finding is, as reports print it: `file:line:col`; without a position `Dockerfile (missing)` for a missing
 * file, `components/` for what a folder lacks, `this machine` for env/* findings.
 */
export function findingPlace(finding: {readonly ruleId?: string; readonly file: string; readonly line: number; readonly column: number}, withColumn = true): string {
	if (finding.line > 0) return withColumn ? `${finding.file}:${finding.line}:${finding.column}` : `${finding.file}:${finding.line}`;
	if (finding.file === '.' || finding.file === '' || finding.ruleId?.startsWith('env/')) return 'this machine';
	if (finding.ruleId === 'lab/missing-file') return `${finding.file} (missing)`;
	return finding.file.endsWith('/') ? finding.file : `${finding.file}/`;
}

/** One thing the checker (or the runner) found. The JSON report prints these fields as they are. */
export type Finding = {
	readonly ruleId: string;
	readonly severity: Severity;
	/** One sentence, capital first, period last. Already free of control sequences. */
	readonly message: string;
	/** Path relative to the lab folder, forward slashes. */
	readonly file: string;
	/** 1-based; 0 (with column 0) when there is no position: see NO_POSITION. */
	readonly line: number;
	readonly column: number;
	readonly endLine?: number;
	readonly endColumn?: number;
	/** What the student should type or change. */
	readonly hint?: string;
};

/**
 * A lab's id: the name of its folder `labs/<id>/` (see LAB_ID_PATTERN in core/labs.ts). Lab ids are a public
 * contract (state.json keys, `--lab`, JSON reports); the list of labs is data (runner/labs-loader.ts), not code.
 */
export type LabId = string;

/** Why a file in the workspace could not be used as text. */
export type UnreadableReason = 'binary' | 'not-utf8' | 'too-large' | 'symlink-outside' | 'symlink-loop' | 'not-a-file' | 'io-error';

/**
 * A file as the runner read it from disk (or as `review` built it from Markdown). Text is decoded UTF-8 with any
 * BOM removed and CRLF/CR normalised to LF, so line numbers match what an editor shows.
 */
export type SourceFile =
	| {readonly path: string; readonly kind: 'text'; readonly text: string; readonly size: number}
	| {
			readonly path: string;
			readonly kind: 'unreadable';
			readonly reason: UnreadableReason;
			/** One sentence for the student, e.g. "The file is 52 MB; dapr-labs reads at most 1 MB." */
			readonly detail: string;
			/** Where the problem is, when it is inside the file (first invalid byte for not-utf8). */
			readonly line?: number;
			readonly column?: number;
			readonly size?: number;
	  };

/**
 * The files of one lab folder, keyed by relative POSIX path. Holds `components/*.yaml|*.yml`, `app.py`,
 * `Dockerfile`, and `requirements.txt` when present. Nothing else is needed by the rules.
 */
export type Workspace = {
	readonly files: ReadonlyMap<string, SourceFile>;
	/**
	 * Optional line offsets: `review` builds files out of Markdown code blocks, and findings must point at the
	 * Markdown's own lines. A finding at line L of `path` is reported at line L + offset in `mapTo`.
	 */
	readonly lineMap?: ReadonlyMap<string, {readonly mapTo: string; readonly offset: number}>;
};
