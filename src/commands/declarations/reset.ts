import {defineCommand} from '../command.js';
import {COMMAND_SUMMARIES} from '../names.js';
import {labIds} from './labs.js';

/** `dapr-labs reset`: handler in ../reset.ts. */
export const resetCommand = defineCommand({
	name: 'reset',
	summary: COMMAND_SUMMARIES['reset'],
	description: 'Clears saved workbook progress (steps passed, hints seen) for one lab or all. Your files are not touched.',
	flags: {
		lab: {type: 'string', value: 'ID', help: 'the lab', choices: labIds, defaultText: 'all labs'},
		dir: {type: 'string', value: 'PATH', help: 'the lab folder', defaultText: 'the current folder'},
	},
});
