/**
 * The event stream of a runtime verification (`dapr-labs run`, the workbook's r key). The runner yields these;
 * the Ink UI and the text/JSON reporters consume the same stream (gatsby-cli reporter style).
 */
import type {Finding, LabId} from './types.js';

/** What one output line of `dapr run` is, as classified by core/log/classify.ts. */
export type LogSource = 'cli' | 'daprd' | 'app' | 'runner';

export type ClassifiedLine = {
	readonly source: LogSource;
	/** daprd level when known (debug/info/warn/error/fatal); CLI status for CLI lines (info/success/failure/warning/pending). */
	readonly level: string | null;
	/** The message without prefixes, control sequences stripped. */
	readonly text: string;
	/** Recognised event, when the line is one the diagnosis keys on (see classify.ts for the list). */
	readonly event: LineEvent | null;
	/** daprd scope / component fields when present. */
	readonly scope?: string;
	readonly component?: string;
};

/** Events recognised in lines; names are stable (tests and diagnosis match on them). */
export type LineEvent =
	| {readonly type: 'dapr-starting'; readonly appId: string; readonly httpPort: number | null; readonly grpcPort: number | null}
	| {readonly type: 'up-and-running'}
	| {readonly type: 'runtime-version'; readonly version: string}
	| {readonly type: 'input-binding-ready'; readonly name: string; readonly componentType: string}
	| {readonly type: 'output-binding-ready'; readonly name: string; readonly componentType: string}
	| {readonly type: 'component-loaded'; readonly name: string; readonly componentType: string}
	| {readonly type: 'component-init-failed'; readonly name: string; readonly componentType: string; readonly error: string}
	| {readonly type: 'fatal'; readonly error: string}
	| {readonly type: 'app-not-subscribed'; readonly binding: string}
	| {readonly type: 'delivery-failed'; readonly binding: string; readonly status: number | null; readonly body: string}
	| {readonly type: 'app-channel-missing'}
	| {readonly type: 'waiting-for-app'; readonly port: number}
	| {readonly type: 'app-discovered'; readonly port: number}
	| {readonly type: 'cron-fired'; readonly name: string}
	/** ERR_INVOKE_OUTPUT_BINDING / `does not support operation` / `couldn't find output binding` seen in any output. */
	| {readonly type: 'output-binding-error'; readonly binding: string; readonly message: string}
	| {readonly type: 'sidecar-unreachable'; readonly url: string}
	| {readonly type: 'daprd-exited'; readonly code: string}
	| {readonly type: 'app-exited'; readonly code: string}
	| {readonly type: 'python-traceback'}
	/** The last line of a Python traceback (`ZeroDivisionError: division by zero`). */
	| {readonly type: 'python-exception'; readonly exception: string; readonly message: string}
	/** A traceback frame (`File "/x/app.py", line 14, in handle`). */
	| {readonly type: 'python-frame'; readonly file: string; readonly line: number; readonly function: string}
	/** A uvicorn access line: `INFO:     127.0.0.1:5555 - "POST /cleanup-cron HTTP/1.1" 200 OK`. */
	| {readonly type: 'app-request'; readonly method: string; readonly path: string; readonly status: number}
	/** `name: cleanup-cron, next run: ...` (cron debug). */
	| {readonly type: 'cron-next-run'; readonly name: string}
	/** `Error processing component, daprd will exit gracefully: ...` */
	| {readonly type: 'component-error-exit'; readonly error: string}
	/** `failed to read from bindings: ...` (probe request failed). */
	| {readonly type: 'bindings-read-failed'; readonly error: string}
	/** uvicorn's `ERROR:    Error loading ASGI app. Could not import module "app".` (the message after `ERROR:`). */
	| {readonly type: 'app-load-error'; readonly message: string}
	| {readonly type: 'no-app-command'}
	| {readonly type: 'shutting-down'}
	| {readonly type: 'app-log'; readonly text: string};

export type RunPhase = 'preflight' | 'build' | 'starting' | 'waiting' | 'verifying' | 'stopping' | 'done';

export type RunEvent =
	| {readonly type: 'phase'; readonly phase: RunPhase; readonly message: string}
	/** The exact command being run, for the student to see. */
	| {readonly type: 'command'; readonly argv: readonly string[]; readonly cwd: string}
	| {readonly type: 'line'; readonly line: ClassifiedLine}
	/** A trigger arrived (cron POST seen by the app); `index` counts from 1. */
	| {readonly type: 'trigger'; readonly index: number; readonly at: string}
	/** The next expected trigger, for a countdown (ISO time), and the deadline after which it counts as missing. */
	| {readonly type: 'expect'; readonly what: string; readonly at: string; readonly deadline: string}
	| {readonly type: 'check'; readonly id: string; readonly status: 'pass' | 'fail' | 'skip'; readonly message: string}
	| {readonly type: 'finding'; readonly finding: Finding}
	| {readonly type: 'note'; readonly message: string}
	| {
			readonly type: 'result';
			readonly lab: LabId;
			/** `interrupted`: stopped by the user (Ctrl-C); no findings, nothing scored. */
			readonly status: 'pass' | 'fail' | 'not-ready' | 'interrupted';
			readonly findings: readonly Finding[];
			readonly logFile: string | null;
			/** workspaceFingerprint of the files the run used (to record the result in the folder's progress). */
			readonly fingerprint?: string;
	  };
