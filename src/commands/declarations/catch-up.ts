import {defineCommand} from '../command.js';
import {COMMAND_SUMMARIES} from '../names.js';
import {labIds} from './labs.js';

/** `dapr-labs catch-up`: handler in ../catch-up.ts. */
export const catchUpCommand = defineCommand({
	name: 'catch-up',
	summary: COMMAND_SUMMARIES['catch-up'],
	description: `Brings this folder to the start of step N: your lab files are copied to .dapr-labs/backup/<time>/ first, then the
reference files of steps 1 to N-1 are written (missing starter files too). Nothing of yours is lost.`,
	flags: {
		lab: {type: 'string', value: 'ID', help: 'the lab', choices: labIds, required: true},
		step: {type: 'string', value: 'N', help: 'the step to start at (1-based)', required: true},
		dir: {type: 'string', value: 'PATH', help: 'the lab folder', defaultText: 'the current folder'},
	},
});
