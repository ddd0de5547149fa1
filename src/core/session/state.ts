/**
 * The workbook session's state: plain data the reducer folds events into and the views render. No React, no fs.
 */
import type {LabDef} from '../labs.js';
import type {RunRecords} from '../run-record.js';
import type {CheckResult} from '../result.js';
import type {RunPhase} from '../run-events.js';
import type {Finding, LabId} from '../types.js';

/** One question of the "bindings or pub/sub?" quiz (labs/quiz.yaml). */
export type QuizQuestion = {
	readonly id: string;
	/** The integration need, one sentence. */
	readonly need: string;
	readonly answer: 'binding' | 'pubsub';
	/** The component type that fits, e.g. `bindings.cron` or `pubsub.redis`. */
	readonly componentType: string;
	/** Why, one line. */
	readonly reason: string;
	/** True for the lesson's own four needs. */
	readonly fromLesson?: boolean;
};

/** Saved progress of one lab (the shape of one entry of `.dapr-labs/state.json`). */
export type LabProgress = {
	/** Step ids that passed (static steps as of the last check; runtime steps once a run passed). */
	readonly passed: readonly string[];
	/** How many hints were shown per step id. */
	readonly hints: Readonly<Record<string, number>>;
	/** Step id the student was on. */
	readonly current?: string;
};

/** Everything `.dapr-labs/state.json` holds. */
export type Progress = {
	readonly version: 1;
	readonly lastLab?: LabId;
	readonly labs: Readonly<Partial<Record<LabId, LabProgress>>>;
	/** The last finished run of each lab, from the workbook or `dapr-labs run` (core/run-record.ts). */
	readonly runs?: RunRecords;
};

export type Screen =
	| {readonly kind: 'labs'}
	| {readonly kind: 'step'}
	| {readonly kind: 'solution'}
	| {readonly kind: 'help'}
	| {readonly kind: 'cron'}
	| {readonly kind: 'operations'}
	| {readonly kind: 'troubleshooting'}
	| {readonly kind: 'quiz'};

export type ScreenKind = Screen['kind'];

/** A runtime verification (the r key) as the step screen shows it. */
export type RunView = {
	readonly lab: LabId;
	readonly status: 'running' | 'pass' | 'fail' | 'not-ready' | 'error' | 'cancelled';
	readonly phase: string;
	/** The phase the runner last announced (phases only move forward). */
	readonly phaseKind?: RunPhase;
	/** Last lines of output, control sequences already stripped; bounded to RUN_LOG_LIMIT. */
	readonly lines: readonly string[];
	readonly triggers: readonly {readonly index: number; readonly at: string}[];
	readonly expect: {readonly what: string; readonly at: string; readonly deadline: string} | null;
	readonly checks: readonly {readonly id: string; readonly status: 'pass' | 'fail' | 'skip'; readonly message: string}[];
	readonly findings: readonly Finding[];
	readonly notes: readonly string[];
	readonly logFile: string | null;
	readonly error: string | null;
};

export type QuizState = {
	readonly index: number;
	/** Highlighted option: 0 binding, 1 pub/sub. */
	readonly choice: 0 | 1;
	readonly answers: Readonly<Record<string, 'binding' | 'pubsub'>>;
	/** Whether the current question's answer is being shown. */
	readonly revealed: boolean;
};

export type SessionState = {
	readonly labs: readonly LabDef[];
	readonly quiz: readonly QuizQuestion[];
	/** Reference solution texts: lab → file (relative to labs/<lab>/solution/) → text. */
	readonly solutions: Readonly<Partial<Record<LabId, Readonly<Record<string, string>>>>>;
	/** Screen stack; the last one is shown. Never empty. */
	readonly screens: readonly Screen[];
	/** Highlighted lab on the lab list, and the lab the step screen shows. */
	readonly labIndex: number;
	/** Current step index per lab. */
	readonly stepIndex: Readonly<Partial<Record<LabId, number>>>;
	readonly progress: Progress;
	readonly check: CheckResult | null;
	readonly checking: boolean;
	readonly checkError: string | null;
	readonly checkCount: number;
	readonly run: RunView | null;
	/** A short message ("✔ Step passed") shown until the next key. */
	readonly flash: string | null;
	readonly warnings: readonly string[];
	/** Scroll offset of the long screens (reference tables, solution, help). */
	readonly scroll: number;
	readonly quizState: QuizState;
	/** Milliseconds since the epoch, fed by tick events (for the run countdown). */
	readonly now: number;
	readonly quitting: boolean;
	/** Whether the r key has a runner to call. */
	readonly runnerAvailable: boolean;
};

/** How many log lines a run keeps for the tail. */
export const RUN_LOG_LIMIT = 200;

/** An empty progress record. */
export const EMPTY_PROGRESS: Progress = {version: 1, labs: {}};
