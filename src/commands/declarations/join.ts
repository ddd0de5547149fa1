import {defineCommand} from '../command.js';
import {COMMAND_SUMMARIES} from '../names.js';

/** `dapr-labs join`: handler in ../join.ts. */
export const joinCommand = defineCommand({
	name: 'join',
	summary: COMMAND_SUMMARIES['join'],
	description: `Shares this lab folder's progress with the instructor's workshop room: your name, lab and step, each step's status
and the ids of the failing rules (with file:line), run results, hints taken and catch-ups. Never file contents.
The workbook (dapr-labs start) sends it while it runs; nothing waits for the room.`,
	otherUsage: ['join --leave [--dir PATH]', 'join --status [--dir PATH]'],
	positionals: {name: '<room address>', min: 0, max: Number.POSITIVE_INFINITY, help: 'what the instructor gave you, e.g. http://10.0.0.5:4747/join/K7f3x9Qa2LmB'},
	flags: {
		name: {type: 'string', value: 'NAME', help: 'how the instructor sees you (at most 40 characters)'},
		code: {type: 'string', value: 'CODE', help: 'the join code, when the address has none'},
		dir: {type: 'string', value: 'PATH', help: 'the lab folder', defaultText: 'the current folder'},
		leave: {type: 'boolean', help: 'stop sharing (the room keeps what it had; this folder forgets the room)'},
		status: {type: 'boolean', help: 'show whether and with which room this folder shares'},
	},
});
