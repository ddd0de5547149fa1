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
			fiveField: 'Schedule "{{schedule}}" has 5 fields: Dapr accepts it as standard crontab (minute hour day month weekday) firing at second 0: {{described}}{{plain}}. The lab and the lesson ask for the 6-field form with seconds first: "{{six}}".',
		},
		docs: 'Dapr\'s cron parser (dapr/kit cron, with the seconds field optional) prepends `0` to a 5-field expression and reads it as ordinary minute-level crontab: it is not rejected and not ignored, and `*/5 * * * *` fires every 5 minutes at second 0. So this is a requirement of the lab, not a Dapr failure: the lab and the lesson ask for the 6-field form with seconds first (`0 */5 * * * *`), or a descriptor, so that the unit of every field is explicit. When the first field was meant as seconds (`*/30 * * * *` for every 30 seconds), the 5-field form fires every 30 minutes instead.',
		symptom: 'Dapr runs it as minute-level crontab; the lab\'s check fails until the schedule has 6 fields.',
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
				data: {schedule: short(value.value), described, plain: every ? `, so it fires every ${every.slice(7, -1)} minutes` : '', six: short(six)},
				file: doc.file,
				at: value.span,
				hint: every
					? `To keep this minute-level schedule write \`value: "${six}"\`; if you meant every ${every.slice(7, -1)} seconds, write \`value: "${every}"\` (or \`"*/${every.slice(7, -1)} * * * * *"\`).`
					: `Write the 6-field form \`value: "${six}"\` (second minute hour day month weekday).`,
			});
		}
	},
});
