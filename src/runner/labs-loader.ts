/**
 * Loads the labs: every folder `labs/<id>/` of the package that holds a `lab.yaml` is a lab, whose id is the
 * folder's name; they are validated, sorted by their `order:` key (ties by id) and cached. No lab is named in code.
 *
 * Parsing lab.yaml files with the yaml package is the largest single cost of a `check` run (~50 ms cold), so the
 * build ships `dist/labs.json` ({"<id>": <parsed lab.yaml>, ...} for every lab folder). A lab is taken from it when
 * its lab.yaml is no newer than that file; a folder added (or a lab.yaml edited) after the build is parsed from its
 * YAML, so a new lab needs no rebuild and no code. Either way the data is validated the same way (validateLabDef),
 * and a bad lab.yaml is reported with its file and line.
 */
import {readdir, readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {LineCounter, parseDocument, type Document} from 'yaml';
import {sortLabs, type LabDef} from '../core/labs.js';
import {pathText, validateLabDef, type LabPath} from '../core/labs-validate.js';
import {packageRoot} from './package-root.js';

let cached: Promise<readonly LabDef[]> | undefined;

/** Where a build writes the pre-parsed lab definitions. */
export function labsJsonPath(root = packageRoot()): string {
	return join(root, 'dist', 'labs.json');
}

/** A lab folder as found on disk. */
export type LabFolder = {readonly id: string; readonly file: string; readonly mtimeMs: number};

/**
 * The lab folders of a package root: the directories under labs/ with a regular file lab.yaml (links are not
 * followed: a lab is content shipped in the package). Unsorted.
 */
export async function labFolders(root = packageRoot()): Promise<LabFolder[]> {
	const dir = join(root, 'labs');
	const entries = await readdir(dir, {withFileTypes: true});
	const found = await Promise.all(
		entries
			.filter((entry) => entry.isDirectory())
			.map(async (entry) => {
				const file = join(dir, entry.name, 'lab.yaml');
				try {
					const info = await stat(file);
					return info.isFile() ? {id: entry.name, file, mtimeMs: info.mtimeMs} : null;
				} catch {
					return null;
				}
			}),
	);
	return found.filter((folder): folder is LabFolder => folder !== null);
}

/** A lab definition that is not valid; the message names file:line:column of every problem. */
export class LabDefinitionError extends Error {
	override readonly name = 'LabDefinitionError';
}

function validated(id: string, data: unknown, source: string, where: (path: LabPath) => string = () => source): LabDef {
	const result = validateLabDef(data, id);
	if (result.ok) return result.lab;
	const lines = result.problems.map((problem) => `${where(problem.path)}: ${problem.path.length === 0 ? problem.message : `${pathText(problem.path)} ${problem.message}`}`);
	throw new LabDefinitionError(`dapr-labs: ${source} is not a valid lab definition:\n  ${lines.join('\n  ')}`);
}

/** `file:line:column` of the node at path, or of its nearest parent that exists (a missing key: its mapping). */
function placeOf(doc: Document, counter: LineCounter, file: string, path: LabPath): string {
	for (let length = path.length; length >= 0; length--) {
		const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
		const range = (node as {range?: [number, number, number]} | undefined)?.range;
		if (range) {
			const {line, col} = counter.linePos(range[0]);
			return `${file}:${line}:${col}`;
		}
	}
	return `${file}:1:1`;
}

/** A parsed lab.yaml: its data, and where a path of it is (`file:line:column`). */
export type LabYaml = {readonly data: unknown; readonly where: (path: LabPath) => string};

/** Parses one lab.yaml text (`file` names it in errors); YAML errors throw a LabDefinitionError with file:line. */
export function readLabYaml(text: string, file: string): LabYaml {
	const counter = new LineCounter();
	const doc = parseDocument(text, {lineCounter: counter, prettyErrors: false});
	if (doc.errors.length > 0) {
		const lines = doc.errors.map((error) => {
			const {line, col} = counter.linePos(error.pos[0]);
			return `${file}:${line}:${col}: ${error.message.split('\n')[0]}`;
		});
		throw new LabDefinitionError(`dapr-labs: ${file} is not valid YAML:\n  ${lines.join('\n  ')}`);
	}
	return {data: doc.toJS({maxAliasCount: 100}), where: (path) => placeOf(doc, counter, file, path)};
}

/** Parses and validates one lab.yaml text; every problem comes out as `file:line:column: what` in one LabDefinitionError. */
export function parseLabYaml(id: string, text: string, file: string): LabDef {
	const {data, where} = readLabYaml(text, file);
	return validated(id, data, file, where);
}

async function fromYaml(folder: LabFolder): Promise<LabDef> {
	return parseLabYaml(folder.id, await readFile(folder.file, 'utf8'), folder.file);
}

/** Every lab of a package root, parsed from its lab.yaml (never from dist/labs.json), validated, in list order. */
export async function readLabFolders(root = packageRoot()): Promise<LabDef[]> {
	return sortLabs(await Promise.all((await labFolders(root)).map(fromYaml)));
}

/** The pre-parsed labs of dist/labs.json with its time, or null when there is none (or it is unreadable). */
async function readLabsJson(root: string): Promise<{readonly data: Record<string, unknown>; readonly mtimeMs: number} | null> {
	try {
		const path = labsJsonPath(root);
		const [info, text] = await Promise.all([stat(path), readFile(path, 'utf8')]);
		const data: unknown = JSON.parse(text);
		return typeof data === 'object' && data !== null && !Array.isArray(data) ? {data: data as Record<string, unknown>, mtimeMs: info.mtimeMs} : null;
	} catch {
		return null;
	}
}

/**
 * Every lab of a package root, uncached: from dist/labs.json where it holds the folder's lab and is at least as new
 * as its lab.yaml, else from the YAML.
 */
export async function loadLabsFrom(root: string): Promise<readonly LabDef[]> {
	const [folders, json] = await Promise.all([labFolders(root), readLabsJson(root)]);
	const labs = await Promise.all(
		folders.map((folder) => {
			if (json && Object.hasOwn(json.data, folder.id) && folder.mtimeMs <= json.mtimeMs) return validated(folder.id, json.data[folder.id], labsJsonPath(root));
			return fromYaml(folder);
		}),
	);
	if (labs.length === 0) throw new LabDefinitionError(`dapr-labs: no lab in ${join(root, 'labs')} (a lab is a folder with a lab.yaml).`);
	return sortLabs(labs);
}

/** Every lab, in list order (`order:`, then id). Read once per process. */
export function loadLabs(): Promise<readonly LabDef[]> {
	cached ??= loadLabsFrom(packageRoot()).catch((error: unknown) => {
		cached = undefined;
		throw error;
	});
	return cached;
}
