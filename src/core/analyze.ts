/**
 * Builds the WorkspaceModel the rules read: parses components/*.yaml|yml, app.py and the Dockerfile with the real
 * parsers, and the requirements files the Dockerfile installs with `pip install -r`. Pure; never throws.
 */
import {analyzeDockerfile, parseRequirements} from './dockerfile/model.js';
import type {ComponentFileResult, DockerfileModel, PythonModel} from './model.js';
import {analyzePython} from './python/model.js';
import type {WorkspaceModel} from './rule.js';
import type {SourceFile, Workspace} from './types.js';
import {parseComponentFile} from './yaml/component.js';

/** Files under components/ that daprd reads (it loads *.yaml and *.yml, not subfolders). */
export function isComponentFile(path: string): boolean {
	return /^components\/[^/]+\.ya?ml$/i.test(path);
}

function textOf(file: SourceFile | undefined): string | null {
	return file?.kind === 'text' ? file.text : null;
}

function safe<T>(compute: () => T, fallback: T): T {
	try {
		return compute();
	} catch {
		return fallback;
	}
}

/** Normalises a path as written in a Dockerfile (`./requirements.txt`) to a workspace key. */
function workspacePath(path: string): string {
	return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/**
 * A memo of parse results by content, owned by the caller (the grader sees the same starter Dockerfile and
 * components in many submissions). Models are immutable and depend only on the key (path and text), so a hit
 * gives the same result as parsing again.
 */
export type ParseCache = {
	get(key: string): unknown;
	set(key: string, value: unknown): void;
};

/** Models a caller already built from the same workspace's text, so that they are not built twice. */
export type PrebuiltModels = {
	/** analyzeDockerfile('Dockerfile', <the workspace's Dockerfile text>), or null when it threw. */
	readonly dockerfile?: DockerfileModel | null;
	/** Where component and app.py models are looked up by content before parsing. */
	readonly cache?: ParseCache;
};

/** `compute()`, or its memoised value under `key` when a cache is given. */
function memo<T>(cache: ParseCache | undefined, key: string, compute: () => T): T {
	if (!cache) return compute();
	const hit = cache.get(key) as {value: T} | undefined;
	if (hit) return hit.value;
	const value = compute();
	cache.set(key, {value});
	return value;
}

/** The static model of one lab folder. */
export function analyzeWorkspace(workspace: Workspace, prebuilt: PrebuiltModels = {}): WorkspaceModel {
	const paths = [...workspace.files.keys()].sort();
	const componentFiles: ComponentFileResult[] = [];
	for (const path of paths) {
		if (!isComponentFile(path)) continue;
		const text = textOf(workspace.files.get(path));
		if (text === null) continue;
		const result = memo(prebuilt.cache, `component\0${path}\0${text}`, () => safe<ComponentFileResult | null>(() => parseComponentFile(path, text), null));
		if (result) componentFiles.push(result);
	}
	const appText = textOf(workspace.files.get('app.py'));
	const python = appText === null ? null : memo(prebuilt.cache, `python\0${appText}`, () => safe<PythonModel | null>(() => analyzePython('app.py', appText), null));
	const dockerText = textOf(workspace.files.get('Dockerfile'));
	const dockerfile = dockerText === null ? null : prebuilt.dockerfile !== undefined ? prebuilt.dockerfile : safe<DockerfileModel | null>(() => analyzeDockerfile('Dockerfile', dockerText), null);
	const requirements = new Map<string, readonly {readonly name: string; readonly line: number}[]>();
	for (const requirement of dockerfile?.requirementFiles ?? []) {
		const path = workspacePath(requirement.path);
		const text = textOf(workspace.files.get(path));
		if (text === null || requirements.has(path)) continue;
		const entries = safe(() => parseRequirements(text), []);
		requirements.set(
			path,
			entries.map((entry) => ({name: entry.name, line: entry.line})),
		);
	}
	const unreadable = paths
		.map((path) => workspace.files.get(path)!)
		.filter((file): file is Extract<SourceFile, {kind: 'unreadable'}> => file.kind === 'unreadable');
	return {
		workspace,
		componentFiles,
		components: componentFiles.flatMap((file) => file.docs),
		python,
		dockerfile,
		requirements,
		unreadable,
	};
}
