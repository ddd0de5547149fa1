/**
 * The lab choices of every `--lab` (and of `run <lab>`), read from the lab definitions (labs/<id>/lab.yaml, in their
 * `order:`) when a command runs or prints its help: no command names a lab. The first lab is the default lab.
 */
import type {LabDef} from '../../core/labs.js';

/** The lab definitions, loaded on first use (runner/labs-loader.ts caches them for the process). */
export async function labDefs(): Promise<readonly LabDef[]> {
	return (await import('../../runner/labs-loader.js')).loadLabs();
}

/** Every lab id, in the labs' order. */
export async function labIds(): Promise<readonly string[]> {
	return (await labDefs()).map((lab) => lab.id);
}

/** Every lab id, then `all`. */
export async function labIdsOrAll(): Promise<readonly string[]> {
	return [...(await labIds()), 'all'];
}

/** The default lab: the first in the labs' order. */
export async function firstLab(): Promise<string> {
	const [first] = await labIds();
	if (first === undefined) throw new Error('dapr-labs: no lab is defined (labs/*/lab.yaml).');
	return first;
}
