/**
 * Loads the lab definitions shipped in labs/<id>/lab.yaml (content, not code), validates them and caches them.
 */
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parse} from 'yaml';
import type {LabDef} from '../core/labs.js';
import {validateLabDef} from '../core/labs-validate.js';
import {LAB_IDS} from '../core/types.js';
import {packageRoot} from './package-root.js';

let cached: Promise<readonly LabDef[]> | undefined;

async function loadOne(id: string): Promise<LabDef> {
	const path = join(packageRoot(), 'labs', id, 'lab.yaml');
	const data: unknown = parse(await readFile(path, 'utf8'), {maxAliasCount: 100});
	const result = validateLabDef(data);
	if (!result.ok) throw new Error(`dapr-labs: ${path} is not a valid lab definition:\n  ${result.errors.join('\n  ')}`);
	if (result.lab.id !== id) throw new Error(`dapr-labs: ${path} declares id "${result.lab.id}", expected "${id}".`);
	return result.lab;
}

/** Every lab, in the order lab-a, lab-b, combined. Read once per process. */
export function loadLabs(): Promise<readonly LabDef[]> {
	cached ??= Promise.all(LAB_IDS.map(loadOne)).catch((error: unknown) => {
		cached = undefined;
		throw error;
	});
	return cached;
}
