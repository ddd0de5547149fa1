/**
 * `dapr-labs cron "<schedule>" [--from ISO8601] [--tz ZONE] [--count N] [--json]`: explains a schedule the way
 * the daprd cron binding will run it (validity with Dapr's own error text, form, meaning, next fire times).
 */
import {formatOffset, hintForError, loadLocation, nextFires, parseSchedule, wallOf, type Schedule} from '../core/cron/index.js';
import {stripControl} from '../core/text.js';
import {commandRunner, type Parsed} from './command.js';
import {cronCommand} from './declarations/index.js';
import {UsageError, type CommandIO} from './io.js';

const MAX_COUNT = 1000;

/** JSON output of `dapr-labs cron --json`. */
export type CronJson = {
	readonly schedule: string;
	readonly valid: boolean;
	readonly error: string | null;
	readonly form: Schedule['form'] | null;
	readonly next: readonly string[];
};

function pad(value: number, width = 2): string {
	return String(value).padStart(width, '0');
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A fire time as wall-clock time in the zone with its offset, e.g. "2026-03-15 04:30:00 -04:00 (Sun)". */
export function formatInZone(date: Date, zone: string): string {
	const ms = date.getTime();
	const w = wallOf(zone, ms);
	const millis = ((ms % 1000) + 1000) % 1000;
	const fraction = millis === 0 ? '' : `.${pad(millis, 3)}`;
	return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${fraction} ${formatOffset(zone, ms)} (${WEEKDAYS[w.weekday]!})`;
}

function readOptions({values, positionals}: Parsed<typeof cronCommand.flags>, env: CommandIO['env']) {
	let from = new Date();
	if (values.from !== undefined) {
		from = new Date(values.from);
		if (Number.isNaN(from.getTime())) throw new UsageError(`--from must be an ISO 8601 time such as 2026-03-14T15:09:26Z (got "${stripControl(values.from)}").`);
	}
	let zone: string;
	if (values.tz !== undefined) {
		const location = loadLocation(values.tz);
		if (!location.ok) throw new UsageError(`--tz must be an IANA zone such as Europe/Berlin (${stripControl(location.error)}).`);
		zone = location.zone === 'Local' ? localZone(env) : location.zone;
	} else {
		zone = localZone(env);
	}
	let count = 5;
	if (values.count !== undefined) {
		if (!/^\d+$/.test(values.count) || Number(values.count) > MAX_COUNT) {
			throw new UsageError(`--count must be a whole number from 0 to ${MAX_COUNT} (got "${stripControl(values.count)}").`);
		}
		count = Number(values.count);
	}
	return {schedule: positionals[0]!, from, zone, count, json: Boolean(values.json)};
}

/**
 * daprd's time.Local, as Go's initLocal picks it: TZ unset means the system zone (Intl reads it), TZ="" means UTC,
 * TZ=Zone (an optional leading ":" dropped) means that zone, and an unknown TZ falls back to UTC.
 */
function localZone(env: CommandIO['env']): string {
	const tz = env['TZ'];
	if (tz === undefined || tz.replace(/^:/, '').startsWith('/')) {
		const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
		return zone && loadLocation(zone).ok ? zone : 'UTC';
	}
	const name = tz.replace(/^:/, '');
	if (name === '' || name === 'UTC') return 'UTC';
	const location = loadLocation(name);
	return location.ok && location.zone !== 'Local' ? location.zone : 'UTC';
}

const FORM_TEXT: Record<Schedule['form'], string> = {
	'six-field': 'six-field (second minute hour day-of-month month day-of-week)',
	'five-field': 'five-field (standard crontab: minute hour day-of-month month day-of-week; seconds = 0)',
	descriptor: 'descriptor',
	every: 'every (a fixed interval from when the binding starts)',
};

/** Runs `dapr-labs cron`. */
export const run = commandRunner(cronCommand, async (parsed, io) => {
	const options = readOptions(parsed, io.env);
	const result = parseSchedule(options.schedule, {zone: options.zone});
	const fires = result.ok ? nextFires(result, options.from, options.count) : [];
	if (options.json) {
		const json: CronJson = {
			schedule: options.schedule,
			valid: result.ok,
			error: result.ok ? null : result.error,
			form: result.ok ? result.form : null,
			next: fires.map((date) => date.toISOString()),
		};
		io.out(`${JSON.stringify(json, null, 2)}\n`);
		return result.ok ? 0 : 1;
	}
	const shown = stripControl(options.schedule);
	const lines = [`Schedule: "${shown}"`];
	if (!result.ok) {
		if (result.error.startsWith('panic: ')) {
			// dapr/kit cron/parser.go slices spec[eq+1:i] with i == -1 when no space follows the zone name: a Go runtime
			// panic inside the cron binding's Init, which nothing recovers; daprd crashes and logs no error line of its own.
			lines.push('Valid:    no, and worse: dapr/kit\'s cron parser panics on it');
			lines.push(`Error:    ${stripControl(result.error)}`);
			lines.push('daprd:    crashes with a Go panic while initialising the component; it logs no "invalid schedule format" line');
		} else {
			lines.push('Valid:    no, daprd refuses to start the component');
			lines.push(`Error:    ${stripControl(result.error)}`);
			lines.push(`daprd:    invalid schedule format '${shown}': ${stripControl(result.error)}`);
		}
		const hint = hintForError(result.spec, result.error);
		if (hint !== null) lines.push(`Hint:     ${hint}`);
		io.out(`${lines.join('\n')}\n`);
		return 1;
	}
	lines.push('Valid:    yes');
	lines.push(`Form:     ${FORM_TEXT[result.form]}`);
	lines.push(`Means:    ${result.describe()}`);
	if (result.form === 'five-field') {
		lines.push(`6-field:  ${stripControl(result.sixField ?? '')}`);
		lines.push('Note:     Dapr reads 5 fields as ordinary minute-level crontab at second 0: `*/5 * * * *` fires every 5 minutes.');
		lines.push('          The lab and the lesson ask for the 6-field form with seconds first, shown above.');
	}
	if (result.form === 'every') {
		lines.push('Note:     @every counts from when daprd starts reading the binding (after the app port answers, and after');
		lines.push('          the app is healthy when health checks are on), not from the clock; it restarts with daprd.');
	}
	lines.push(`Zone:     ${stripControl(result.zone)}${result.zone === options.zone ? '' : ' (from the TZ= prefix)'}`);
	lines.push(`From:     ${formatInZone(options.from, result.zone)}`);
	if (options.count > 0) {
		if (fires.length === 0) {
			lines.push('Next:     never (no fire time within 5 years; Dapr accepts the schedule but it never triggers)');
		} else {
			lines.push(`Next ${fires.length}:`);
			for (const fire of fires) lines.push(`  ${formatInZone(fire, result.zone)}`);
			if (fires.length < options.count) lines.push('  then never (no further fire time within 5 years)');
		}
	}
	io.out(`${lines.join('\n')}\n`);
	return 0;
});
