import {defineCommand} from '../command.js';
import {COMMAND_SUMMARIES} from '../names.js';
import {labIds} from './labs.js';

/** `dapr-labs run <lab>`: handler in ../run.ts. */
export const runCommand = defineCommand({
	name: 'run',
	summary: COMMAND_SUMMARIES['run'],
	description: `Runs the lab folder's app under \`dapr run\` (daprd at --log-level debug, because daprd reports failed deliveries
to the app only at debug), watches the sidecar and app output, and verifies what the lab's runtime steps ask:
cron events delivered at the schedule's interval (long schedules are rehearsed with @every 2s in a temporary copy
of the components; your files are never edited), the app's answers, what a local webhook receiver (standing in
for httpbin.org) gets, and the published events read back from Redis.`,
	positionals: {name: '<lab>', choiceName: 'lab', choices: labIds, min: 1, max: 1, help: 'the lab to verify', missing: (choices) => `expected one lab (${choices.join(', ')}).`, extra: (_given, choices) => `expected one lab (${choices.join(', ')}).`},
	flags: {
		dir: {type: 'string', value: 'PATH', help: 'the lab folder', defaultText: 'the current folder'},
		timeout: {type: 'string', value: 'SEC', help: 'seconds before giving up', defaultText: '90'},
		format: {type: 'string', value: 'FORMAT', help: 'output format (text streams the run, json prints one document at the end)', choices: async () => Object.keys((await import('../../report/run-formats.js')).runFormats), default: 'text'},
		python: {type: 'string', value: 'PATH', help: 'the Python to run the app with', defaultText: 'the first that imports fastapi and uvicorn'},
		'app-port': {type: 'string', value: 'N', help: "the app's port", defaultText: '8000'},
		'dapr-http-port': {type: 'string', value: 'N', help: "daprd's HTTP port", defaultText: '3500'},
		'dapr-grpc-port': {type: 'string', value: 'N', help: "daprd's gRPC port", defaultText: '50001'},
		'no-build': {type: 'boolean', help: 'skip `docker build`'},
	},
	epilogue: 'Every run\'s full output is kept in .dapr-labs/logs/ (see `dapr-labs logs`).\nExit codes: 0 verified, 1 the lab fails, 2 not ready or usage error.',
});
