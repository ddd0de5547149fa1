/**
 * Writes lab files into a student's folder: `init` (the starter, never overwriting anything) and `catch-up`
 * (the reference files of the earlier steps, after a backup of the student's own files).
 */
import {copyFile, mkdir, readdir, readFile, stat, writeFile} from 'node:fs/promises';
import {dirname, join, relative, sep} from 'node:path';
import type {LabDef} from '../core/labs.js';
import type {LabId} from '../core/types.js';
import {packageRoot} from './package-root.js';

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

async function exists(path: string): Promise<boolean> {
	try {
		await stat(path);
		return true;
	} catch {
		return false;
	}
}

/** Where a lab's starter ships. */
export function starterDir(lab: LabId, root = packageRoot()): string {
	return join(root, 'labs', lab, 'starter');
}

/** Where a lab's reference solution ships. */
export function solutionDir(lab: LabId, root = packageRoot()): string {
	return join(root, 'solutions', lab);
}

/** Thrown by writeStarter when files would be overwritten. */
export class WouldOverwriteError extends Error {
	constructor(readonly files: readonly string[]) {
		super(`Refusing to overwrite: ${files.join(', ')}.`);
	}
}

/** Copies labs/<lab>/starter into `dir`. Refuses (WouldOverwriteError) when any of its files already exists there. */
export async function writeStarter(dir: string, lab: LabId, root = packageRoot()): Promise<{readonly written: readonly string[]}> {
	const source = starterDir(lab, root);
	const files = await listFiles(source);
	const clashes: string[] = [];
	for (const file of files) if (await exists(join(dir, file))) clashes.push(file);
	if (clashes.length) throw new WouldOverwriteError(clashes);
	for (const file of files) {
		await mkdir(dirname(join(dir, file)), {recursive: true});
		// COPYFILE_EXCL: a file that appeared since the check above is still not overwritten.
		await copyFile(join(source, file), join(dir, file), 1);
	}
	return {written: files};
}

/** The student's lab files: what catch-up backs up (components, app, image, requirements). */
export async function labFilesIn(dir: string): Promise<string[]> {
	const out: string[] = [];
	for (const name of ['app.py', 'Dockerfile', 'requirements.txt']) if (await exists(join(dir, name))) out.push(name);
	if (await exists(join(dir, 'components'))) {
		for (const file of await listFiles(join(dir, 'components'))) out.push(`components/${file}`);
	}
	return out;
}

/** A timestamp usable as a folder name on every OS. */
export function backupStamp(now: Date): string {
	return now.toISOString().replace(/[:.]/g, '-');
}

export type CatchUpResult = {
	readonly backupDir: string | null;
	readonly backedUp: readonly string[];
	readonly written: readonly string[];
	/** Starter files written because they were missing (never over the student's). */
	readonly starterWritten: readonly string[];
};

/**
 * Brings `dir` to the start of step `step` (1-based) of `lab`: backs up the student's lab files to
 * `.dapr-labs/backup/<time>/`, writes missing starter files, then writes the reference files of steps 1..step-1.
 */
export async function catchUp(dir: string, lab: LabDef, step: number, now: Date = new Date(), root = packageRoot()): Promise<CatchUpResult> {
	if (!Number.isInteger(step) || step < 1 || step > lab.steps.length) throw new RangeError(`Step must be 1 to ${lab.steps.length} for ${lab.id}.`);
	const reference = [...new Set(lab.steps.slice(0, step - 1).flatMap((s) => s.solutionFiles))];
	const mine = await labFilesIn(dir);
	let backupDir: string | null = null;
	if (mine.length) {
		backupDir = join(dir, '.dapr-labs', 'backup', backupStamp(now));
		for (const file of mine) {
			await mkdir(dirname(join(backupDir, file)), {recursive: true});
			await copyFile(join(dir, file), join(backupDir, file));
		}
	}
	const starterWritten: string[] = [];
	for (const file of await listFiles(starterDir(lab.id, root))) {
		if (reference.includes(file) || (await exists(join(dir, file)))) continue;
		await mkdir(dirname(join(dir, file)), {recursive: true});
		await copyFile(join(starterDir(lab.id, root), file), join(dir, file), 1);
		starterWritten.push(file);
	}
	const written: string[] = [];
	for (const file of reference) {
		const text = await readFile(join(solutionDir(lab.id, root), file));
		await mkdir(dirname(join(dir, file)), {recursive: true});
		await writeFile(join(dir, file), text);
		written.push(file);
	}
	return {backupDir: backupDir === null ? null : relative(dir, backupDir).split(sep).join('/'), backedUp: mine, written, starterWritten};
}

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
