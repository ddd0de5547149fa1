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
 * are removed afterwards; folders are read by readWorkspace (no symlinks out, size caps; workers use its blocking
 * twin readWorkspaceSync, same rules). Anything that goes wrong with one submission, including a hang (a
 * per-submission timeout terminates its worker), becomes a graded failure with a reason.
 */
import {existsSync, readdirSync, type Dirent} from 'node:fs';
import {rmSync} from 'node:fs';
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
	/** Folder paths in results (`workspace`) are shown relative to this when they are inside it. */
	readonly cwd?: string;
	/** Read folders with blocking system calls (set by grade workers only; see CheckFolderOptions.syncRead). */
	readonly syncRead?: boolean;
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
 * The lab folder inside a submission: students zip the folder itself, so `alice.zip` often holds `my-lab/app.py`.
 * Descends through single wrapper folders (never through symlinks), at most three levels.
 */
export async function findLabRoot(dir: string): Promise<string> {
	const steps = labRootSteps(dir);
	let step = steps.next();
	while (!step.done) step = steps.next(await readdir(step.value, {withFileTypes: true}).catch(() => null));
	return step.value;
}

/** findLabRoot with blocking system calls (grade workers only). */
export function findLabRootSync(dir: string): string {
	const steps = labRootSteps(dir);
	let step = steps.next();
	while (!step.done) {
		let entries: Dirent[] | null;
		try {
			entries = readdirSync(step.value, {withFileTypes: true});
		} catch {
			entries = null;
		}
		step = steps.next(entries);
	}
	return step.value;
}

/**
 * The descent itself, shared by both versions: yields each folder to list, receives its entries (null when it
 * cannot be read), returns the lab root.
 */
function* labRootSteps(dir: string): Generator<string, string, Dirent[] | null> {
	let current = dir;
	for (let depth = 0; depth < 3; depth++) {
		const entries = yield current;
		if (entries === null) return current;
		const inner = wrappedFolder(current, entries);
		if (inner === null) return current;
		current = inner;
	}
	return current;
}

/** The single folder `dir` wraps, or null when `dir` holds the lab itself or is not a plain wrapper. */
function wrappedFolder(dir: string, entries: readonly Dirent[]): string | null {
	if (entries.some((entry) => LAB_MARKERS.includes(entry.name))) return null;
	const kept = entries.filter((entry) => !IGNORED.test(entry.name));
	const only = kept.length === 1 ? kept[0] : undefined;
	if (!only || !only.isDirectory()) return null;
	return join(dir, only.name);
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
		const root = options.syncRead ? findLabRootSync(dir) : await findLabRoot(dir);
		const label = source.kind === 'archive' ? (root === dir ? basename(source.path) : `${basename(source.path)}:${relative(dir, root).replaceAll('\\', '/')}`) : displayPath(root, options.cwd);
		const {result} = await checkFolder(root, {labs: options.labs, workspaceLabel: label, signal: options.signal, now: options.now ? new Date(options.now) : undefined, syncRead: options.syncRead});
		return {name, result};
	} catch (error) {
		if (error instanceof WorkspaceError) return {name, result: null, error: stripControl(error.message)};
		const message = stripControl(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
		return {name, result: null, error: `dapr-labs could not grade this submission (internal error: ${message}).`};
	} finally {
		if (temp) await rm(temp, {recursive: true, force: true}).catch(() => undefined);
	}
}

/** A folder as the instructor would write it: relative to cwd when inside it, else absolute; forward slashes. */
function displayPath(path: string, cwd: string | undefined): string {
	if (!cwd) return path;
	const inside = relative(cwd, path);
	return (inside === '' ? '.' : inside.startsWith('..') || isAbsolute(inside) ? path : inside).replaceAll('\\', '/');
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
	// One parent folder for every extracted submission of this run, removed at the end whatever ends it: a worker
	// stopped at the per-submission timeout never runs its own clean-up, and neither does one stopped by Ctrl-C.
	const parent = options.tempDir ?? (await mkdtemp(join(tmpdir(), 'dapr-labs-grade-run-')));
	const own = options.tempDir === undefined;
	if (own) extractionRoots.add(parent);
	try {
		const withTemp = {...options, tempDir: parent};
		if (!workerUrl || options.mode === 'in-thread') return await gradeInThread(sources, withTemp, jobs);
		return await gradeInWorkers(sources, withTemp, jobs, workerUrl);
	} finally {
		if (own) {
			await rm(parent, {recursive: true, force: true}).catch(() => undefined);
			extractionRoots.delete(parent);
		}
	}
}

/** Extraction folders of runs in progress; removed synchronously if the process exits first (see below). */
const extractionRoots = new Set<string>();
process.once('exit', () => {
	for (const root of extractionRoots) rmSync(root, {recursive: true, force: true});
});

async function gradeInThread(sources: readonly SubmissionSource[], options: GradeAllOptions, jobs: number): Promise<GradedSubmission[]> {
	const results: GradedSubmission[] = new Array(sources.length);
	let next = 0;
	let done = 0;
	const lane = async () => {
		while (next < sources.length) {
			const index = next++;
			results[index] = await gradeOne(sources[index]!, options);
			// Not `onProgress?.(++done)`: an optional call that is skipped does not evaluate its arguments.
			done++;
			options.onProgress?.(done, sources.length);
		}
	};
	await Promise.all(Array.from({length: jobs}, lane));
	return results;
}

/** What crosses to a worker and back. */
export type WorkerRequest = {readonly index: number; readonly source: SubmissionSource};
// Measured: a structured clone of a GradedSubmission (~4 KB as JSON) costs ~25 µs in the worker, half of
// JSON.stringify; sending it as an object is the cheaper way across threads.
export type WorkerReply = {readonly index: number; readonly submission: GradedSubmission};
/** Sent once by a worker when its code has loaded; the per-submission timeout starts counting from there. */
export type WorkerReady = {readonly ready: true};
export type WorkerData = Omit<GradeOneOptions, 'signal'>;

/** Submissions in flight per worker: the next one is already queued when one finishes (no idle round trip). */
const WORKER_DEPTH = 4;

function gradeInWorkers(sources: readonly SubmissionSource[], options: GradeAllOptions, jobs: number, workerUrl: URL): Promise<GradedSubmission[]> {
	const results: GradedSubmission[] = new Array(sources.length);
	const timeoutMs = options.timeoutMs ?? 60_000;
	const data: WorkerData = {labs: options.labs, archiveLimits: options.archiveLimits, tempDir: options.tempDir, now: options.now, cwd: options.cwd};
	let next = 0;
	let done = 0;
	// Submissions handed back after their worker died or was stopped for another submission's hang.
	const retry: number[] = [];
	const retried = new Set<number>();
	const remaining = () => retry.length > 0 || next < sources.length;
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
			if (results[index]) return;
			results[index] = submission;
			done++;
			options.onProgress?.(done, sources.length);
			if (done === sources.length) finish();
		};
		const failed = (index: number, error: string) => record(index, {name: sources[index]!.name, result: null, error});
		options.signal?.addEventListener('abort', () => finish(options.signal?.reason ?? new Error('aborted')), {once: true});
		const spawn = () => {
			// A larger young generation than a worker starts with: grading allocates short-lived parse trees at a high
			// rate, and fewer scavenges measured ~5-8% faster on the 500-submission bench (64 MB was no better).
			const worker = new Worker(workerUrl, {workerData: data, resourceLimits: {maxYoungGenerationSizeMb: 32}});
			live.add(worker);
			const inflight = new Map<number, NodeJS.Timeout | undefined>();
			let online = false;
			let dead = false;
			/** Stops this worker; what it still had is handed back (or failed, when it already failed once elsewhere). */
			const abandon = (reason: string) => {
				if (dead) return;
				dead = true;
				live.delete(worker);
				void worker.terminate();
				for (const [index, timer] of inflight) {
					clearTimeout(timer);
					if (retried.has(index)) failed(index, reason);
					else {
						retried.add(index);
						retry.push(index);
					}
				}
				inflight.clear();
				if (!finished && remaining()) spawn();
			};
			const arm = (index: number) =>
				setTimeout(() => {
					// A hang in one submission must not hold up the class: give it up and replace the worker.
					clearTimeout(inflight.get(index));
					inflight.delete(index);
					failed(index, `Grading took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`);
					abandon('The submission could not be graded: its grading worker was stopped twice.');
				}, timeoutMs);
			// A submission handed back after a crash is graded alone, so that the one that kills workers fails by itself.
			let solo = false;
			const feed = () => {
				if (solo && inflight.size === 0) solo = false;
				while (!dead && !solo && inflight.size < WORKER_DEPTH) {
					let index: number | undefined;
					if (retry.length > 0 && inflight.size === 0) {
						index = retry.pop();
						solo = true;
					} else if (next < sources.length) index = next++;
					if (index === undefined) break;
					worker.postMessage({index, source: sources[index]!} satisfies WorkerRequest);
					inflight.set(index, online ? arm(index) : undefined);
				}
				if (!dead && inflight.size === 0) {
					dead = true;
					live.delete(worker);
					void worker.terminate();
				}
			};
			worker.on('message', (reply: WorkerReply | WorkerReady) => {
				if ('ready' in reply) {
					// Loading the worker bundle takes a while on a busy machine; that is not the submissions' time.
					online = true;
					for (const index of inflight.keys()) inflight.set(index, arm(index));
					return;
				}
				clearTimeout(inflight.get(reply.index));
				inflight.delete(reply.index);
				record(reply.index, reply.submission);
				if (!finished) feed();
			});
			worker.on('error', (error) => {
				// A worker that fails before it is ready is a broken installation, not a broken submission.
				if (!online) finish(new Error(`The grade worker failed to start (${error.message}).`));
				else abandon(`dapr-labs could not grade this submission (worker failed: ${stripControl(error.message)}).`);
			});
			worker.on('exit', (code) => abandon(`dapr-labs could not grade this submission (its worker exited with code ${code}).`));
			feed();
		};
		if (sources.length === 0) return finish();
		for (let index = 0; index < jobs; index++) spawn();
	});
}
