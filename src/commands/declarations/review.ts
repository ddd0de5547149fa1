import {defineCommand} from '../command.js';
import {COMMAND_SUMMARIES} from '../names.js';

/** `dapr-labs review`: handler in ../review.ts. */
export const reviewCommand = defineCommand({
	name: 'review',
	summary: COMMAND_SUMMARIES['review'],
	description: `Reads an assistant's Markdown answer (a file, or standard input with -), builds a lab folder from its fenced code
blocks (component YAML, Python, Dockerfile), checks it by the lab rules and answers the lesson's questions: is the
endpoint name right, is the cron 6-field, is a Dockerfile included, and (with an output binding) is DaprClient
used synchronously. Findings point at the answer's own lines.`,
	positionals: {name: '<answer.md|->', min: 1, max: 1, missing: () => 'name one answer file, or - for standard input.', extra: () => 'name one answer file, or - for standard input.'},
	flags: {
		format: {type: 'string', value: 'FORMAT', help: 'output format', choices: ['text', 'json'], default: 'text'},
	},
	epilogue: 'Exit codes: 0 every answer yes and no errors, 1 otherwise, 2 usage error.',
});
