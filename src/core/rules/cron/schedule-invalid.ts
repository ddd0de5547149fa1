import {parseSchedule} from '../../cron/index.js';
import {defineRule} from '../../rule.js';
import {entryOf, metadataItem, short} from '../support.js';

export default defineRule({
	id: 'cron/schedule-invalid',
	meta: {
		description: 'Require the cron schedule to be one that Dapr\'s parser accepts',
		severity: 'error',
		messages: {
			invalid: 'Dapr rejects schedule "{{schedule}}": invalid schedule format \'{{schedule}}\': {{error}}.',
			empty: 'The schedule is empty; Dapr fails with "schedule not set".',
			unverifiable: 'The schedule comes from {{source}} and cannot be checked here.',
		},
		docs: 'The cron binding parses its schedule with dapr/kit/cron (a fork of robfig/cron v3) at init: 6 fields (second minute hour day month weekday), 5 fields (read as crontab at second 0), or a descriptor (`@every 30s`, `@daily`). Day-of-week runs 0-6; `L`, `W`, `#` are not supported. A rejected schedule fails the component\'s init and daprd exits.',
		symptom: '`Failed to init component ... invalid schedule format` and daprd exits.',
		fix: 'Write six fields (second minute hour day month weekday, weekday 0-6) or a descriptor such as `@every 30s`; `dapr-labs cron "<schedule>"` checks one.',
	},
	check({model, report}) {
		for (const doc of model.components) {
			if (entryOf(doc)?.type !== 'bindings.cron') continue;
			const item = metadataItem(doc, 'schedule');
			if (!item) continue;
			if (!item.value) {
				if (item.envRef || item.secretKeyRef) {
					report({
						messageId: 'unverifiable',
						data: {source: item.envRef ? `envRef ${item.envRef.value}` : 'a secretKeyRef'},
						file: doc.file,
						at: item.envRef?.span ?? item.secretKeyRef ?? item.span,
						severity: 'info',
						hint: 'Run `dapr-labs cron "<schedule>"` on the value you will set to see what Dapr makes of it.',
					});
				}
				continue;
			}
			const value = item.value.value;
			if (value.trim() === '') {
				report({messageId: 'empty', file: doc.file, at: item.value.span, hint: 'Write `value: "@every 30s"`.'});
				continue;
			}
			let schedule;
			try {
				schedule = parseSchedule(value, {zone: 'UTC'});
			} catch {
				continue;
			}
			if (schedule.ok) continue;
			const error = schedule.error.replace(/[.\s]+$/, '');
			report({
				messageId: 'invalid',
				data: {schedule: short(value), error},
				file: doc.file,
				at: item.value.span,
				hint: 'Write 6 fields (second minute hour day month weekday), e.g. `"*/30 * * * * *"`, or a descriptor such as `"@every 30s"`.',
			});
		}
	},
});
