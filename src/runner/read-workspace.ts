/**
 * Reads a lab folder into a Workspace, safely: it runs on student folders (and on archives unpacked from them),
 * on every save in watch mode and hundreds of times per grading run, so it must never hang, never read outside the
 * folder, never load a huge file, and stay cheap (a few syscalls per file, all in parallel).
 *
 * Two drivers share every rule (the classification of errors, the containment check, the size caps, decoding):
 * the promise-based one for the workbook and watch mode, whose thread must stay responsive, and a synchronous one
 * for grade workers, where the same system calls cost a tenth of the time (no thread-pool round trip per call)
 * and nothing else waits on the worker's thread.
 */
import {closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync} from 'node:fs';
import {lstat, open, readdir, realpath, stat} from 'node:fs/promises';
import type {FileHandle} from 'node:fs/promises';
import type {Stats} from 'node:fs';
import {isAbsolute, join, posix, sep} from 'node:path';
import {stripControl} from '../core/text.js';
import type {SourceFile, UnreadableReason, Workspace} from '../core/types.js';
import {decode} from './decode-text.js';

export {decode, firstInvalidUtf8} from './decode-text.js';

/** How readWorkspace reads. */
export type ReadOptions = {
	/** Files larger than this are reported as too-large without being read. Default 1 MiB. */
	readonly maxFileBytes?: number;
	readonly signal?: AbortSignal;
};

/** The lab folder itself is missing, not a directory, or unreadable (a usage error, exit code 2). */
export class WorkspaceError extends Error {
	override readonly name = 'WorkspaceError';
	constructor(
		message: string,
		readonly dir: string,
		options?: {cause?: unknown},
	) {
		super(message, options);
	}
}

/** Default cap on a file's size: lab files are a few KB; anything near this is a mistake (a log, a venv, a dump). */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
/** Bytes inspected for a NUL to call a file binary (git's heuristic). */
const COMPONENTS_DIR = 'components';
const TOP_LEVEL_FILES = new Set(['app.py', 'Dockerfile', 'pyproject.toml']);
const REQUIREMENTS = /^requirements.*\.txt$/;
const COMPONENT_FILE = /\.ya?ml$/;
// O_NONBLOCK: a file swapped for a FIFO between lstat and open must not block the open. O_NOFOLLOW: the path opened
// is already the resolved real path, so a symlink appearing there is a race and must not be followed.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

type Root = {readonly dir: string; readonly real: string; readonly max: number; readonly signal: AbortSignal | undefined};

/**
 * Reads `components/*.yaml|*.yml` (top level only, as Dapr does), `app.py`, `Dockerfile` and top-level
 * `requirements*.txt` of a lab folder. Files that cannot be used as text become `unreadable` entries; a missing
 * file or a missing components/ is simply absent. Throws WorkspaceError when the folder itself cannot be read.
 */
export async function readWorkspace(dir: string, options: ReadOptions = {}): Promise<Workspace> {
	const root = await openRoot(dir, options);
	let names: string[];
	try {
		names = await readdir(root.real);
	} catch (error) {
		throw folderUnreadable(dir, error);
	}
	root.signal?.throwIfAborted();
	const [components, files] = await Promise.all([
		names.includes(COMPONENTS_DIR) ? readComponents(root) : Promise.resolve([]),
		Promise.all(topLevelFiles(names).map((name) => readFileAt(root, name, root.real))),
	]);
	root.signal?.throwIfAborted();
	return workspaceOf(components, files);
}

/**
 * readWorkspace with blocking system calls, for grade workers only (it would stall the workbook's UI thread).
 * Same files, same rules, same result.
 */
export function readWorkspaceSync(dir: string, options: ReadOptions = {}): Workspace {
	const root = openRootSync(dir, options);
	let names: string[];
	try {
		names = readdirSync(root.real);
	} catch (error) {
		throw folderUnreadable(dir, error);
	}
	root.signal?.throwIfAborted();
	const components = names.includes(COMPONENTS_DIR) ? readComponentsSync(root) : [];
	const files = topLevelFiles(names).map((name) => readFileAtSync(root, name, root.real));
	root.signal?.throwIfAborted();
	return workspaceOf(components, files);
}

function folderUnreadable(dir: string, error: unknown): WorkspaceError {
	return new WorkspaceError(`The folder ${stripControl(dir)} cannot be read (${code(error)}).`, dir, {cause: error});
}

function topLevelFiles(names: readonly string[]): string[] {
	return names.filter((name) => TOP_LEVEL_FILES.has(name) || REQUIREMENTS.test(name)).sort();
}

function componentFiles(names: readonly string[]): string[] {
	return names.filter((name) => COMPONENT_FILE.test(name) && !isEditorTemp(name)).sort();
}

function workspaceOf(components: readonly (SourceFile | null)[], files: readonly (SourceFile | null)[]): Workspace {
	const map = new Map<string, SourceFile>();
	for (const file of [...components, ...files]) if (file) map.set(file.path, file);
	return {files: map};
}

/**
 * Reads one more file of the lab folder by relative path (e.g. `pip install -r deps/prod.txt`) under the same
 * rules. Returns null when the file does not exist; a path that leaves the folder is an `io-error` entry.
 */
export async function readTextFileSafe(dir: string, relPath: string, options: ReadOptions = {}): Promise<SourceFile | null> {
	const root = await openRoot(dir, options);
	const inside = insidePath(relPath);
	return typeof inside === 'string' ? readFileAt(root, inside) : inside;
}

/** readTextFileSafe with blocking system calls, for grade workers only (see readWorkspaceSync). */
export function readTextFileSafeSync(dir: string, relPath: string, options: ReadOptions = {}): SourceFile | null {
	const root = openRootSync(dir, options);
	const inside = insidePath(relPath);
	return typeof inside === 'string' ? readFileAtSync(root, inside) : inside;
}

/**
 * Reads more files of the lab folder by relative path (the Python modules app.py imports), under the same rules as
 * readTextFileSafe, opening the folder once. Absent files are left out.
 */
export async function readTextFilesSafe(dir: string, relPaths: readonly string[], options: ReadOptions = {}): Promise<SourceFile[]> {
	const root = await openRoot(dir, options);
	const files = await Promise.all(relPaths.map((relPath) => {
		const inside = insidePath(relPath);
		return typeof inside === 'string' ? readFileAt(root, inside) : Promise.resolve(inside);
	}));
	return files.filter((file): file is SourceFile => file !== null);
}

/** readTextFilesSafe with blocking system calls, for grade workers only (see readWorkspaceSync). */
export function readTextFilesSafeSync(dir: string, relPaths: readonly string[], options: ReadOptions = {}): SourceFile[] {
	const root = openRootSync(dir, options);
	const files = relPaths.map((relPath) => {
		const inside = insidePath(relPath);
		return typeof inside === 'string' ? readFileAtSync(root, inside) : inside;
	});
	return files.filter((file): file is SourceFile => file !== null);
}

/** The normalised relative path, or the io-error entry for a path that leaves the folder. */
function insidePath(relPath: string): string | SourceFile {
	const normalised = posix.normalize(relPath.replaceAll('\\', '/')).replace(/^\.\//, '');
	if (isAbsolute(relPath) || normalised === '..' || normalised.startsWith('../') || normalised === '.' || normalised === '') {
		return unreadable(relPath, 'io-error', `The path ${show(relPath)} is outside the lab folder; dapr-labs reads only files inside it.`);
	}
	return normalised;
}

async function openRoot(dir: string, options: ReadOptions): Promise<Root> {
	options.signal?.throwIfAborted();
	let real: string;
	let stats: Stats;
	try {
		real = await realpath(dir);
		stats = await stat(real);
	} catch (error) {
		throw rootFailure(dir, error);
	}
	return rootOf(dir, real, stats, options);
}

function openRootSync(dir: string, options: ReadOptions): Root {
	options.signal?.throwIfAborted();
	let real: string;
	let stats: Stats;
	try {
		// .native: libc's realpath, as the promise-based realpath uses; the JS one lstats every path component.
		real = realpathSync.native(dir);
		stats = statSync(real);
	} catch (error) {
		throw rootFailure(dir, error);
	}
	return rootOf(dir, real, stats, options);
}

function rootFailure(dir: string, error: unknown): WorkspaceError {
	const why = code(error) === 'ENOENT' ? 'does not exist' : `cannot be read (${code(error)})`;
	return new WorkspaceError(`The folder ${stripControl(dir)} ${why}.`, dir, {cause: error});
}

function rootOf(dir: string, real: string, stats: Stats, options: ReadOptions): Root {
	if (!stats.isDirectory()) throw new WorkspaceError(`The path ${stripControl(dir)} is not a folder.`, dir);
	return {dir, real, max: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, signal: options.signal};
}

async function readComponents(root: Root): Promise<(SourceFile | null)[]> {
	const place = await resolveInside(root, COMPONENTS_DIR, root.real);
	const early = componentsPlace(place);
	if (early) return early;
	const real = (place as PlaceOk).real;
	let names: string[];
	try {
		names = await readdir(real);
	} catch (error) {
		return [componentsUnreadable(error)];
	}
	root.signal?.throwIfAborted();
	return Promise.all(componentFiles(names).map((name) => readFileAt(root, `${COMPONENTS_DIR}/${name}`, real)));
}

function readComponentsSync(root: Root): (SourceFile | null)[] {
	const place = resolveInsideSync(root, COMPONENTS_DIR, root.real);
	const early = componentsPlace(place);
	if (early) return early;
	const real = (place as PlaceOk).real;
	let names: string[];
	try {
		names = readdirSync(real);
	} catch (error) {
		return [componentsUnreadable(error)];
	}
	root.signal?.throwIfAborted();
	return componentFiles(names).map((name) => readFileAtSync(root, `${COMPONENTS_DIR}/${name}`, real));
}

/** What components/ gives without listing it (null: it is a folder to list). */
function componentsPlace(place: Place): SourceFile[] | null {
	if (place.kind === 'absent') return [];
	if (place.kind === 'unreadable') return [unreadable(COMPONENTS_DIR, place.reason, place.detail)];
	// A file named components is not a folder of components; lab/missing-component explains what is needed.
	if (!place.stats.isDirectory()) return [];
	return null;
}

function componentsUnreadable(error: unknown): SourceFile {
	return unreadable(COMPONENTS_DIR, 'io-error', `The components folder cannot be read (${code(error)}).`);
}

/** Emacs lock files (`.#x.yaml`, themselves dangling symlinks), backups (`x.yaml~`) and vim swap files. */
function isEditorTemp(name: string): boolean {
	return name.startsWith('.#') || name.endsWith('~') || name.endsWith('.swp');
}

type PlaceOk = {readonly kind: 'ok'; readonly real: string; readonly stats: Stats};
type Place = {readonly kind: 'absent'} | {readonly kind: 'unreadable'; readonly reason: UnreadableReason; readonly detail: string} | PlaceOk;

/**
 * Resolves a relative path to its real path and checks it stays inside the folder. Without `parentReal` every path
 * is resolved, not only symlinks, because a symlinked parent directory (`deps -> /etc`) would otherwise slip
 * through; with it (the real path of the file's folder, already checked), a plain file needs no realpath call.
 * The target of an outside link is never opened or named.
 */
async function resolveInside(root: Root, relPath: string, parentReal?: string): Promise<Place> {
	const path = candidatePath(root, relPath, parentReal);
	let link: Stats;
	try {
		link = await lstat(path);
	} catch (error) {
		return lstatFailure(relPath, error);
	}
	if (parentReal !== undefined && !link.isSymbolicLink()) return {kind: 'ok', real: path, stats: link};
	let real: string;
	try {
		real = await realpath(path);
	} catch (error) {
		return realpathFailure(relPath, link, error);
	}
	const outside = outsideFailure(root, relPath, link, real);
	if (outside) return outside;
	try {
		// lstat on the real path: it is the file itself, so a FIFO, socket or device shows as what it is.
		return {kind: 'ok', real, stats: await lstat(real)};
	} catch (error) {
		return cannotRead(relPath, error);
	}
}

/** resolveInside with blocking system calls: the same steps, the same verdicts. */
function resolveInsideSync(root: Root, relPath: string, parentReal?: string): Place {
	const path = candidatePath(root, relPath, parentReal);
	let link: Stats;
	try {
		link = lstatSync(path);
	} catch (error) {
		return lstatFailure(relPath, error);
	}
	if (parentReal !== undefined && !link.isSymbolicLink()) return {kind: 'ok', real: path, stats: link};
	let real: string;
	try {
		real = realpathSync.native(path);
	} catch (error) {
		return realpathFailure(relPath, link, error);
	}
	const outside = outsideFailure(root, relPath, link, real);
	if (outside) return outside;
	try {
		return {kind: 'ok', real, stats: lstatSync(real)};
	} catch (error) {
		return cannotRead(relPath, error);
	}
}

function candidatePath(root: Root, relPath: string, parentReal: string | undefined): string {
	const segments = relPath.split('/');
	return parentReal === undefined ? join(root.real, ...segments) : join(parentReal, segments.at(-1)!);
}

function cannotRead(relPath: string, error: unknown): Place {
	return {kind: 'unreadable', reason: 'io-error', detail: `The file ${show(relPath)} cannot be read (${code(error)}).`};
}

function lstatFailure(relPath: string, error: unknown): Place {
	if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return {kind: 'absent'};
	return cannotRead(relPath, error);
}

function realpathFailure(relPath: string, link: Stats, error: unknown): Place {
	if (code(error) === 'ELOOP') {
		return {kind: 'unreadable', reason: 'symlink-loop', detail: `The symbolic link ${show(relPath)} loops back on itself.`};
	}
	if (code(error) === 'ENOENT' && link.isSymbolicLink()) {
		return {kind: 'unreadable', reason: 'io-error', detail: `The symbolic link ${show(relPath)} points to a file that does not exist.`};
	}
	return cannotRead(relPath, error);
}

/** The verdict for a real path outside the folder (its target is never named), or null when it is inside. */
function outsideFailure(root: Root, relPath: string, link: Stats, real: string): Place | null {
	if (real === root.real || real.startsWith(root.real.endsWith(sep) ? root.real : root.real + sep)) return null;
	const what = link.isSymbolicLink() ? `The symbolic link ${show(relPath)} points` : `The path ${show(relPath)} goes through a symbolic link that points`;
	return {
		kind: 'unreadable',
		reason: 'symlink-outside',
		detail: `${what} outside the lab folder, which dapr-labs does not follow; copy the file into the folder instead.`,
	};
}

async function readFileAt(root: Root, relPath: string, parentReal?: string): Promise<SourceFile | null> {
	root.signal?.throwIfAborted();
	const place = await resolveInside(root, relPath, parentReal);
	if (place.kind === 'absent') return null;
	if (place.kind === 'unreadable') return unreadable(relPath, place.reason, place.detail);
	const checked = checkStats(relPath, place.stats, root.max);
	if (checked) return checked;

	let handle: FileHandle;
	try {
		handle = await open(place.real, OPEN_FLAGS);
	} catch (error) {
		return openFailure(relPath, error);
	}
	try {
		// Check again on the open descriptor: the file may have been replaced since lstat.
		const stats = await handle.stat();
		const again = checkStats(relPath, stats, root.max);
		if (again) return again;
		const buffer = readBuffer(stats, root.max);
		let length = 0;
		while (length < buffer.length) {
			const {bytesRead} = await handle.read(buffer, length, buffer.length - length, length);
			if (bytesRead === 0) break;
			length += bytesRead;
		}
		return finishRead(relPath, buffer, length, root.max);
	} catch (error) {
		return readFailure(relPath, error);
	} finally {
		await handle.close().catch(() => undefined);
	}
}

/** readFileAt with blocking system calls: the same steps (lstat, open O_NONBLOCK|O_NOFOLLOW, fstat, capped read). */
function readFileAtSync(root: Root, relPath: string, parentReal?: string): SourceFile | null {
	root.signal?.throwIfAborted();
	const place = resolveInsideSync(root, relPath, parentReal);
	if (place.kind === 'absent') return null;
	if (place.kind === 'unreadable') return unreadable(relPath, place.reason, place.detail);
	const checked = checkStats(relPath, place.stats, root.max);
	if (checked) return checked;

	let fd: number;
	try {
		fd = openSync(place.real, OPEN_FLAGS);
	} catch (error) {
		return openFailure(relPath, error);
	}
	try {
		const stats = fstatSync(fd);
		const again = checkStats(relPath, stats, root.max);
		if (again) return again;
		const buffer = readBuffer(stats, root.max);
		let length = 0;
		while (length < buffer.length) {
			const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
			if (bytesRead === 0) break;
			length += bytesRead;
		}
		return finishRead(relPath, buffer, length, root.max);
	} catch (error) {
		return readFailure(relPath, error);
	} finally {
		try {
			closeSync(fd);
		} catch {
			// Nothing to do: the descriptor is gone either way.
		}
	}
}

function openFailure(relPath: string, error: unknown): SourceFile {
	if (code(error) === 'ELOOP') return unreadable(relPath, 'symlink-loop', `The file ${show(relPath)} turned into a symbolic link while being read.`);
	return unreadable(relPath, 'io-error', `The file ${show(relPath)} cannot be opened (${code(error)}).`);
}

function readFailure(relPath: string, error: unknown): SourceFile {
	return unreadable(relPath, 'io-error', `The file ${show(relPath)} cannot be read (${code(error)}).`);
}

/** Room for at most max + 1 bytes, so a file that grows while being read is still caught as too large. */
function readBuffer(stats: Stats, max: number): Buffer {
	return Buffer.allocUnsafe(Math.min(stats.size, max) + 1);
}

function finishRead(relPath: string, buffer: Buffer, length: number, max: number): SourceFile {
	if (length > max) return tooLarge(relPath, length, max);
	return decode(relPath, buffer.subarray(0, length));
}

function checkStats(relPath: string, stats: Stats, max: number): SourceFile | null {
	if (!stats.isFile()) return unreadable(relPath, 'not-a-file', `The path ${show(relPath)} is ${kindOf(stats)}, not a regular file.`);
	if (stats.size > max) return tooLarge(relPath, stats.size, max);
	return null;
}

function kindOf(stats: Stats): string {
	if (stats.isDirectory()) return 'a folder';
	if (stats.isFIFO()) return 'a named pipe (FIFO)';
	if (stats.isSocket()) return 'a socket';
	if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
	if (stats.isSymbolicLink()) return 'a symbolic link';
	return 'a special file';
}

function tooLarge(relPath: string, size: number, max: number): SourceFile {
	return {
		path: relPath,
		kind: 'unreadable',
		reason: 'too-large',
		detail: `The file is ${formatBytes(size)}; dapr-labs reads at most ${formatBytes(max)}.`,
		size,
	};
}

function unreadable(path: string, reason: UnreadableReason, detail: string): SourceFile {
	return {path, kind: 'unreadable', reason, detail};
}

function formatBytes(bytes: number): string {
	const mib = 1024 * 1024;
	if (bytes >= mib) {
		const value = bytes / mib;
		return `${value >= 10 || Number.isInteger(value) ? Math.round(value) : value.toFixed(1)} MB`;
	}
	if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
	return `${bytes} bytes`;
}

/** A path for a sentence: control characters removed (it is student-controlled), quoted when it has spaces. */
function show(relPath: string): string {
	const clean = stripControl(relPath);
	return /\s/.test(clean) ? `"${clean}"` : clean;
}

function code(error: unknown): string {
	return (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
}
