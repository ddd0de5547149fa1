/**
 * One-line fixes for the schedule errors students hit most, keyed on Dapr's own error texts (so the hint can be
 * shown next to exactly what daprd printed).
 */

const DESCRIPTORS = '@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>';

/** A suggestion for a schedule error, or null when there is nothing better to say than the error itself. */
export function hintForError(spec: string, error: string): string | null {
	if (error === 'empty spec string') return 'Set a schedule, for example "@every 10s" or "*/10 * * * * *".';
	if (error.startsWith('panic: ')) return 'Put a space and then the schedule after the zone, for example "TZ=UTC 0 0 9 * * *".';
	if (error.startsWith('provided bad location ')) {
		return 'Use an IANA zone name, spelled with its exact capitals, for example "TZ=America/New_York" or "CRON_TZ=Europe/Berlin".';
	}
	const fields = /^expected 5 to 6 fields, found (\d+):/.exec(error);
	if (fields) {
		const count = Number(fields[1]);
		if (count === 7) return 'Dapr has no year field: use 6 fields (second minute hour day-of-month month day-of-week) or 5 (standard crontab).';
		if (count > 7) return 'Use 6 fields (second minute hour day-of-month month day-of-week) or 5 (standard crontab); quote the schedule in YAML.';
		if (/^\s*@/.test(spec) || /^\s+TZ=/.test(spec)) return 'Remove the leading space: a descriptor or TZ= prefix must be the first character.';
		return 'Use 6 fields (second minute hour day-of-month month day-of-week), 5 (standard crontab), or a descriptor such as @every 10s.';
	}
	if (error.startsWith('unrecognized descriptor: ')) {
		if (/^@every\S/.test(spec) || /^@every\s/.test(spec)) return 'Write "@every", exactly one space, then a Go duration, for example "@every 30s".';
		return `Dapr's descriptors are ${DESCRIPTORS} (lower case, nothing after them).`;
	}
	if (error.startsWith('failed to parse duration ')) {
		if (error.includes('missing unit')) return '@every needs a unit: ns, us, ms, s, m or h (for example "@every 10s").';
		if (/unknown unit "(d|w|y|D|W|Y)"/.test(error)) return 'Go durations have no days or weeks: use hours, for example "@every 24h".';
		return 'Write a Go duration such as 10s, 1m30s, 1.5h or 500ms, with no spaces.';
	}
	if (/above maximum \(6\)/.test(error)) return 'Day-of-week runs 0-6 (Sunday is 0, or SUN-SAT); 7 is not accepted.';
	if (/above maximum \(59\)/.test(error) || /above maximum \(23\)/.test(error)) {
		return 'Check the field order: 6 fields are second minute hour day-of-month month day-of-week.';
	}
	const notInt = /^failed to parse int from (.*?): strconv\.Atoi/.exec(error);
	if (notInt) {
		const token = notInt[1]!;
		if (/[LW#]/.test(token) || token === 'H') return "Dapr's parser has no L, W, # or H; list the days or hours you mean instead.";
		if (/^[a-z]{3,}$/i.test(token)) {
			return 'Names are three letters and field-specific: JAN-DEC only in the month field, SUN-SAT only in the day-of-week field.';
		}
		if (token === '') return 'A range needs both ends (5-10) and a step needs a number (*/5); a leading - is not a negative number.';
	}
	return null;
}
