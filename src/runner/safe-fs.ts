/**
 * The safe reader's policy (read-workspace.ts) for everything else that touches a lab folder: writers (`init`,
 * `catch-up`), walks of components/ and reads of `.dapr-labs/` (state, logs). Symbolic links are never written
 * through and never followed out of the folder; FIFOs, sockets and devices are never opened for reading; reads are
 * capped; walks are bounded in depth and size and turn every error into a "skipped, because" entry.
 */
import {constants, type Stats} from 'node:fs';
import {lstat, open, readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {stripControl} from '../core/text.js';

/** O_NONBLOCK: a FIFO never blocks the open; O_NOFOLLOW: a link put in place of the file is not followed. */
export const SAFE_READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** What a path is, without following a link at its end. */
export function kindOf(stats: Stats): string {
	if (stats.isSymbolicLink()) return 'a symbolic link';
	if (stats.isDirectory()) return 'a folder';
	if (stats.isFIFO()) return 'a named pipe (FIFO)';
	if (stats.isSocket()) return 'a socket';
	if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
	if (stats.isFile()) return 'a file';
	return 'a special file';
}

/** The errno code of an error, or 'unknown error'. */
export function errorCode(error: unknown): string {
	return (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
}

/** A path for a message: no control characters. */
export function shown(path: string): string {
	return stripControl(path);
}

async function lstatOrNull(path: string): Promise<Stats | null> {
	try {
		return await lstat(path);
	} catch (error) {
		if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
		throw error;
	}
}

/**
 * Why `rel` (a POSIX path inside `root`) must not be written, or null when it may be: every folder on the way is
 * a real folder (or absent, to be created) and the file itself is absent or a regular file. A link anywhere on the
 * way is refused: writing through it would change a file elsewhere (or outside the folder).
 */
export async function whyNotWritable(root: string, rel: string, {mustBeAbsent = false} = {}): Promise<string | null> {
	const parts = rel.split('/');
	let path = root;
	for (let index = 0; index < parts.length; index++) {
		path = join(path, parts[index]!);
		const shownPath = parts.slice(0, index + 1).join('/');
		let stats: Stats | null;
		try {
			stats = await lstatOrNull(path);
		} catch (error) {
			return `${shown(shownPath)} cannot be checked (${errorCode(error)})`;
		}
		if (stats === null) return null;
		const last = index === parts.length - 1;
		if (stats.isSymbolicLink()) return `${shown(shownPath)} is a symbolic link, and dapr-labs never writes through links`;
		if (!last && !stats.isDirectory()) return `${shown(shownPath)} is ${kindOf(stats)}, not a folder`;
		if (last && mustBeAbsent) return `${shown(shownPath)} already exists`;
		if (last && !stats.isFile()) return `${shown(shownPath)} is ${kindOf(stats)}, not a regular file`;
	}
	return null;
}

/** A file read under the policy: the bytes, or why not. */
export type SafeRead = {readonly ok: true; readonly bytes: Buffer} | {readonly ok: false; readonly absent: boolean; readonly reason: string};

/**
 * Reads a regular file without following a link at its end, without blocking on a FIFO, and at most `max` bytes
 * (more is refused, not truncated). `label` names it in the reason.
 */
export async function readRegularFile(path: string, max: number, label = path): Promise<SafeRead> {
	let handle;
	try {
		handle = await open(path, SAFE_READ_FLAGS);
	} catch (error) {
		const code = errorCode(error);
		if (code === 'ENOENT') return {ok: false, absent: true, reason: `${shown(label)} does not exist`};
		if (code === 'ELOOP') return {ok: false, absent: false, reason: `${shown(label)} is a symbolic link, which dapr-labs does not follow here`};
		return {ok: false, absent: false, reason: `${shown(label)} cannot be opened (${code})`};
	}
	try {
		const stats = await handle.stat();
		if (!stats.isFile()) return {ok: false, absent: false, reason: `${shown(label)} is ${kindOf(stats)}, not a regular file`};
		if (stats.size > max) return {ok: false, absent: false, reason: `${shown(label)} is ${stats.size} bytes; dapr-labs reads at most ${max}`};
		const buffer = Buffer.allocUnsafe(Math.min(stats.size, max) + 1);
		let length = 0;
		while (length < buffer.length) {
			const {bytesRead} = await handle.read(buffer, length, buffer.length - length, length);
			if (bytesRead === 0) break;
			length += bytesRead;
		}
		if (length > max) return {ok: false, absent: false, reason: `${shown(label)} grew past ${max} bytes while being read`};
		return {ok: true, bytes: buffer.subarray(0, length)};
	} catch (error) {
		return {ok: false, absent: false, reason: `${shown(label)} cannot be read (${errorCode(error)})`};
	} finally {
		await handle.close().catch(() => undefined);
	}
}

export type Walk = {
	/** Regular files, as POSIX paths relative to the root of the walk's caller (`prefix` + name). */
	readonly files: readonly string[];
	/** What was not taken, and why (links, special files, unreadable or too deep folders). */
	readonly skipped: readonly {readonly path: string; readonly reason: string}[];
};

/**
 * Lists the regular files under `root/rel`, never following links, at most `maxDepth` folders deep and
 * `maxFiles` files; every error becomes a skipped entry instead of a throw (a folder deleted or made
 * unreadable mid-walk, 3,000 nested folders, a link to /).
 */
export async function walkFiles(root: string, rel: string, options: {readonly maxDepth?: number; readonly maxFiles?: number} = {}): Promise<Walk> {
	const maxDepth = options.maxDepth ?? 8;
	const maxFiles = options.maxFiles ?? 2000;
	const files: string[] = [];
	const skipped: {path: string; reason: string}[] = [];
	const top = await lstat(join(root, rel)).catch((error: unknown) => error as NodeJS.ErrnoException);
	if (top instanceof Error) {
		if (errorCode(top) !== 'ENOENT' && errorCode(top) !== 'ENOTDIR') skipped.push({path: rel, reason: `cannot be read (${errorCode(top)})`});
		return {files, skipped};
	}
	if (top.isSymbolicLink()) return {files, skipped: [{path: rel, reason: 'is a symbolic link, which dapr-labs does not follow'}]};
	if (!top.isDirectory()) return {files, skipped: [{path: rel, reason: `is ${kindOf(top)}, not a folder`}]};
	const visit = async (relDir: string, depth: number): Promise<void> => {
		let entries;
		try {
			entries = await readdir(join(root, relDir), {withFileTypes: true});
		} catch (error) {
			skipped.push({path: relDir, reason: `cannot be read (${errorCode(error)})`});
			return;
		}
		entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		for (const entry of entries) {
			const path = `${relDir}/${entry.name}`;
			if (entry.isSymbolicLink()) skipped.push({path, reason: 'is a symbolic link, which dapr-labs does not follow'});
			else if (entry.isDirectory()) {
				if (depth >= maxDepth) skipped.push({path, reason: `is more than ${maxDepth} folders deep`});
				else await visit(path, depth + 1);
			} else if (entry.isFile()) {
				if (files.length >= maxFiles) {
					skipped.push({path, reason: `is past the first ${maxFiles} files`});
					return;
				}
				files.push(path);
			} else skipped.push({path, reason: 'is not a regular file'});
		}
	};
	await visit(rel, 1);
	return {files, skipped};
}
