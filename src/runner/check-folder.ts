/**
 * The one check service: reads a lab folder safely and checks it against labs. The workbook, the grader and the
 * `check` command all call this.
 */
import {checkWorkspace} from '../core/check.js';
import {analyzeDockerfile} from '../core/dockerfile/model.js';
import type {CheckResult} from '../core/result.js';
import type {LabId, SourceFile, Workspace} from '../core/types.js';
import {VERSION} from '../version.js';
import {loadLabs} from './labs-loader.js';
import {readTextFileSafe, readWorkspace} from './read-workspace.js';

export type CheckFolderOptions = {
	/** Labs to check; all labs when absent. */
	readonly labs?: readonly LabId[];
	/** What the result prints as `workspace`; the dir as given when absent. */
	readonly workspaceLabel?: string;
	readonly signal?: AbortSignal;
	/** The time schedules are evaluated from; now when absent. */
	readonly now?: Date;
};

/**
 * Adds the requirements files a Dockerfile names (`pip install -r deps/prod.txt`) that readWorkspace did not read
 * (it reads only top-level requirements*.txt), so that dockerfile/missing-package sees them.
 */
async function withRequirements(dir: string, workspace: Workspace, signal: AbortSignal | undefined): Promise<Workspace> {
	const docker = workspace.files.get('Dockerfile');
	if (docker?.kind !== 'text') return workspace;
	let paths: string[];
	try {
		paths = analyzeDockerfile('Dockerfile', docker.text).requirementFiles.map((req) => req.path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, ''));
	} catch {
		return workspace;
	}
	const missing = [...new Set(paths)].filter((path) => path !== '' && !path.includes('$') && !workspace.files.has(path));
	if (missing.length === 0) return workspace;
	const files = new Map<string, SourceFile>(workspace.files);
	for (const path of missing) {
		const file = await readTextFileSafe(dir, path, {signal});
		if (file) files.set(path, file);
	}
	return {...workspace, files};
}

/** Reads `dir` and checks it. Throws WorkspaceError when the folder itself cannot be read. */
export async function checkFolder(dir: string, options: CheckFolderOptions = {}): Promise<{result: CheckResult; workspace: Workspace}> {
	const all = await loadLabs();
	const labs = options.labs ? all.filter((lab) => options.labs!.includes(lab.id)) : all;
	const read = await readWorkspace(dir, {signal: options.signal});
	const workspace = await withRequirements(dir, read, options.signal);
	options.signal?.throwIfAborted();
	const result = checkWorkspace(workspace, labs, {workspaceLabel: options.workspaceLabel ?? dir, version: VERSION, now: options.now ?? new Date()});
	return {result, workspace};
}
