/**
 * `dapr-labs room serve`: starts a workshop room (the instructor's live grid of students × steps).
 * `dapr-labs room watch <url>`: the same grid in the terminal (Ink).
 */
import {resolve} from 'node:path';
import {columnsOf} from '../core/room/grid.js';
import {loadLabs} from '../runner/labs-loader.js';
import {openStore} from '../runner/room/store.js';
import {startRoomServer} from '../runner/room/server.js';
import {newTokens} from '../runner/room/tokens.js';
import {loadOutsideCi} from './interactive.js';
import {commandRunner, groupRunner, type Parsed} from './command.js';
import {roomCommand, roomServeCommand, roomWatchCommand} from './declarations/index.js';
import {UsageError, useColor, type CommandIO} from './io.js';

function positiveInt(name: string, value: string | undefined, fallback: number, min = 0): number {
	if (value === undefined) return fallback;
	if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be a whole number of at least ${min} (got "${value}").`);
	return Number(value);
}

async function serve({values}: Parsed<typeof roomServeCommand.flags>, io: CommandIO): Promise<number> {
	const port = positiveInt('port', values.port, 4747);
	if (port > 65535) throw new UsageError('--port must be at most 65535.');
	const host = values.host ?? '127.0.0.1';
	const roomName = values.room ?? 'workshop';
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(roomName)) throw new UsageError('--room must be 1-64 letters, digits, - or _.');
	const stuckAfterMs = positiveInt('stuck-after', values['stuck-after'], 300, 1) * 1000;
	const store = await openStore({dataDir: resolve(io.cwd, values.data ?? '.dapr-labs-room'), storeUrl: values.store, room: roomName, onWarning: (message) => io.err(`dapr-labs room: ${message}\n`)}).catch((error: unknown) => {
		throw new UsageError(`cannot open the store: ${error instanceof Error ? error.message : String(error)}`);
	});
	const tokens = await store.tokens(newTokens());
	const columns = columnsOf(await loadLabs());
	const server = await startRoomServer({store, tokens, columns, host, port, stuckAfterMs}).catch(async (error: unknown) => {
		await store.close().catch(() => undefined);
		throw new UsageError(`cannot start the room on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`);
	});
	const publicHost = host === '0.0.0.0' || host === '::' ? '<this machine’s address>' : host.includes(':') ? `[${host}]` : host;
	const base = `http://${publicHost}:${server.port}`;
	const bold = (text: string) => (useColor(io) ? `\u001B[1m${text}\u001B[22m` : text);
	const lines = [
		`Room "${roomName}" is open (${store.describe}).`,
		'',
		bold('Students run, in their lab folder:'),
		`  npx dapr-labs join ${base}/join/${tokens.join} --name "<your name>"`,
		`  (or: npx dapr-labs start --room ${base}/join/${tokens.join} --name "<your name>")`,
		'',
		bold('Instructor page (keep this address to yourself):'),
		`  ${base}/#token=${tokens.instructor}`,
		`  or in a terminal: npx dapr-labs room watch '${base}/#token=${tokens.instructor}'`,
		'',
	];
	if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
		lines.push(`Warning: listening on ${host}: the room is reachable from the network. Anyone with the join code can post progress; only the instructor token shows the grid.`, '');
	} else {
		lines.push('Listening on this machine only; use --host 0.0.0.0 for a classroom network.', '');
	}
	io.out(lines.join('\n') + 'Ctrl-C stops the room (nothing is lost; start it again with the same --data).\n');
	await new Promise<void>((done) => {
		const stop = () => done();
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
	await server.close();
	return 0;
}

async function watch({values, positionals}: Parsed<typeof roomWatchCommand.flags>, io: CommandIO): Promise<number> {
	const [address] = positionals;
	if (!address) throw new UsageError('give the instructor address `room serve` printed (http://host:port/#token=…).');
	let url: URL;
	try {
		url = new URL(address);
	} catch {
		throw new UsageError(`"${address}" is not an address.`);
	}
	const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? url.searchParams.get('token');
	if (!token) throw new UsageError('the address has no instructor token (#token=…).');
	const base = `${url.protocol}//${url.host}`;
	const intervalMs = positiveInt('interval', values.interval, 1, 1) * 1000;
	const {fetchGrid} = await import('../runner/room/watch-client.js');
	if (values.once || !io.isTTY || !process.stdin.isTTY) {
		const {formatRoomText} = await import('../report/room-text.js');
		const view = await fetchGrid(base, token);
		io.out(formatRoomText(view, {width: io.stdoutColumns}));
		return 0;
	}
	// A person is watching (both ends a terminal): Ink must draw every frame even when CI is set.
	const {renderRoomWatch} = await loadOutsideCi(() => import('../ui/room-watch-render.js'));
	await renderRoomWatch({load: () => fetchGrid(base, token), intervalMs, base, color: useColor(io)});
	return 0;
}

export const run = groupRunner(roomCommand, {
	serve: commandRunner(roomServeCommand, serve, 'dapr-labs room'),
	watch: commandRunner(roomWatchCommand, watch, 'dapr-labs room'),
});
