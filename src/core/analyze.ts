/**
 * Builds the WorkspaceModel the rules read: parses components/*.yaml|yml, app.py and the Dockerfile with the real
 * parsers, and the requirements files the Dockerfile installs with `pip install -r`. Pure; never throws.
 */
import {analyzeDockerfile, parseRequirements} from './dockerfile/model.js';
import {requirementIncludes, resolveRequirementPath} from './dockerfile/pip.js';
import {pyprojectDependencies, readsPyproject} from './dockerfile/pyproject.js';
import type {ComponentFileResult, DockerfileModel, PythonModel} from './model.js';
import {analyzePython, type AnalyzeOptions} from './python/model.js';
import {analyzeProject, importCandidates, MAX_PYTHON_MODULES} from './python/project.js';
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

/** At most this many requirement files are followed through `-r` (a chain of three is already unusual). */
const MAX_REQUIREMENT_FILES = 32;

/**
 * The packages of the requirement files the Dockerfile installs, following their `-r` includes (relative to the
 * including file, cycles stopped), and of pyproject.toml when an installer reads it (`pip install .`, `uv sync`,
 * `poetry install`, `-r pyproject.toml`), keyed by path.
 */
function readRequirements(workspace: Workspace, dockerfile: DockerfileModel | null): Map<string, readonly {readonly name: string; readonly line: number}[]> {
	const requirements = new Map<string, readonly {readonly name: string; readonly line: number}[]>();
	const queue = (dockerfile?.requirementFiles ?? []).map((requirement) => workspacePath(requirement.path));
	if ((dockerfile?.pipOtherSources ?? []).some((source) => readsPyproject(source.spec))) queue.push('pyproject.toml');
	while (queue.length > 0 && requirements.size < MAX_REQUIREMENT_FILES) {
		const path = queue.shift()!;
		const text = textOf(workspace.files.get(path));
		if (text === null || requirements.has(path)) continue;
		if (/\.toml$/iu.test(path)) {
			const read = safe(() => pyprojectDependencies(text), null);
			if (read && read.error === null) requirements.set(path, read.packages);
			continue;
		}
		const entries = safe(() => parseRequirements(text), []);
		requirements.set(
			path,
			entries.map((entry) => ({name: entry.name, line: entry.line})),
		);
		for (const include of safe(() => requirementIncludes(text), [])) {
			const next = resolveRequirementPath(path, include.path);
			if (next !== null && !requirements.has(next)) queue.push(next);
		}
	}
	return requirements;
}


/**
 * app.py and the modules of the folder it imports (those the workspace holds), linked into one app. A module that
 * is imported but could not be read becomes a route source, so no route is claimed missing because of it.
 */
function analyzeApp(workspace: Workspace, cache: ParseCache | undefined): {python: PythonModel | null; pythonModules: ReadonlyMap<string, PythonModel> | null} {
	const appText = textOf(workspace.files.get('app.py'));
	if (appText === null) return {python: null, pythonModules: null};
	const analyze = (file: string, text: string, options?: AnalyzeOptions): PythonModel =>
		options ? analyzePython(file, text, options) : memo(cache, `python\0${file}\0${text}`, () => analyzePython(file, text));
	type App = {python: PythonModel | null; pythonModules: ReadonlyMap<string, PythonModel> | null};
	return safe<App>(
		() => {
			const texts = new Map<string, string>([['app.py', appText]]);
			const unreadable: {text: string; file: string; span: {line: number; column: number}}[] = [];
			const queue = ['app.py'];
			const visited = new Set(queue);
			while (queue.length > 0) {
				const file = queue.shift()!;
				const model = analyze(file, texts.get(file)!);
				for (const path of importCandidates(file, model.imports)) {
					if (visited.has(path)) continue;
					const source = workspace.files.get(path);
					if (!source) continue;
					visited.add(path);
					if (source.kind !== 'text') {
						unreadable.push({text: `${path} (${source.detail.replace(/\.$/u, '')})`, file: path, span: {line: 1, column: 1}});
						continue;
					}
					if (texts.size > MAX_PYTHON_MODULES) {
						unreadable.push({text: `${path} (more than ${MAX_PYTHON_MODULES} modules; not read)`, file: path, span: {line: 1, column: 1}});
						continue;
					}
					texts.set(path, source.text);
					queue.push(path);
				}
			}
			const project = analyzeProject('app.py', texts, analyze, unreadable);
			return {python: project.entry, pythonModules: project.modules};
		},
		// A bug in following the imports must not cost the check app.py itself.
		{python: safe<PythonModel | null>(() => analyze('app.py', appText), null), pythonModules: null},
	);
}

/**
 * The model of one Python module as analyzeWorkspace builds it (memoised under the same key), for the runner's
 * import-following read: it learns which modules app.py imports without parsing app.py twice.
 */
export function pythonModelOf(file: string, text: string, cache?: ParseCache): PythonModel {
	return memo(cache, `python\0${file}\0${text}`, () => analyzePython(file, text));
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
	const {python, pythonModules} = analyzeApp(workspace, prebuilt.cache);
	const dockerText = textOf(workspace.files.get('Dockerfile'));
	const dockerfile = dockerText === null ? null : prebuilt.dockerfile !== undefined ? prebuilt.dockerfile : safe<DockerfileModel | null>(() => analyzeDockerfile('Dockerfile', dockerText), null);
	const requirements = readRequirements(workspace, dockerfile);
	const unreadable = paths
		.map((path) => workspace.files.get(path)!)
		.filter((file): file is Extract<SourceFile, {kind: 'unreadable'}> => file.kind === 'unreadable')
		// A module app.py imports that cannot be read is a route source the checker cannot follow (info from the
		// input-binding rules), not a lab file the student was asked to write.
		.filter((file) => file.path === 'app.py' || !file.path.endsWith('.py'));
	return {
		workspace,
		componentFiles,
		components: componentFiles.flatMap((file) => file.docs),
		python,
		...(pythonModules ? {pythonModules} : {}),
		dockerfile,
		requirements,
		unreadable,
	};
}
