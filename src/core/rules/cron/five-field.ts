import {parseSchedule} from '../../cron/index.js';
import {defineRule} from '../../rule.js';
import {entryOf, metadataItem, short} from '../support.js';

/** When the first crontab field is a step (`*\/30`), the student almost always meant seconds. */
function likelySeconds(spec: string): string | null {
	const fields = spec.trim().split(/\s+/);
	const match = /^(?:\*|0)\/(\d+)$/.exec(fields[0] ?? '');
	if (!match || fields.slice(1).some((field) => field !== '*' && field !== '?')) return null;
	return `@every ${Number(match[1])}s`;
}

export default defineRule({
	id: 'cron/five-field',
	meta: {
		description: 'Require the 6-field (seconds-first) cron form or a descriptor instead of 5-field crontab',
		severity: 'error',
		messages: {
			fiveField: 'Schedule "{{schedule}}" has 5 fields, so Dapr reads it as standard crontab (minute hour day month weekday) firing at second 0: {{described}}{{meaning}}.',
		},
		docs: 'Dapr\'s cron parser makes the seconds field optional: a 5-field expression gets `0` prepended and is read as ordinary minute-level crontab. It is not rejected and not ignored, but `*/30 * * * *` fires every 30 minutes, not every 30 seconds. The lab asks for the 6-field form (or a descriptor) so that the intent is explicit.',
		symptom: 'The handler fires far less often than expected (minutes instead of seconds).',
		fix: 'Write the 6-field form from the hint (or `@every Ns` when seconds were meant).',
	},
	check({model, report}) {
		for (const doc of model.components) {
			if (entryOf(doc)?.type !== 'bindings.cron') continue;
			const value = metadataItem(doc, 'schedule')?.value;
			if (!value || value.value.trim() === '') continue;
			let schedule;
			try {
				schedule = parseSchedule(value.value, {zone: 'UTC'});
			} catch {
				continue;
			}
			if (!schedule.ok || schedule.form !== 'five-field') continue;
			const described = schedule.describe().replace(/[.\s]+$/, '');
			const every = likelySeconds(value.value);
			const six = schedule.sixField ?? `0 ${value.value.trim()}`;
			report({
				messageId: 'fiveField',
				data: {schedule: short(value.value), described, meaning: every ? `, i.e. every ${every.slice(7, -1)} minutes, not every ${every.slice(7, -1)} seconds` : ''},
				file: doc.file,
				at: value.span,
				hint: every
					? `For every ${every.slice(7, -1)} seconds write \`value: "${every}"\` (or the 6-field \`"*/${every.slice(7, -1)} * * * * *"\`); to keep this minute-level schedule write \`value: "${six}"\`.`
					: `Write the 6-field form \`value: "${six}"\` (second minute hour day month weekday).`,
			});
		}
	},
});
