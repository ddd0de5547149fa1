/**
 * Writes lab files into a student's folder: `init` (the starter, never overwriting anything) and `catch-up`
 * (the reference files of the earlier steps, after a backup of the student's own files).
 */
import {constants} from 'node:fs';
import {copyFile, lstat, mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises';
import {dirname, join, relative, sep} from 'node:path';
import type {LabDef} from '../core/labs.js';
import type {LabId} from '../core/types.js';
import {packageRoot} from './package-root.js';
import {errorCode, kindOf, readRegularFile, shown, walkFiles, whyNotWritable} from './safe-fs.js';

/** Relative POSIX paths of every file under `root`, sorted. */
export async function listFiles(root: string): Promise<string[]> {
	const out: string[] = [];
	const walk = async (folder: string): Promise<void> => {
		for (const entry of await readdir(folder, {withFileTypes: true})) {
			const full = join(folder, entry.name);
			if (entry.isDirectory()) await walk(full);
			else if (entry.isFile()) out.push(relative(root, full).split(sep).join('/'));
		}
	};
	await walk(root);
	return out.sort();
}

/** Where a lab's starter ships. */
export function starterDir(lab: LabId, root = packageRoot()): string {
	return join(root, 'labs', lab, 'starter');
}

/** Where a lab's reference solution ships. */
export function solutionDir(lab: LabId, root = packageRoot()): string {
	return join(root, 'labs', lab, 'solution');
}

/** Thrown by writeStarter when files would be overwritten, or a path on the way is a link or not a folder. */
export class WouldOverwriteError extends Error {
	constructor(
		readonly files: readonly string[],
		/** Paths that cannot be written safely, each with why (a symbolic link, a file where a folder belongs). */
		readonly blocked: readonly {readonly path: string; readonly reason: string}[] = [],
	) {
		super(`Refusing to write: ${[...files, ...blocked.map((b) => b.reason)].join(', ')}.`);
	}
}

/**
 * Copies labs/<lab>/starter into `dir`. Refuses (WouldOverwriteError) when any of its files already exists there
 * (a dangling link included) or a path on the way is a link: nothing is written through a link.
 */
export async function writeStarter(dir: string, lab: LabId, root = packageRoot()): Promise<{readonly written: readonly string[]}> {
	const source = starterDir(lab, root);
	const files = await listFiles(source);
	const clashes: string[] = [];
	const blocked: {path: string; reason: string}[] = [];
	for (const file of files) {
		const why = await whyNotWritable(dir, file, {mustBeAbsent: true});
		if (why === null) continue;
		if (why.endsWith('already exists')) clashes.push(file);
		else blocked.push({path: file, reason: why});
	}
	if (clashes.length || blocked.length) throw new WouldOverwriteError(clashes, blocked);
	for (const file of files) {
		await mkdir(dirname(join(dir, file)), {recursive: true});
		// COPYFILE_EXCL (O_EXCL): a file or link that appeared since the check above is neither overwritten nor followed.
		await copyFile(join(source, file), join(dir, file), constants.COPYFILE_EXCL);
	}
	return {written: files};
}

/** A path that was not backed up or not written, and why. */
export type Skipped = {readonly path: string; readonly reason: string};

/** The student's lab files: what catch-up backs up (components, app, image, requirements), and what it leaves. */
export async function labFilesIn(dir: string): Promise<{readonly files: readonly string[]; readonly skipped: readonly Skipped[]}> {
	const files: string[] = [];
	const skipped: Skipped[] = [];
	for (const name of ['app.py', 'Dockerfile', 'requirements.txt']) {
		const stats = await lstat(join(dir, name)).catch(() => null);
		if (stats === null) continue;
		if (stats.isFile()) files.push(name);
		else skipped.push({path: name, reason: `${name} is ${kindOf(stats)}, not a regular file`});
	}
	const walk = await walkFiles(dir, 'components');
	files.push(...walk.files);
	skipped.push(...walk.skipped.map((entry) => ({path: entry.path, reason: `${shown(entry.path)} ${entry.reason}`})));
	return {files, skipped};
}

/** A timestamp usable as a folder name on every OS. */
export function backupStamp(now: Date): string {
	return now.toISOString().replace(/[:.]/g, '-');
}

/** catch-up could not back up the student's files: nothing was written. `message` names the path and the fix. */
export class CatchUpError extends Error {
	override readonly name = 'CatchUpError';
}

export type CatchUpResult = {
	readonly backupDir: string | null;
	readonly backedUp: readonly string[];
	readonly written: readonly string[];
	/** Starter files written because they were missing (never over the student's). */
	readonly starterWritten: readonly string[];
	/** Files neither backed up nor written (links, special files), each with why: the student decides. */
	readonly skipped: readonly Skipped[];
};

let tempCounter = 0;

/** Replaces `dir/rel` with `bytes` atomically (temp file + rename), so a link or a half-written file never results. */
async function replaceFile(dir: string, rel: string, bytes: Buffer): Promise<void> {
	const target = join(dir, rel);
	await mkdir(dirname(target), {recursive: true});
	const temp = `${target}.dapr-labs-${process.pid}-${++tempCounter}.tmp`;
	try {
		await writeFile(temp, bytes, {flag: 'wx'});
		await rename(temp, target);
	} catch (error) {
		await rm(temp, {force: true}).catch(() => undefined);
		throw error;
	}
}

/**
 * Brings `dir` to the start of step `step` (1-based) of `lab`: backs up the student's lab files to
 * `.dapr-labs/backup/<time>/`, writes missing starter files, then writes the reference files of steps 1..step-1.
 * Links are neither followed nor written through (they are listed in `skipped`); when the backup fails nothing
 * is written (CatchUpError).
 */
export async function catchUp(dir: string, lab: LabDef, step: number, now: Date = new Date(), root = packageRoot()): Promise<CatchUpResult> {
	if (!Number.isInteger(step) || step < 1 || step > lab.steps.length) throw new RangeError(`Step must be 1 to ${lab.steps.length} for ${lab.id}.`);
	const reference = [...new Set(lab.steps.slice(0, step - 1).flatMap((s) => s.solutionFiles))];
	const {files: mine, skipped: notBackedUp} = await labFilesIn(dir);
	const skipped: Skipped[] = [...notBackedUp];
	let backupDir: string | null = null;
	if (mine.length) {
		const stamp = backupStamp(now);
		const whyNot = await whyNotWritable(dir, `.dapr-labs/backup/${stamp}/x`);
		if (whyNot) throw new CatchUpError(`Cannot back up your files: ${whyNot}. Nothing was changed. Move it out of the way (or delete it), then run catch-up again.`);
		backupDir = join(dir, '.dapr-labs', 'backup', stamp);
		for (const file of mine) {
			const read = await readRegularFile(join(dir, file), MAX_BACKUP_BYTES, file);
			if (!read.ok) {
				skipped.push({path: file, reason: `${read.reason}; it was not backed up`});
				continue;
			}
			try {
				await mkdir(dirname(join(backupDir, file)), {recursive: true});
				await writeFile(join(backupDir, file), read.bytes, {flag: 'wx'});
			} catch (error) {
				throw new CatchUpError(`Cannot back up ${shown(file)} to ${shown(relative(dir, backupDir).split(sep).join('/'))}/ (${errorCode(error)}). Nothing was changed. Make .dapr-labs/backup writable (or remove it), then run catch-up again.`);
			}
		}
	}
	const backedUp = mine.filter((file) => !skipped.some((entry) => entry.path === file));
	const starterWritten: string[] = [];
	for (const file of await listFiles(starterDir(lab.id, root))) {
		if (reference.includes(file)) continue;
		const why = await whyNotWritable(dir, file, {mustBeAbsent: true});
		if (why !== null) {
			if (!why.endsWith('already exists')) skipped.push({path: file, reason: `${why}; the starter file was not written`});
			continue;
		}
		await mkdir(dirname(join(dir, file)), {recursive: true});
		await copyFile(join(starterDir(lab.id, root), file), join(dir, file), constants.COPYFILE_EXCL);
		starterWritten.push(file);
	}
	const written: string[] = [];
	for (const file of reference) {
		const why = await whyNotWritable(dir, file);
		if (why !== null) {
			skipped.push({path: file, reason: `${why}; the reference file was not written (remove it, then run catch-up again)`});
			continue;
		}
		await replaceFile(dir, file, await readFile(join(solutionDir(lab.id, root), file)));
		written.push(file);
	}
	return {backupDir: backupDir === null ? null : relative(dir, backupDir).split(sep).join('/'), backedUp, written, starterWritten, skipped};
}

/** The largest lab file backed up (the reader's cap is 1 MiB; a backup may hold more, but not a disk image). */
const MAX_BACKUP_BYTES = 64 * 1024 * 1024;

/** Reads the reference files every step names, per lab: lab → file → text (what the s key shows). */
export async function loadSolutions(labs: readonly LabDef[], root = packageRoot()): Promise<Partial<Record<LabId, Record<string, string>>>> {
	const out: Partial<Record<LabId, Record<string, string>>> = {};
	for (const lab of labs) {
		const files: Record<string, string> = {};
		for (const file of new Set(lab.steps.flatMap((s) => s.solutionFiles))) {
			try {
				files[file] = await readFile(join(solutionDir(lab.id, root), file), 'utf8');
			} catch {
				// A missing reference file is a content bug the content test reports; the screen says it is missing.
			}
		}
		out[lab.id] = files;
	}
	return out;
}
