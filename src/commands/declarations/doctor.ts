import {defineCommand} from '../command.js';
import {COMMAND_SUMMARIES} from '../names.js';
import {labIdsOrAll} from './labs.js';

/** `dapr-labs doctor`: handler in ../doctor.ts. */
export const doctorCommand = defineCommand({
	name: 'doctor',
	summary: COMMAND_SUMMARIES['doctor'],
	description: `Checks this machine for the labs: the dapr CLI and \`dapr init\`, docker and its engine, a python3 that imports
fastapi and uvicorn (every python3 on PATH and the system one; --python picks one), the dapr SDK (for the labs
that need it), Redis where the components point, ports 8000/3500/50001, and the pub/sub component in ./components.
Every probe runs in parallel with a timeout.`,
	flags: {
		format: {type: 'string', value: 'FORMAT', help: 'output format', choices: async () => Object.keys((await import('../../report/doctor-formats.js')).doctorFormats), default: 'text'},
		python: {type: 'string', value: 'PATH', help: 'the python3 to check', defaultText: 'every python3 on PATH and the system one'},
		dir: {type: 'string', value: 'PATH', help: 'the lab folder', defaultText: 'the current folder'},
		lab: {type: 'string', value: 'ID', help: 'check what this lab needs', choices: labIdsOrAll, default: 'all'},
		ports: {type: 'string', value: 'PORTS', help: 'comma-separated ports that must be free', defaultText: '8000,3500,50001'},
	},
	epilogue: 'Exit codes: 0 nothing fails (warnings allowed), 1 something does, 2 usage error.',
});
