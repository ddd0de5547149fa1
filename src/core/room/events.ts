/**
 * What a workbook sends a workshop room: who (a random student id and a display name), where (lab, step) and how it
 * goes (step statuses with failing rule ids, run results, hints taken, catch-ups). Never file contents. Every event
 * carries an id the sender makes once, so a resend after a lost acknowledgement is never counted twice.
 *
 * The JSON schema below is what the room server validates every request against (sizes bounded everywhere).
 */

export type StepStatus = 'pass' | 'fail' | 'todo';

/** One step as the workbook last checked it. */
export type RoomStep = {
	readonly id: string;
	readonly status: StepStatus;
	/** Rule ids whose error findings fail this step (empty when it passes). */
	readonly failing: readonly string[];
};

/** A finding as the instructor sees it: rule, file and line; no message text from the student's files. */
export type RoomFinding = {readonly rule: string; readonly file: string; readonly line: number; readonly severity: 'error' | 'warning' | 'info'};

type Base = {
	/** Unique per event, made by the sender (a resend keeps it). */
	readonly id: string;
	/** Random per join; the room's key for a student. */
	readonly student: string;
	/** Display name (student text: escaped wherever shown). */
	readonly name: string;
	/** The sender's clock, ms since the epoch (shown as time spent; never trusted for ordering). */
	readonly at: number;
};

export type RoomEvent =
	| (Base & {readonly kind: 'join'})
	| (Base & {readonly kind: 'leave'})
	| (Base & {readonly kind: 'check'; readonly lab: string; readonly step: string; readonly steps: readonly RoomStep[]; readonly findings: readonly RoomFinding[]})
	| (Base & {readonly kind: 'run'; readonly lab: string; readonly status: string; readonly checks: readonly {readonly id: string; readonly status: string}[]})
	| (Base & {readonly kind: 'hint'; readonly lab: string; readonly step: string; readonly level: number})
	| (Base & {readonly kind: 'catch-up'; readonly lab: string; readonly step: string});

export type RoomEventKind = RoomEvent['kind'];

/** Limits every request is held to. */
export const ROOM_LIMITS = {
	maxEventsPerRequest: 100,
	maxBodyBytes: 256 * 1024,
	maxSteps: 20,
	maxFindings: 30,
	maxFailingPerStep: 20,
	maxChecks: 20,
	nameLength: 40,
	idLength: 64,
} as const;

/** Event and student ids: what randomUUID makes (and other plain tokens). */
const KEY = {type: 'string', minLength: 1, maxLength: ROOM_LIMITS.idLength, pattern: '^[A-Za-z0-9_-]+$'} as const;
/** Lab, step, rule and check ids (`input-binding/route-mismatch`, `run/triggered`). */
const ID = {type: 'string', minLength: 1, maxLength: ROOM_LIMITS.idLength, pattern: '^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$'} as const;
const SHORT = {type: 'string', minLength: 1, maxLength: 80} as const;
const base = {
	id: KEY,
	student: KEY,
	name: {type: 'string', minLength: 1, maxLength: ROOM_LIMITS.nameLength * 4},
	at: {type: 'number', minimum: 0, maximum: 1e14},
} as const;
const baseRequired = ['id', 'student', 'name', 'at', 'kind'];

function variant(kind: string, properties: Record<string, unknown> = {}, required: readonly string[] = []) {
	return {
		type: 'object',
		additionalProperties: false,
		required: [...baseRequired, ...required],
		properties: {...base, kind: {const: kind}, ...properties},
	};
}

/** JSON schema (draft-07, as Ajv reads it) of one event. */
export const ROOM_EVENT_SCHEMA = {
	type: 'object',
	required: ['kind'],
	discriminator: {propertyName: 'kind'},
	oneOf: [
		variant('join'),
		variant('leave'),
		variant(
			'check',
			{
				lab: ID,
				step: ID,
				steps: {
					type: 'array',
					maxItems: ROOM_LIMITS.maxSteps,
					items: {
						type: 'object',
						additionalProperties: false,
						required: ['id', 'status', 'failing'],
						properties: {id: ID, status: {enum: ['pass', 'fail', 'todo']}, failing: {type: 'array', maxItems: ROOM_LIMITS.maxFailingPerStep, items: ID}},
					},
				},
				findings: {
					type: 'array',
					maxItems: ROOM_LIMITS.maxFindings,
					items: {
						type: 'object',
						additionalProperties: false,
						required: ['rule', 'file', 'line', 'severity'],
						properties: {rule: ID, file: {type: 'string', maxLength: 200}, line: {type: 'integer', minimum: 0, maximum: 1e7}, severity: {enum: ['error', 'warning', 'info']}},
					},
				},
			},
			['lab', 'step', 'steps', 'findings'],
		),
		variant(
			'run',
			{
				lab: ID,
				status: SHORT,
				checks: {type: 'array', maxItems: ROOM_LIMITS.maxChecks, items: {type: 'object', additionalProperties: false, required: ['id', 'status'], properties: {id: ID, status: SHORT}}},
			},
			['lab', 'status', 'checks'],
		),
		variant('hint', {lab: ID, step: ID, level: {type: 'integer', minimum: 0, maximum: 100}}, ['lab', 'step', 'level']),
		variant('catch-up', {lab: ID, step: ID}, ['lab', 'step']),
	],
} as const;

/** The body of POST /api/events. */
export const ROOM_BATCH_SCHEMA = {
	type: 'object',
	additionalProperties: false,
	required: ['events'],
	properties: {events: {type: 'array', minItems: 1, maxItems: ROOM_LIMITS.maxEventsPerRequest, items: ROOM_EVENT_SCHEMA}},
} as const;
