import {defineCommand, defineGroup} from '../command.js';
import {COMMAND_SUMMARIES} from '../names.js';

/** `dapr-labs room serve`. */
export const roomServeCommand = defineCommand({
	name: 'serve',
	summary: 'Start a workshop room',
	description: "Starts a workshop room and prints the students' join command and the instructor's page address.",
	flags: {
		port: {type: 'string', value: 'N', help: 'port; 0 picks a free one', defaultText: '4747'},
		host: {type: 'string', value: 'ADDR', help: 'address to listen on: 127.0.0.1 is this machine only, 0.0.0.0 a classroom network', defaultText: '127.0.0.1'},
		data: {
			type: 'string',
			value: 'DIR',
			help: 'where the embedded store keeps the room; restarting with the same folder brings the room back\ncomplete, with the same codes',
			defaultText: '.dapr-labs-room',
		},
		store: {type: 'string', value: 'URL', help: 'keep the room in Redis streams instead (redis://host:port), so several room servers\ncan serve one room'},
		room: {type: 'string', value: 'NAME', help: "the room's name in Redis", defaultText: 'workshop'},
		'stuck-after': {type: 'string', value: 'SECONDS', help: 'a student failing the same rule this long stands out', defaultText: '300'},
	},
});

/** `dapr-labs room watch <instructor URL>`. */
export const roomWatchCommand = defineCommand({
	name: 'watch',
	summary: 'Show the room in the terminal',
	description: 'Shows the grid in the terminal; the URL is the instructor address `room serve` printed.',
	positionals: {name: '<instructor URL>', min: 0, max: Number.POSITIVE_INFINITY},
	flags: {
		interval: {type: 'string', value: 'SECONDS', help: 'seconds between refreshes', defaultText: '1'},
		once: {type: 'boolean', help: 'print the grid once as text and exit'},
	},
});

/** `dapr-labs room`: handler in ../room.ts. */
export const roomCommand = defineGroup({
	name: 'room',
	summary: COMMAND_SUMMARIES['room'],
	description: "A workshop room: the instructor's live grid of students × steps.",
	subcommands: [roomServeCommand, roomWatchCommand],
});
