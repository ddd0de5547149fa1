import {DEFAULT_ACTION} from '../../report/classroom-template.js';
import {defineCommand} from '../command.js';
import {COMMAND_SUMMARIES} from '../names.js';
import {firstLab, labIds} from './labs.js';

/** `dapr-labs init`: handler in ../init.ts. */
export const initCommand = defineCommand({
	name: 'init',
	summary: COMMAND_SUMMARIES['init'],
	description: 'Writes the starter files of a lab into a folder (created when missing). Existing files are never overwritten.',
	flags: {
		lab: {type: 'string', value: 'ID', help: 'the lab', choices: labIds, default: firstLab},
		dir: {type: 'string', value: 'PATH', help: 'the folder', defaultText: 'the current folder'},
		classroom: {
			type: 'boolean',
			help: 'also write .github/workflows/classroom.yml (GitHub Classroom autograding with the dapr-labs\naction and the autograding reporter) and a README saying how to use the folder as an\nassignment\'s template repository',
		},
		action: {type: 'string', value: 'OWNER/REPO@REF', help: 'the dapr-labs action the workflow uses (with --classroom)', defaultText: DEFAULT_ACTION},
	},
});
