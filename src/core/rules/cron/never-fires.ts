import {parseSchedule} from '../../cron/index.js';
import {defineRule} from '../../rule.js';
import {entryOf, metadataItem, short} from '../support.js';

/** Used only when a caller builds a RuleContext without `now`; core stays deterministic. */
const FALLBACK_NOW = new Date(Date.UTC(2026, 0, 1));

export default defineRule({
	id: 'cron/never-fires',
	meta: {
		description: 'Disallow cron schedules that parse but can never fire',
		severity: 'warning',
		messages: {
			never: 'Schedule "{{schedule}}" is valid but never fires: no time in the next five years matches it.',
		},
		docs: 'A schedule such as `0 0 0 30 2 *` (February 30) parses fine, so the component loads. The parser\'s Next() searches five years ahead, finds nothing and returns the zero time: the binding never fires and nothing is logged.',
		symptom: 'The component loads and nothing ever arrives.',
		fix: 'Fix the day/month fields.',
	},
	check(context) {
		const {model, report} = context;
		const now = context.now ?? FALLBACK_NOW;
		for (const doc of model.components) {
			if (entryOf(doc)?.type !== 'bindings.cron') continue;
			const value = metadataItem(doc, 'schedule')?.value;
			if (!value || value.value.trim() === '') continue;
			try {
				const schedule = parseSchedule(value.value, {zone: 'UTC'});
				if (!schedule.ok || schedule.next(now) !== null) continue;
			} catch {
				continue;
			}
			report({
				messageId: 'never',
				data: {schedule: short(value.value)},
				file: doc.file,
				at: value.span,
				hint: 'Check the day and month fields (no February 30, no April 31); for the lab write `value: "@every 30s"`.',
			});
		}
	},
});
