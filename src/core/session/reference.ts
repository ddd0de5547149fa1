/**
 * The reference screens' data, generated from the same engine, catalog and rules the checker uses (never retyped):
 * the cron schedule reference, the operations-by-binding table and the troubleshooting table.
 */
import {CATALOG} from '../catalog/index.js';
import {parseSchedule} from '../cron/index.js';
import {rules} from '../rules/index.js';

/** One example schedule as Dapr reads it. */
export type CronRow = {
	readonly spec: string;
	readonly valid: boolean;
	readonly form: string | null;
	/** Dapr's description, or Dapr's own error text. */
	readonly meaning: string;
	/** For a five-field line, the six-field equivalent. */
	readonly sixField: string | null;
	readonly note: string;
};

// The schedules the lesson, the labs and the usual mistakes use; the meaning column comes from the engine.
const CRON_EXAMPLES: readonly {readonly spec: string; readonly note: string}[] = [
	{spec: '@every 30s', note: 'The cron lab\'s schedule. First fire 30 s after the sidecar starts, not at once.'},
	{spec: '*/30 * * * * *', note: 'Six fields: the first one is seconds.'},
	{spec: '*/30 * * * *', note: 'Five fields are crontab (minutes), not seconds.'},
	{spec: '0 */5 * * * *', note: 'Every 5 minutes, at second 0.'},
	{spec: '0 30 9 * * MON-FRI', note: 'Names work in month and weekday fields.'},
	{spec: '0 0 */6 ? * *', note: '`?` is read as `*` in any field.'},
	{spec: '0 0 2 * * *', note: 'Daily at 02:00 in daprd\'s local zone.'},
	{spec: 'CRON_TZ=UTC 0 0 2 * * *', note: 'Pin the zone with TZ= or CRON_TZ=.'},
	{spec: '@hourly', note: 'Descriptors: @yearly @monthly @weekly @daily @hourly.'},
	{spec: '@daily', note: 'Same as @midnight.'},
	{spec: '@every 1h30m', note: 'Any Go duration: ms s m h, mixed.'},
	{spec: '@every 500ms', note: 'Sub-second works on Dapr 1.16+.'},
	{spec: '0 0 0 * * 7', note: 'Weekday is 0-6; Sunday is 0.'},
	{spec: '0 0 0 L * *', note: 'L, W, # and H are not supported.'},
	{spec: '@every 10', note: 'A duration needs a unit.'},
	{spec: '* * * *', note: 'Four fields: rejected.'},
	{spec: '0 0 0 30 2 *', note: 'Valid but February 30 never comes.'},
];

/** The cron schedule reference rows, each explained by the schedule engine. */
export function cronReference(zone = 'UTC', from: Date = new Date(Date.UTC(2026, 0, 1))): readonly CronRow[] {
	return CRON_EXAMPLES.map(({spec, note}) => {
		const parsed = parseSchedule(spec, {zone});
		if (!parsed.ok) return {spec, valid: false, form: null, meaning: parsed.error, sixField: null, note};
		const never = parsed.next(from) === null;
		return {
			spec,
			valid: true,
			form: parsed.form,
			meaning: never ? `${parsed.describe()} (never fires)` : parsed.describe(),
			sixField: parsed.form === 'five-field' ? parsed.sixField : null,
			note,
		};
	});
}

/** One binding type with its directions and output operations. */
export type OperationRow = {
	readonly type: string;
	readonly title: string;
	readonly input: boolean;
	readonly output: boolean;
	readonly operations: readonly string[];
};

// The lesson's bindings lead the table; the rest follow alphabetically.
const LEAD = ['bindings.http', 'bindings.cron', 'bindings.postgres', 'bindings.smtp', 'bindings.twilio.sms', 'bindings.kafka', 'bindings.aws.s3'];

/** The operations-by-binding table, from the component catalog. */
export function operationsTable(): readonly OperationRow[] {
	const rows = CATALOG.filter((entry) => entry.category === 'bindings' && entry.binding).map((entry) => ({
		type: entry.type,
		title: entry.title,
		input: entry.binding!.input,
		output: entry.binding!.output,
		operations: entry.binding!.operations,
	}));
	const rank = (type: string) => {
		const index = LEAD.indexOf(type);
		return index === -1 ? LEAD.length : index;
	};
	return rows.sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type));
}

/** One troubleshooting row, symptom → cause → fix in the student's words, and the rule that catches it. */
export type TroubleRow = {
	/** What the student sees (meta.symptom). */
	readonly symptom: string;
	readonly ruleId: string;
	/** Why it happens: what Dapr, Python or Docker does (the first sentence of meta.docs). */
	readonly cause: string;
	/** What to change (meta.fix). */
	readonly fix: string;
};

/** The troubleshooting table, from the rules' meta (every rule that names a symptom). */
export function troubleshootingTable(): readonly TroubleRow[] {
	return rules
		.filter((rule) => rule.meta.symptom)
		.map((rule) => ({symptom: rule.meta.symptom!, ruleId: rule.id, cause: firstSentence(rule.meta.docs), fix: rule.meta.fix ?? rule.meta.description}));
}

/** The first sentence of a text (a full stop, ! or ? followed by a space and a capital or a backtick). */
function firstSentence(text: string): string {
	const end = /[.!?](?=\s+[A-Z`(])/.exec(text);
	return end ? text.slice(0, end.index + 1) : text;
}
