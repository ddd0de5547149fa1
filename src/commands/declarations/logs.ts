import {defineCommand} from '../command.js';
import {COMMAND_SUMMARIES} from '../names.js';
import {labIds} from './labs.js';

/** `dapr-labs logs`: handler in ../logs.ts. */
export const logsCommand = defineCommand({
	name: 'logs',
	summary: COMMAND_SUMMARIES['logs'],
	description: `Shows the full output (CLI, daprd and app) of the newest \`dapr-labs run\`, kept in .dapr-labs/logs/.
This is the self-hosted stand-in for \`dapr logs\`, which works only on Kubernetes.`,
	positionals: {name: '', min: 0, max: 0, extra: (given, _choices, shown) => `unexpected argument "${shown(given[0]!)}".`},
	flags: {
		lab: {type: 'string', value: 'ID', help: 'the newest run of this lab', choices: labIds, defaultText: 'of any lab'},
		grep: {type: 'string', value: 'WORD', help: 'only lines containing WORD (case-insensitive)'},
		dir: {type: 'string', value: 'PATH', help: 'the lab folder', defaultText: 'the current folder'},
		list: {type: 'boolean', help: 'list the kept logs instead, newest first'},
	},
	epilogue: 'Exit codes: 0 shown, 1 no kept log (or no line matched --grep), 2 usage error.',
});
