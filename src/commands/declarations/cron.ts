import {defineCommand} from '../command.js';
import {COMMAND_SUMMARIES} from '../names.js';

/** `dapr-labs cron`: handler in ../cron.ts. */
export const cronCommand = defineCommand({
	name: 'cron',
	summary: COMMAND_SUMMARIES['cron'],
	description: 'Explains a schedule the way the Dapr cron binding (daprd) parses and runs it.',
	positionals: {
		name: '"<schedule>"',
		min: 1,
		max: 1,
		missing: () => 'missing the schedule.',
		extra: (given, _choices, shown) => `expected one schedule, got ${given.length} arguments; quote it: dapr-labs cron "${shown(given.join(' '))}".`,
	},
	flags: {
		from: {type: 'string', value: 'ISO8601', help: 'start time; fire times are strictly after it', defaultText: 'now'},
		tz: {type: 'string', value: 'ZONE', help: "zone for schedules without a TZ=/CRON_TZ= prefix", defaultText: "this machine's zone, from TZ or the\nsystem, as daprd's"},
		count: {type: 'string', value: 'N', help: 'how many fire times to list', defaultText: '5'},
		json: {type: 'boolean', help: 'print {"schedule","valid","error","form","next"} instead of text'},
	},
	epilogue: 'Exit codes: 0 valid, 1 invalid, 2 usage.',
});
