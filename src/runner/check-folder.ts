/**
 * The one check service: reads a lab folder safely and checks it against labs. The workbook, the grader and the
 * `check` command all call this.
 */
import {readdirSync} from 'node:fs';
import {readdir} from 'node:fs/promises';
import {analyzeWorkspace, pythonModelOf, type ParseCache} from '../core/analyze.js';
import {importCandidates, MAX_PYTHON_MODULES} from '../core/python/project.js';
import {requirementIncludes, resolveRequirementPath} from '../core/dockerfile/pip.js';
import {checkModel} from '../core/check.js';
import {analyzeDockerfile} from '../core/dockerfile/model.js';
import type {DockerfileModel} from '../core/model.js';
import type {CheckResult} from '../core/result.js';
import type {WorkspaceModel} from '../core/rule.js';
import type {LabId, SourceFile, Workspace} from '../core/types.js';
import {VERSION} from '../version.js';
import {loadLabs} from './labs-loader.js';
import {readTextFileSafe, readTextFileSafeSync, readTextFilesSafe, readTextFilesSafeSync, readWorkspace, readWorkspaceSync} from './read-workspace.js';

export type CheckFolderOptions = {
	/** Labs to check; all labs when absent. */
	readonly labs?: readonly LabId[];
	/** What the result prints as `workspace`; the dir as given when absent. */
	readonly workspaceLabel?: string;
	readonly signal?: AbortSignal;
	/** The time schedules are evaluated from; now when absent. */
	readonly now?: Date;
	/**
	 * Read the folder with blocking system calls (readWorkspaceSync): for grade workers only, where nothing else
	 * waits on the thread and the reads cost a tenth of the promise-based ones. Same result either way.
	 */
	readonly syncRead?: boolean;
};

/**
 * Adds the requirements files a Dockerfile names (`pip install -r deps/prod.txt`) that readWorkspace did not read
 * (it reads only top-level requirements*.txt), so that dockerfile/missing-package sees them. `dockerfile` is the
 * model of the workspace's Dockerfile (null when there is none or it threw); the check reuses it.
 */
async function withRequirements(dir: string, workspace: Workspace, dockerfile: DockerfileModel | null, signal: AbortSignal | undefined, syncRead: boolean): Promise<Workspace> {
	if (!dockerfile) return workspace;
	const queue = dockerfile.requirementFiles.map((req) => req.path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, ''));
	const files = new Map<string, SourceFile>(workspace.files);
	const seen = new Set<string>();
	let changed = false;
	// Breadth first through `-r` includes (relative to the including file), cycles stopped, at most 32 files.
	while (queue.length > 0 && seen.size < 32) {
		const path = queue.shift()!;
		if (path === '' || path.includes('$') || seen.has(path)) continue;
		seen.add(path);
		let file = files.get(path);
		if (!file) {
			file = (syncRead ? readTextFileSafeSync(dir, path, {signal}) : await readTextFileSafe(dir, path, {signal})) ?? undefined;
			if (!file) continue;
			files.set(path, file);
			changed = true;
		}
		if (file.kind !== 'text' || /\.toml$/iu.test(path)) continue;
		for (const include of requirementIncludes(file.text)) {
			const next = resolveRequirementPath(path, include.path);
			if (next !== null) queue.push(next);
		}
	}
	return changed ? {...workspace, files} : workspace;
}

/**
 * Adds the Python modules of the lab folder that app.py imports, and those they import (breadth first, cycles
 * stopped by the visited set, at most MAX_PYTHON_MODULES files, each under readWorkspace's rules: regular files
 * inside the folder only, symlinks never followed out, the size cap). Only imports whose first part names a file
 * or folder at the top of the lab folder are looked up, so an app that imports only installed packages costs one
 * directory listing.
 */
async function withPythonModules(dir: string, workspace: Workspace, signal: AbortSignal | undefined, syncRead: boolean): Promise<Workspace> {
	const app = workspace.files.get('app.py');
	if (app?.kind !== 'text') return workspace;
	let top: Set<string> | null = null;
	const files = new Map<string, SourceFile>(workspace.files);
	const queue: {file: string; text: string}[] = [{file: 'app.py', text: app.text}];
	const visited = new Set<string>(['app.py']);
	let read = 0;
	while (queue.length > 0 && read < MAX_PYTHON_MODULES) {
		const {file, text} = queue.shift()!;
		const candidates = importCandidates(file, pythonModelOf(file, text, parseMemo).imports).filter((path) => !visited.has(path));
		if (candidates.length === 0) continue;
		if (top === null) {
			try {
				top = new Set(syncRead ? readdirSync(dir) : await readdir(dir));
			} catch {
				return workspace;
			}
		}
		const wanted = candidates.filter((path) => top!.has(path.split('/')[0]!)).slice(0, MAX_PYTHON_MODULES - read);
		for (const path of candidates) visited.add(path);
		if (wanted.length === 0) continue;
		const found = syncRead ? readTextFilesSafeSync(dir, wanted, {signal}) : await readTextFilesSafe(dir, wanted, {signal});
		for (const source of found) {
			read++;
			files.set(source.path, source);
			if (source.kind === 'text') queue.push({file: source.path, text: source.text});
		}
	}
	return read === 0 ? workspace : {...workspace, files};
}

/**
 * Parse results by content for this process, least recently used dropped first. A class's submissions share
 * much of their text (the starter Dockerfile and components, unchanged starters), and the workbook re-checks
 * the same files on every save; a model depends only on its file's path and text, so a hit is exact.
 */
class ParseMemo implements ParseCache {
	readonly #entries = new Map<string, unknown>();
	constructor(readonly max: number) {}
	get(key: string): unknown {
		const value = this.#entries.get(key);
		if (value !== undefined) {
			this.#entries.delete(key);
			this.#entries.set(key, value);
		}
		return value;
	}
	set(key: string, value: unknown): void {
		// Big files are rare and unlikely to repeat; not keeping them bounds the memo's memory.
		if (key.length > MAX_MEMO_KEY) return;
		this.#entries.delete(key);
		this.#entries.set(key, value);
		if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value!);
	}
}

// Lab files are a few KB; texts over 64 KB are not kept, so 256 entries hold at most ~16 MB of text plus models.
const MAX_MEMO_KEY = 64 * 1024;
const parseMemo = new ParseMemo(256);

/** The Dockerfile's model, built once here and shared with the check (parsing it is a large part of a check). */
function dockerfileOf(workspace: Workspace): DockerfileModel | null {
	const docker = workspace.files.get('Dockerfile');
	if (docker?.kind !== 'text') return null;
	const key = `dockerfile\0${docker.text}`;
	const hit = parseMemo.get(key) as {value: DockerfileModel | null} | undefined;
	if (hit) return hit.value;
	let value: DockerfileModel | null;
	try {
		value = analyzeDockerfile('Dockerfile', docker.text);
	} catch {
		value = null;
	}
	parseMemo.set(key, {value});
	return value;
}

/** Reads `dir` and checks it. Throws WorkspaceError when the folder itself cannot be read. */
export async function checkFolder(dir: string, options: CheckFolderOptions = {}): Promise<{result: CheckResult; workspace: Workspace; model: WorkspaceModel}> {
	const all = await loadLabs();
	const labs = options.labs ? all.filter((lab) => options.labs!.includes(lab.id)) : all;
	const read = options.syncRead ? readWorkspaceSync(dir, {signal: options.signal}) : await readWorkspace(dir, {signal: options.signal});
	const dockerfile = dockerfileOf(read);
	const withModules = await withPythonModules(dir, read, options.signal, options.syncRead ?? false);
	const workspace = await withRequirements(dir, withModules, dockerfile, options.signal, options.syncRead ?? false);
	options.signal?.throwIfAborted();
	const model = analyzeWorkspace(workspace, {dockerfile, cache: parseMemo});
	const result = checkModel(model, labs, {workspaceLabel: options.workspaceLabel ?? dir, version: VERSION, now: options.now ?? new Date()});
	return {result, workspace, model};
}
