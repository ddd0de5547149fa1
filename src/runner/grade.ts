/**
 * `grade`'s engine: finds the submissions among the arguments, then checks them in parallel across the cores.
 *
 * Parallelism: a pool of worker threads (dist/grade-worker.js, bundled next to the CLI by scripts/build.mjs), one
 * submission per message, each worker running the same gradeOne() below. When the worker file is not there (under
 * vitest the code runs from src/ as TypeScript and there is no bundle), grading falls back to this thread with up to
 * `jobs` submissions in flight, which overlaps their file I/O but not their parsing. The end-to-end tests drive
 * the built bin, so the worker path is tested too.
 *
 * Safety: student code is never run; archives are extracted under limits (runner/archive.ts) into temp folders that
 * are removed afterwards; folders are read by readWorkspace (no symlinks out, size caps). Anything that goes wrong
 * with one submission, including a hang (a per-submission timeout terminates its worker), becomes a graded
 * failure with a reason.
 */
import {existsSync} from 'node:fs';
import {lstat, mkdtemp, readdir, rm, stat} from 'node:fs/promises';
import {availableParallelism, tmpdir} from 'node:os';
import {basename, isAbsolute, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import type {GradedSubmission} from '../core/grade.js';
import {stripControl} from '../core/text.js';
import type {LabId} from '../core/types.js';
import {archiveKind, archiveStem, extractArchive, type ArchiveLimits} from './archive.js';
import {checkFolder} from './check-folder.js';
import {WorkspaceError} from './read-workspace.js';

/** One thing to grade, as discovered from the command line. */
export type SubmissionSource =
	| {readonly kind: 'folder'; readonly name: string; readonly path: string}
	| {readonly kind: 'archive'; readonly name: string; readonly path: string}
	| {readonly kind: 'invalid'; readonly name: string; readonly path: string; readonly reason: string};

export type GradeOneOptions = {
	/** Labs to check; every lab when absent. */
	readonly labs?: readonly LabId[];
	readonly archiveLimits?: Partial<ArchiveLimits>;
	/** Where archives are unpacked; the OS temp folder when absent. */
	readonly tempDir?: string;
	/** Schedules are evaluated from this instant (ISO string, so it crosses to workers); now when absent. */
	readonly now?: string;
	readonly signal?: AbortSignal;
};

export type GradeAllOptions = GradeOneOptions & {
	/** Parallel graders; the number of cores when absent. */
	readonly jobs?: number;
	/** Called after each submission is graded. */
	readonly onProgress?: (done: number, total: number) => void;
	/** `threads` needs the built worker; `auto` uses it when present and falls back to this thread. */
	readonly mode?: 'auto' | 'threads' | 'in-thread';
	/** A submission still grading after this long is given up (its worker is terminated). Default 60 s. */
	readonly timeoutMs?: number;
	/** Override of the worker script (tests). */
	readonly workerUrl?: URL;
};

const LAB_MARKERS = ['app.py', 'Dockerfile', 'components'];
const IGNORED = /^(\.|__MACOSX$|node_modules$)/;

/** Whether a folder holds a lab itself (rather than submissions, or one wrapper folder around the lab). */
async function looksLikeLab(dir: string): Promise<boolean> {
	let names: string[];
	try {
		names = await readdir(dir);
	} catch {
		return false;
	}
	return names.some((name) => LAB_MARKERS.includes(name));
}

/**
 * The lab folder inside a submission: students zip the folder itself, so `alice.zip` often holds `lab-a/app.py`.
 * Descends through single wrapper folders (never through symlinks), at most three levels.
 */
export async function findLabRoot(dir: string): Promise<string> {
	let current = dir;
	for (let depth = 0; depth < 3; depth++) {
		if (await looksLikeLab(current)) return current;
		let entries;
		try {
			entries = (await readdir(current, {withFileTypes: true})).filter((entry) => !IGNORED.test(entry.name));
		} catch {
			return current;
		}
		const only = entries.length === 1 ? entries[0] : undefined;
		if (!only || !only.isDirectory()) return current;
		current = join(current, only.name);
	}
	return current;
}

/**
 * Turns command-line paths into submissions. A path is a submission folder (it holds app.py, Dockerfile or
 * components/), an archive, or a folder of submissions (each sub-folder and archive in it; other files such as a
 * README are ignored; symbolic links inside are not followed and are reported). Names are made unique.
 * Throws Error for a path that does not exist (the command turns it into a usage error).
 */
export async function discoverSubmissions(paths: readonly string[], cwd: string): Promise<SubmissionSource[]> {
	const found: SubmissionSource[] = [];
	for (const given of paths) {
		const path = isAbsolute(given) ? given : resolve(cwd, given);
		let info;
		try {
			info = await stat(path);
		} catch {
			throw new Error(`${stripControl(given)} does not exist.`);
		}
		if (info.isFile()) {
			found.push(archiveKind(path) ? {kind: 'archive', name: archiveStem(basename(path)), path} : {kind: 'invalid', name: basename(path), path, reason: 'The file is neither a folder nor a .zip, .tar, .tar.gz or .tgz archive.'});
			continue;
		}
		if (!info.isDirectory()) {
			found.push({kind: 'invalid', name: basename(path), path, reason: 'The path is neither a folder nor an archive.'});
			continue;
		}
		if (await looksLikeLab(path)) {
			found.push({kind: 'folder', name: basename(path) || given, path});
			continue;
		}
		const children = await listSubmissions(path);
		if (children.length === 0) found.push({kind: 'folder', name: basename(path) || given, path});
		else found.push(...children);
	}
	return uniqueNames(found);
}

async function listSubmissions(dir: string): Promise<SubmissionSource[]> {
	const entries = (await readdir(dir)).filter((name) => !IGNORED.test(name)).sort();
	const out: SubmissionSource[] = [];
	for (const name of entries) {
		const path = join(dir, name);
		let info;
		try {
			info = await lstat(path);
		} catch {
			continue;
		}
		if (info.isSymbolicLink()) out.push({kind: 'invalid', name, path, reason: 'The submission is a symbolic link; dapr-labs does not follow links inside a folder of submissions.'});
		else if (info.isDirectory()) out.push({kind: 'folder', name, path});
		else if (info.isFile() && archiveKind(name)) out.push({kind: 'archive', name: archiveStem(name), path});
	}
	return out;
}

function uniqueNames(sources: SubmissionSource[]): SubmissionSource[] {
	const seen = new Map<string, number>();
	return sources.map((source) => {
		const count = (seen.get(source.name) ?? 0) + 1;
		seen.set(source.name, count);
		return count === 1 ? source : {...source, name: `${source.name} (${count})`};
	});
}

/** Grades one submission; never throws (a failure to grade is a GradedSubmission with an error). */
export async function gradeOne(source: SubmissionSource, options: GradeOneOptions = {}): Promise<GradedSubmission> {
	const name = source.name;
	if (source.kind === 'invalid') return {name, result: null, error: source.reason};
	let temp: string | undefined;
	try {
		let dir = source.path;
		if (source.kind === 'archive') {
			temp = await mkdtemp(join(options.tempDir ?? tmpdir(), 'dapr-labs-grade-'));
			const outcome = await extractArchive(source.path, temp, {limits: options.archiveLimits, signal: options.signal});
			if (!outcome.ok) return {name, result: null, error: outcome.reason};
			dir = temp;
		}
		const root = await findLabRoot(dir);
		const label = source.kind === 'archive' ? (root === dir ? basename(source.path) : `${basename(source.path)}:${relative(dir, root).replaceAll('\\', '/')}`) : root;
		const {result} = await checkFolder(root, {labs: options.labs, workspaceLabel: label, signal: options.signal, now: options.now ? new Date(options.now) : undefined});
		return {name, result};
	} catch (error) {
		if (error instanceof WorkspaceError) return {name, result: null, error: stripControl(error.message)};
		const message = stripControl(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
		return {name, result: null, error: `dapr-labs could not grade this submission (internal error: ${message}).`};
	} finally {
		if (temp) await rm(temp, {recursive: true, force: true}).catch(() => undefined);
	}
}

/** The bundled worker next to this module (dist/), or null when running from source. */
export function defaultWorkerUrl(): URL | null {
	const url = new URL('./grade-worker.js', import.meta.url);
	return import.meta.url.endsWith('.js') && existsSync(fileURLToPath(url)) ? url : null;
}

/** Grades every source, in order of the input, in parallel. */
export async function gradeAll(sources: readonly SubmissionSource[], options: GradeAllOptions = {}): Promise<GradedSubmission[]> {
	const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), sources.length || 1));
	const workerUrl = options.workerUrl ?? (options.mode === 'in-thread' ? null : defaultWorkerUrl());
	if (options.mode === 'threads' && !workerUrl) throw new Error('The grade worker (dist/grade-worker.js) is missing; run `npm run build`.');
	if (!workerUrl || options.mode === 'in-thread') return gradeInThread(sources, options, jobs);
	return gradeInWorkers(sources, options, jobs, workerUrl);
}

async function gradeInThread(sources: readonly SubmissionSource[], options: GradeAllOptions, jobs: number): Promise<GradedSubmission[]> {
	const results: GradedSubmission[] = new Array(sources.length);
	let next = 0;
	let done = 0;
	const lane = async () => {
		while (next < sources.length) {
			const index = next++;
			results[index] = await gradeOne(sources[index]!, options);
			options.onProgress?.(++done, sources.length);
		}
	};
	await Promise.all(Array.from({length: jobs}, lane));
	return results;
}

/** What crosses to a worker and back. */
export type WorkerRequest = {readonly index: number; readonly source: SubmissionSource};
export type WorkerReply = {readonly index: number; readonly submission: GradedSubmission};
export type WorkerData = Omit<GradeOneOptions, 'signal'>;

function gradeInWorkers(sources: readonly SubmissionSource[], options: GradeAllOptions, jobs: number, workerUrl: URL): Promise<GradedSubmission[]> {
	const results: GradedSubmission[] = new Array(sources.length);
	const timeoutMs = options.timeoutMs ?? 60_000;
	const data: WorkerData = {labs: options.labs, archiveLimits: options.archiveLimits, tempDir: options.tempDir, now: options.now};
	let next = 0;
	let done = 0;
	return new Promise((resolve, reject) => {
		const live = new Set<Worker>();
		let finished = false;
		const finish = (error?: unknown) => {
			if (finished) return;
			finished = true;
			for (const worker of live) void worker.terminate();
			if (error) reject(error);
			else resolve(results);
		};
		const record = (index: number, submission: GradedSubmission) => {
			results[index] = submission;
			options.onProgress?.(++done, sources.length);
			if (done === sources.length) finish();
		};
		options.signal?.addEventListener('abort', () => finish(options.signal?.reason ?? new Error('aborted')), {once: true});
		const spawn = () => {
			const worker = new Worker(workerUrl, {workerData: data});
			live.add(worker);
			let current: number | undefined;
			let timer: NodeJS.Timeout | undefined;
			const feed = () => {
				if (next >= sources.length) {
					current = undefined;
					live.delete(worker);
					void worker.terminate();
					return;
				}
				current = next++;
				worker.postMessage({index: current, source: sources[current]!} satisfies WorkerRequest);
				timer = setTimeout(() => {
					// A hang in one submission must not hold up the class: give it up, replace the worker.
					const index = current!;
					current = undefined;
					live.delete(worker);
					void worker.terminate();
					record(index, {name: sources[index]!.name, result: null, error: `Grading took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`});
					if (!finished && next < sources.length) spawn();
				}, timeoutMs);
			};
			worker.on('message', (reply: WorkerReply) => {
				clearTimeout(timer);
				if (current === reply.index) record(reply.index, reply.submission);
				if (!finished) feed();
			});
			worker.on('error', (error) => {
				clearTimeout(timer);
				live.delete(worker);
				if (current !== undefined) record(current, {name: sources[current]!.name, result: null, error: `dapr-labs could not grade this submission (worker failed: ${stripControl(error.message)}).`});
				current = undefined;
				if (!finished && next < sources.length) spawn();
			});
			worker.on('exit', (code) => {
				clearTimeout(timer);
				live.delete(worker);
				if (finished || current === undefined) return;
				record(current, {name: sources[current]!.name, result: null, error: `dapr-labs could not grade this submission (its worker exited with code ${code}).`});
				current = undefined;
				if (!finished && next < sources.length) spawn();
			});
			feed();
		};
		if (sources.length === 0) return finish();
		for (let index = 0; index < jobs; index++) spawn();
	});
}
