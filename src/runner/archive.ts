/**
 * Extracts a submitted .zip / .tar / .tar.gz / .tgz into a folder, refusing anything that could escape it or eat
 * the machine: `..` segments and absolute paths (zip-slip), symbolic and hard links, device files and FIFOs,
 * too many entries, too large a file or a total (decompressed bytes are counted as they stream, so a zip whose
 * headers lie is caught too), too long or too deep a path. A refusal is an outcome with a sentence for the
 * grade report, never an exception: one broken archive must not stop a class's grading.
 *
 * Only regular files and folders are written, with no executable bits; nothing in the archive is ever run.
 */
import {createReadStream} from 'node:fs';
import {mkdir, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {Parser, type ReadEntry} from 'tar';
import yauzl from 'yauzl';
import {stripControl} from '../core/text.js';

export type ArchiveLimits = {
	/** Sum of the decompressed sizes of every file. */
	readonly maxTotalBytes: number;
	/** Number of entries (files and folders). */
	readonly maxEntries: number;
	/** Decompressed size of any one file. */
	readonly maxFileBytes: number;
	/** Length of an entry's path, in characters. */
	readonly maxPathLength: number;
	/** Folder depth of an entry's path. */
	readonly maxDepth: number;
};

/** A lab folder is a handful of small text files; these leave room for a virtualenv-free project and notes. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
	maxTotalBytes: 20 * 1024 * 1024,
	maxEntries: 2000,
	maxFileBytes: 5 * 1024 * 1024,
	maxPathLength: 255,
	maxDepth: 16,
};

export type ExtractOutcome =
	| {readonly ok: true; readonly files: number; readonly bytes: number; readonly skipped: readonly string[]}
	| {readonly ok: false; readonly reason: string};

export type ArchiveKind = 'zip' | 'tar';

/** Which extractor handles a file name; null when it is not an archive we read. */
export function archiveKind(path: string): ArchiveKind | null {
	const lower = path.toLowerCase();
	if (lower.endsWith('.zip')) return 'zip';
	if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz') || lower.endsWith('.tar')) return 'tar';
	return null;
}

/** The submission name of an archive: its file name without the archive extension. */
export function archiveStem(name: string): string {
	return name.replace(/\.(zip|tar\.gz|tgz|tar)$/i, '');
}

/** Thrown inside the extractors to stop at the first violation; turned into an outcome at the top. */
class Refusal extends Error {}

/**
 * Checks an entry's path and returns it normalised (POSIX, no `.` segments, no trailing slash), or throws a
 * Refusal naming the problem. Backslashes count as separators, since Windows zip tools write them.
 */
export function safeEntryPath(raw: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): string {
	const shown = JSON.stringify(stripControl(raw).slice(0, 120));
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001F\u007F]/.test(raw)) throw new Refusal(`The archive holds an entry whose name has control characters (${shown}).`);
	const path = raw.replaceAll('\\', '/');
	if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) throw new Refusal(`The archive holds an entry with an absolute path (${shown}); entries must stay inside the submission.`);
	const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
	if (segments.includes('..')) throw new Refusal(`The archive holds an entry that climbs out of its folder with ".." (${shown}); this is the zip-slip attack and the archive is refused.`);
	if (path.length > limits.maxPathLength) throw new Refusal(`The archive holds an entry whose path is longer than ${limits.maxPathLength} characters.`);
	if (segments.length > limits.maxDepth) throw new Refusal(`The archive holds an entry nested more than ${limits.maxDepth} folders deep.`);
	return segments.join('/');
}

/** Extracts `archive` into the existing empty folder `dest`. Never throws for a bad archive; see ExtractOutcome. */
export async function extractArchive(archive: string, dest: string, options: {readonly limits?: Partial<ArchiveLimits>; readonly signal?: AbortSignal} = {}): Promise<ExtractOutcome> {
	const limits = {...DEFAULT_ARCHIVE_LIMITS, ...options.limits};
	const kind = archiveKind(archive);
	const state: State = {limits, dest, files: 0, entries: 0, bytes: 0, skipped: [], signal: options.signal};
	try {
		if (kind === 'zip') await extractZip(archive, state);
		else if (kind === 'tar') await extractTar(archive, state);
		else return {ok: false, reason: 'The file is not a .zip, .tar, .tar.gz or .tgz archive.'};
		return {ok: true, files: state.files, bytes: state.bytes, skipped: state.skipped};
	} catch (error) {
		if (error instanceof Refusal) return {ok: false, reason: error.message};
		if (error instanceof Error && /too many bytes in the stream|not enough bytes in the stream/.test(error.message)) {
			return {ok: false, reason: 'The archive inflates to a size other than its headers declare (an archive bomb or a corrupt archive); it is refused.'};
		}
		const message = stripControl(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').replace(/[.\s]*$/, '');
		return {ok: false, reason: `The archive could not be read (${message}).`};
	}
}

type State = {
	readonly limits: ArchiveLimits;
	readonly dest: string;
	files: number;
	entries: number;
	bytes: number;
	readonly skipped: string[];
	readonly signal: AbortSignal | undefined;
};

/** Bookkeeping shared by both formats: counts, declared size, and which entries are skipped silently. */
function admit(state: State, rawPath: string, declaredSize: number): string | null {
	if (state.signal?.aborted) throw new Refusal('Grading was cancelled.');
	state.entries++;
	if (state.entries > state.limits.maxEntries) throw new Refusal(`The archive holds more than ${state.limits.maxEntries} entries.`);
	const path = safeEntryPath(rawPath, state.limits);
	// macOS Finder adds resource forks under __MACOSX/; they are never part of a lab. `.dapr-labs/` is the workbook's
	// own state, backups and run logs (a chatty app's log is large): never graded, so never extracted.
	if (path === '' || path === '__MACOSX' || path.startsWith('__MACOSX/') || path.split('/').includes('.dapr-labs')) {
		if (path !== '') state.skipped.push(path);
		return null;
	}
	if (declaredSize > state.limits.maxFileBytes) throw new Refusal(`The archive's file ${JSON.stringify(stripControl(path))} is ${formatBytes(declaredSize)}; a submission file may be at most ${formatBytes(state.limits.maxFileBytes)}.`);
	if (state.bytes + declaredSize > state.limits.maxTotalBytes) throw new Refusal(`The archive unpacks to more than ${formatBytes(state.limits.maxTotalBytes)}.`);
	return path;
}

/** Counts bytes as they really arrive (headers can lie), refusing at the first byte over a limit. */
function count(state: State, path: string, sofar: number, chunk: number): number {
	const next = sofar + chunk;
	state.bytes += chunk;
	if (next > state.limits.maxFileBytes) throw new Refusal(`The archive's file ${JSON.stringify(stripControl(path))} unpacks to more than ${formatBytes(state.limits.maxFileBytes)}.`);
	if (state.bytes > state.limits.maxTotalBytes) throw new Refusal(`The archive unpacks to more than ${formatBytes(state.limits.maxTotalBytes)} (an archive bomb is refused).`);
	return next;
}

async function writeEntry(state: State, path: string, data: Buffer): Promise<void> {
	const target = join(state.dest, ...path.split('/'));
	await mkdir(dirname(target), {recursive: true});
	try {
		await writeFile(target, data, {mode: 0o644});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new Refusal(`The archive's entry ${JSON.stringify(stripControl(path))} could not be written (${code ?? 'error'}); a file and a folder may share its name.`);
	}
	state.files++;
}

function linkRefusal(path: string, kind: string, target?: string): Refusal {
	const to = target === undefined ? '' : ` -> ${JSON.stringify(stripControl(target).slice(0, 120))}`;
	return new Refusal(`The archive holds a ${kind} (${JSON.stringify(stripControl(path))}${to}); links are not extracted, so the archive is refused.`);
}

// ---------------------------------------------------------------------------------------------------------
// zip (yauzl)

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

function extractZip(archive: string, state: State): Promise<void> {
	return new Promise((resolve, reject) => {
		// validateEntrySizes makes yauzl fail when an entry inflates to a size other than its header says.
		yauzl.open(archive, {lazyEntries: true, autoClose: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false}, (openError, zip) => {
			if (openError || !zip) return reject(openError ?? new Error('not a zip file'));
			let settled = false;
			const fail = (error: unknown) => {
				if (settled) return;
				settled = true;
				zip.close();
				reject(error);
			};
			if (zip.entryCount > state.limits.maxEntries) return fail(new Refusal(`The archive holds ${zip.entryCount} entries; at most ${state.limits.maxEntries} are read.`));
			zip.on('error', fail);
			zip.on('end', () => {
				if (settled) return;
				settled = true;
				resolve();
			});
			zip.on('entry', (entry: yauzl.Entry) => {
				void (async () => {
					const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
					const isDirectory = entry.fileName.endsWith('/') || mode === S_IFDIR;
					const path = admit(state, entry.fileName, isDirectory ? 0 : entry.uncompressedSize);
					if (mode === S_IFLNK) throw linkRefusal(entry.fileName, 'symbolic link');
					if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) throw new Refusal(`The archive holds a special file (${JSON.stringify(stripControl(entry.fileName))}); only files and folders are extracted.`);
					if (entry.isEncrypted()) throw new Refusal(`The archive's file ${JSON.stringify(stripControl(entry.fileName))} is encrypted.`);
					if (path !== null) {
						if (isDirectory) await mkdir(join(state.dest, ...path.split('/')), {recursive: true});
						else await writeEntry(state, path, await readZipEntry(zip, entry, state, path));
					}
					zip.readEntry();
				})().catch(fail);
			});
			zip.readEntry();
		});
	});
}

function readZipEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, state: State, path: string): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		zip.openReadStream(entry, (error, stream) => {
			if (error || !stream) return reject(error ?? new Error('cannot read an entry'));
			const chunks: Buffer[] = [];
			let size = 0;
			stream.on('data', (chunk: Buffer) => {
				try {
					size = count(state, path, size, chunk.length);
					chunks.push(chunk);
				} catch (refusal) {
					stream.destroy();
					reject(refusal);
				}
			});
			stream.on('error', reject);
			stream.on('end', () => resolve(Buffer.concat(chunks)));
		});
	});
}

// ---------------------------------------------------------------------------------------------------------
// tar (node-tar's streaming parser; gzip is detected from the magic bytes)

function extractTar(archive: string, state: State): Promise<void> {
	return new Promise((resolve, reject) => {
		let settled = false;
		const writes: Promise<void>[] = [];
		const finish = (error?: unknown) => {
			if (settled) return;
			settled = true;
			input.destroy();
			if (error) reject(error);
			else Promise.all(writes).then(() => resolve(), reject);
		};
		const parser = new Parser({
			strict: true,
			// node-tar's own bomb guard; our byte limits apply as well.
			maxDecompressionRatio: 1000,
			onReadEntry: (entry: ReadEntry) => {
				try {
					handleTarEntry(entry, state, writes, (error) => {
						parser.abort(error);
						finish(error);
					});
				} catch (error) {
					entry.resume();
					parser.abort(error as Error);
					finish(error);
				}
			},
		});
		const input = createReadStream(archive);
		input.on('error', finish);
		parser.on('error', finish);
		parser.on('close', () => finish());
		input.pipe(parser as unknown as NodeJS.WritableStream);
	});
}

function handleTarEntry(entry: ReadEntry, state: State, writes: Promise<void>[], fail: (error: Error) => void): void {
	const path = admit(state, entry.path, entry.type === 'File' || entry.type === 'OldFile' || entry.type === 'ContiguousFile' ? entry.size : 0);
	switch (entry.type) {
		case 'SymbolicLink':
			throw linkRefusal(entry.path, 'symbolic link', entry.linkpath);
		case 'Link':
			throw linkRefusal(entry.path, 'hard link', entry.linkpath);
		case 'Directory':
		case 'GNUDumpDir':
			entry.resume();
			if (path !== null) writes.push(mkdir(join(state.dest, ...path.split('/')), {recursive: true}).then(() => undefined));
			return;
		case 'File':
		case 'OldFile':
		case 'ContiguousFile': {
			if (path === null) {
				entry.resume();
				return;
			}
			const chunks: Buffer[] = [];
			let size = 0;
			entry.on('data', (chunk: Buffer) => {
				try {
					size = count(state, path, size, chunk.length);
					chunks.push(chunk);
				} catch (refusal) {
					fail(refusal as Error);
				}
			});
			entry.on('end', () => writes.push(writeEntry(state, path, Buffer.concat(chunks)).catch((error: unknown) => fail(error as Error))));
			return;
		}
		default:
			entry.resume();
			throw new Refusal(`The archive holds a special entry of type ${entry.type} (${JSON.stringify(stripControl(entry.path))}); only files and folders are extracted.`);
	}
}

function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
	if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
	if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
	return `${bytes} bytes`;
}
