import {defineCommand} from '../command.js';
import {COMMAND_SUMMARIES} from '../names.js';
import {labIdsOrAll} from './labs.js';

/** `dapr-labs grade`: handler in ../grade.ts. */
export const gradeCommand = defineCommand({
	name: 'grade',
	summary: COMMAND_SUMMARIES['grade'],
	description: `Grades submissions by the lab rules; never runs their code. Each argument is a submission folder, a folder of
submission folders, or a .zip / .tar / .tar.gz / .tgz archive (extracted with limits on size, count and paths).`,
	positionals: {name: '<folder-or-archive>...', min: 1, max: Number.POSITIVE_INFINITY, missing: () => 'name at least one submission folder or archive.'},
	flags: {
		lab: {type: 'string', value: 'ID', help: 'which lab to grade', choices: labIdsOrAll, default: 'all'},
		format: {type: 'string', value: 'FORMAT', help: 'output format', choices: async () => Object.keys((await import('../../report/grade-formats.js')).gradeFormats), default: 'table'},
		out: {type: 'string', value: 'FILE', help: 'write the report to FILE instead of standard output'},
		jobs: {type: 'string', value: 'N', help: 'parallel graders', defaultText: 'the number of cores'},
		'run-result': {
			type: 'string',
			multiple: true,
			value: 'FILE',
			help: 'classroom format, one submission: the output of `dapr-labs run <lab> --format json` for it.\nRuntime steps score only on such evidence (repeat the option for several labs).',
		},
	},
	epilogue: 'Exit codes: 0 every submission passes, 1 any fails or cannot be graded, 2 usage error.',
});
