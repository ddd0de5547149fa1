/**
 * `dapr-labs join <room address> --name NAME [--dir PATH]`: shares this lab folder's progress with a workshop room
 * (lab, step, step statuses and failing rule ids, runs, hints, catch-ups; never file contents).
 * `join --leave` stops sharing; `join --status` says with which room the folder shares.
 */
import {stat} from 'node:fs/promises';
import {resolve} from 'node:path';
import {joinRoom, leaveRoom, parseJoinUrl, readMembership, RoomSender} from '../runner/room/queue.js';
import {commandRunner} from './command.js';
import {joinCommand} from './declarations/index.js';
import {UsageError} from './io.js';

export const run = commandRunner(joinCommand, async ({values, positionals}, io) => {
	const dir = resolve(io.cwd, values.dir ?? '.');
	if (!(await stat(dir).catch(() => null))?.isDirectory()) throw new UsageError(`${values.dir ?? dir} is not a folder.`);
	if (values.leave) {
		const left = await leaveRoom(dir);
		io.out(left ? `Stopped sharing with the room at ${left.url}.\n` : 'This folder shares with no room.\n');
		return 0;
	}
	if (values.status) {
		const membership = await readMembership(dir);
		io.out(membership ? `Sharing with the room at ${membership.url} as "${membership.name}".\n` : 'This folder shares with no room.\n');
		return 0;
	}
	const [address, ...extra] = positionals;
	if (!address || extra.length > 0) throw new UsageError('give the room address once, e.g. `dapr-labs join http://10.0.0.5:4747/join/CODE --name Ada`.');
	const name = values.name?.trim();
	if (!name) throw new UsageError('--name is required (how the instructor sees you).');
	const membership = await joinRoom(dir, address, name, values.code === undefined ? {} : {code: values.code}).catch((error: unknown) => {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	});
	await new RoomSender(dir, membership, {timeoutMs: 3000}).flush();
	io.out(`Joined the room at ${membership.url} as "${membership.name}". \`dapr-labs start\` shares your progress; \`dapr-labs join --leave\` stops it.\n`);
	return 0;
});

/** For `start --room ADDR --name NAME`: joins when asked (or when not yet a member), then opens sharing if joined. */
export async function joinForStart(dir: string, address: string | undefined, name: string | undefined) {
	if (address !== undefined) {
		const current = await readMembership(dir);
		const wanted = (() => {
			try {
				return parseJoinUrl(address);
			} catch (error) {
				throw new UsageError(`--room: ${error instanceof Error ? error.message : String(error)}`);
			}
		})();
		if (!current || current.url !== wanted.url || current.code !== wanted.code) {
			const chosen = name?.trim() || current?.name;
			if (!chosen) throw new UsageError('--name is required with --room (how the instructor sees you).');
			await joinRoom(dir, address, chosen).catch((error: unknown) => {
				throw new UsageError(error instanceof Error ? error.message : String(error));
			});
		}
	}
	const {openWorkbookSharing} = await import('../runner/room/share.js');
	return openWorkbookSharing(dir);
}
