/**
 * The packages a pyproject.toml asks installers to install, read with smol-toml: PEP 621 `[project].dependencies`
 * (what `pip install .`, `uv sync` and Poetry 2 install), Poetry's `[tool.poetry.dependencies]` and its non-optional
 * groups (what `poetry install` installs by default), and PEP 735 `[dependency-groups].dev` (uv sync's default group).
 */
import {parse} from 'smol-toml';
import {normalizePackageName, requirementName} from './pip.js';

export type PyprojectDependencies = {
	/** Normalised package names with the 1-based line where each is written (1 when it cannot be found). */
	readonly packages: readonly {readonly name: string; readonly line: number}[];
	/** The raw requirement strings (`uvicorn[standard]>=0.30`), for extras that bring other packages. */
	readonly specs: readonly string[];
	/** Set when the file is not valid TOML: nothing is known about what it installs. */
	readonly error: string | null;
};

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineOf(lines: readonly string[], name: string): number {
	const pattern = new RegExp(`(^|["'\\s])${name.replace(/[-_.]+/gu, '[-_.]+')}\\s*(["'\\[<>=!~;@\\s]|$)`, 'iu');
	const index = lines.findIndex((line) => pattern.test(line));
	return index === -1 ? 1 : index + 1;
}

/** What pyproject.toml's dependency tables list. Never throws. */
export function pyprojectDependencies(text: string): PyprojectDependencies {
	let data: Record<string, unknown>;
	try {
		data = parse(text) as Record<string, unknown>;
	} catch (error) {
		return {packages: [], specs: [], error: error instanceof Error ? error.message.split('\n')[0]! : String(error)};
	}
	const specs: string[] = [];
	const names: string[] = [];
	const project = data['project'];
	if (isRecord(project) && Array.isArray(project['dependencies'])) for (const spec of project['dependencies']) if (typeof spec === 'string') specs.push(spec);
	const groups = data['dependency-groups'];
	if (isRecord(groups) && Array.isArray(groups['dev'])) for (const spec of groups['dev']) if (typeof spec === 'string') specs.push(spec);
	const tool = data['tool'];
	const poetry = isRecord(tool) ? tool['poetry'] : undefined;
	if (isRecord(poetry)) {
		const tables: unknown[] = [poetry['dependencies'], poetry['dev-dependencies']];
		const poetryGroups = poetry['group'];
		if (isRecord(poetryGroups)) for (const group of Object.values(poetryGroups)) if (isRecord(group) && group['optional'] !== true) tables.push(group['dependencies']);
		for (const table of tables) {
			if (!isRecord(table)) continue;
			for (const [name, spec] of Object.entries(table)) {
				if (name.toLowerCase() === 'python') continue;
				names.push(name);
				// `uvicorn = {version = "^0.30", extras = ["standard"]}`
				if (isRecord(spec) && Array.isArray(spec['extras'])) specs.push(`${name}[${spec['extras'].filter((e) => typeof e === 'string').join(',')}]`);
			}
		}
	}
	const lines = text.split('\n');
	const packages = new Map<string, number>();
	for (const spec of specs) {
		const name = requirementName(spec);
		if (name !== null && !packages.has(name)) packages.set(name, lineOf(lines, name));
	}
	for (const raw of names) {
		const name = normalizePackageName(raw);
		if (!packages.has(name)) packages.set(name, lineOf(lines, name));
	}
	return {packages: [...packages].map(([name, line]) => ({name, line})), specs, error: null};
}

/** Whether an install that the Dockerfile does not list by name reads ./pyproject.toml. */
export function readsPyproject(spec: string): boolean {
	return /^(\.|\.\/|\.\[[^\]]*\]|\.\/\[[^\]]*\])$/u.test(spec.trim()) || /^(uv sync|poetry install|poetry sync|pdm install|pdm sync)$/u.test(spec.trim());
}
