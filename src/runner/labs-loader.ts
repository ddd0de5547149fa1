/**
 * Loads the lab definitions shipped in labs/<id>/lab.yaml (content, not code), validates them and caches them.
 *
 * Parsing the three lab.yaml files with the yaml package is the largest single cost of a `check` run (~50 ms cold),
 * so a build may ship `dist/labs.json` ({"lab-a": <parsed lab.yaml>, ...}); it is used only when it is at least as
 * new as every lab.yaml, and it is validated exactly like the YAML.
 */
import {readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {parse} from 'yaml';
import type {LabDef} from '../core/labs.js';
import {validateLabDef} from '../core/labs-validate.js';
import {LAB_IDS, type LabId} from '../core/types.js';
import {packageRoot} from './package-root.js';

let cached: Promise<readonly LabDef[]> | undefined;

/** Where a build writes the pre-parsed lab definitions. */
export function labsJsonPath(root = packageRoot()): string {
	return join(root, 'dist', 'labs.json');
}

function validated(id: LabId, data: unknown, source: string): LabDef {
	const result = validateLabDef(data);
	if (!result.ok) throw new Error(`dapr-labs: ${source} is not a valid lab definition:\n  ${result.errors.join('\n  ')}`);
	if (result.lab.id !== id) throw new Error(`dapr-labs: ${source} declares id "${result.lab.id}", expected "${id}".`);
	return result.lab;
}

async function fromJson(root: string): Promise<readonly LabDef[] | null> {
	try {
		const path = labsJsonPath(root);
		const [json, ...yamls] = await Promise.all([stat(path), ...LAB_IDS.map((id) => stat(join(root, 'labs', id, 'lab.yaml')))]);
		if (yamls.some((yaml) => yaml.mtimeMs > json.mtimeMs)) return null;
		const data = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
		return LAB_IDS.map((id) => validated(id, data[id], path));
	} catch {
		return null;
	}
}

async function fromYaml(root: string, id: LabId): Promise<LabDef> {
	const path = join(root, 'labs', id, 'lab.yaml');
	return validated(id, parse(await readFile(path, 'utf8'), {maxAliasCount: 100}), path);
}

/** Every lab, parsed from labs/<id>/lab.yaml (not from any dist cache): what a build writes to dist/labs.json. */
export async function readLabYamls(root = packageRoot()): Promise<Record<LabId, unknown>> {
	const entries = await Promise.all(LAB_IDS.map(async (id) => [id, parse(await readFile(join(root, 'labs', id, 'lab.yaml'), 'utf8'), {maxAliasCount: 100})] as const));
	return Object.fromEntries(entries) as Record<LabId, unknown>;
}

/** Every lab, in the order lab-a, lab-b, combined. Read once per process. */
export function loadLabs(): Promise<readonly LabDef[]> {
	cached ??= (async () => {
		const root = packageRoot();
		return (await fromJson(root)) ?? (await Promise.all(LAB_IDS.map((id) => fromYaml(root, id))));
	})().catch((error: unknown) => {
		cached = undefined;
		throw error;
	});
	return cached;
}
