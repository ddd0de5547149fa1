import {defineCommand} from '../command.js';
import {COMMAND_SUMMARIES} from '../names.js';
import {labIdsOrAll} from './labs.js';

/** `dapr-labs check`: handler in ../check.ts (also built as dist/check-vm.js with a V8 code cache). */
export const checkCommand = defineCommand({
	name: 'check',
	summary: COMMAND_SUMMARIES['check'],
	description: 'Checks a lab folder (components/, app.py, Dockerfile) against the lab rules.',
	positionals: {name: '', min: 0, max: 0, extra: (given, _choices, shown) => `unexpected argument "${shown(given[0]!)}"; pass the folder with --dir.`},
	flags: {
		lab: {type: 'string', value: 'ID', help: 'which lab to check', choices: labIdsOrAll, default: 'all'},
		dir: {type: 'string', value: 'PATH', help: 'the lab folder', defaultText: 'the current folder'},
		format: {type: 'string', value: 'FORMAT', help: 'output format', choices: async () => Object.keys((await import('../../report/check-formats.js')).checkFormats), default: 'text'},
	},
	epilogue: 'Exit codes: 0 every selected lab passes, 1 a lab fails, 2 usage or internal error.',
});
