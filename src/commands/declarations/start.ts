import {defineCommand} from '../command.js';
import {COMMAND_SUMMARIES} from '../names.js';
import {labIds} from './labs.js';

/** `dapr-labs start`: handler in ../start.ts. */
export const startCommand = defineCommand({
	name: 'start',
	summary: COMMAND_SUMMARIES['start'],
	description: `Opens the workbook in this lab folder: labs, steps, a live checklist that re-checks on every save, hints,
solutions, the runtime check (r), and reference screens (cron, operations, troubleshooting, quiz).`,
	flags: {
		dir: {type: 'string', value: 'PATH', help: 'the lab folder', defaultText: 'the current folder'},
		lab: {type: 'string', value: 'ID', help: 'open this lab at once', choices: labIds},
		watch: {type: 'boolean', help: 'when stdout is not a terminal: print a new block after every save instead of once'},
		room: {type: 'string', value: 'ADDRESS', help: 'join a workshop room first (as `dapr-labs join ADDRESS --name NAME`) and share progress with it'},
		name: {type: 'string', value: 'NAME', help: 'your name in the room (with --room)'},
	},
});
