/**
 * Validates parsed lab.yaml data into a LabDef, with every problem named by its path (`steps[2].points`) and the
 * path as keys, so the loader can point at the file and line. Pure and cheap: it runs at every start on the
 * pre-parsed labs. labs/lab.schema.json says the same in JSON Schema (for the build, editors and instructors); a
 * test (test/content/lab-schema.test.ts) keeps the two in step.
 */
import {LAB_ID_PATTERN, type LabDef, type ProbeDef, type RuntimeDef, type StepDef} from './labs.js';

/** Where a problem is: keys and indexes from the top of lab.yaml, e.g. ['steps', 2, 'points']. */
export type LabPath = readonly (string | number)[];
export type LabProblem = {readonly path: LabPath; readonly message: string};

/** The keys lab.yaml may have (anything else is a typo the schema rejects too). */
export const LAB_KEYS = ['id', 'order', 'title', 'summary', 'appId', 'requiredComponents', 'needsDaprSdk', 'realDaprNotes', 'steps', 'runtime'] as const;
export const STEP_KEYS = ['id', 'title', 'kind', 'files', 'rules', 'points', 'instructions', 'hints', 'solutionFiles', 'starterFails'] as const;
/** A probe kind names a module file, src/runner/probes/<kind>.ts. */
export const PROBE_KIND_PATTERN = /^[a-z][a-z0-9-]*$/;

class Problems {
	readonly list: LabProblem[] = [];
	add(path: LabPath, message: string): void {
		this.list.push({path, message});
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `steps[2].points`, the way messages name a place. */
export function pathText(path: LabPath): string {
	let out = '';
	for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
	return out;
}

function str(data: Record<string, unknown>, key: string, at: LabPath, problems: Problems, optional = false): string {
	const value = data[key];
	if (value === undefined && optional) return '';
	if (typeof value !== 'string' || (!optional && value.trim() === '')) {
		problems.add([...at, key], 'must be a non-empty string.');
		return '';
	}
	return value;
}

function strList(data: Record<string, unknown>, key: string, at: LabPath, problems: Problems, optional = false): string[] {
	const value = data[key];
	if (value === undefined && optional) return [];
	if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
		problems.add([...at, key], 'must be a list of strings.');
		return [];
	}
	return value as string[];
}

function unknownKeys(data: Record<string, unknown>, known: readonly string[], at: LabPath, problems: Problems): void {
	for (const key of Object.keys(data)) if (!known.includes(key)) problems.add([...at, key], `is not a key of ${at.length === 0 ? 'a lab' : 'this mapping'} (known: ${known.join(', ')}).`);
}

function validateStep(data: unknown, index: number, problems: Problems): StepDef | null {
	const at = ['steps', index];
	if (!isRecord(data)) {
		problems.add(at, 'must be a mapping.');
		return null;
	}
	unknownKeys(data, STEP_KEYS, at, problems);
	const kind = data['kind'];
	if (kind !== 'static' && kind !== 'runtime') problems.add([...at, 'kind'], 'must be static or runtime.');
	const points = data['points'];
	if (typeof points !== 'number' || !Number.isInteger(points) || points < 0) problems.add([...at, 'points'], 'must be a non-negative integer.');
	const step: StepDef = {
		id: str(data, 'id', at, problems),
		title: str(data, 'title', at, problems),
		kind: kind === 'runtime' ? 'runtime' : 'static',
		files: strList(data, 'files', at, problems),
		rules: strList(data, 'rules', at, problems),
		points: typeof points === 'number' ? points : 0,
		instructions: str(data, 'instructions', at, problems),
		hints: strList(data, 'hints', at, problems),
		solutionFiles: strList(data, 'solutionFiles', at, problems),
		...(data['starterFails'] === undefined ? {} : {starterFails: strList(data, 'starterFails', at, problems)}),
	};
	if (step.rules.length === 0) problems.add([...at, 'rules'], "must name at least one rule (or '*').");
	if (step.kind === 'runtime' && !(step.rules.length === 1 && step.rules[0] === '*')) problems.add([...at, 'rules'], "of a runtime step must be ['*'].");
	if (step.kind === 'static' && step.rules.includes('*')) problems.add([...at, 'rules'], "of a static step cannot be '*'.");
	return step;
}

/**
 * The structure of `runtime:`: a list of probes, each a mapping with a `kind`. The parameters of each kind are
 * the probe module's to validate (src/runner/probes/<kind>.ts), not this function's.
 */
function validateRuntime(data: unknown, problems: Problems): RuntimeDef | undefined {
	if (!isRecord(data)) {
		problems.add(['runtime'], 'must be a mapping with a list of probes.');
		return undefined;
	}
	unknownKeys(data, ['probes'], ['runtime'], problems);
	const probes = data['probes'];
	if (!Array.isArray(probes) || probes.length === 0) {
		problems.add(['runtime', 'probes'], 'must be a non-empty list of probes.');
		return undefined;
	}
	const out: ProbeDef[] = [];
	probes.forEach((probe: unknown, index) => {
		if (!isRecord(probe)) problems.add(['runtime', 'probes', index], 'must be a mapping with a kind.');
		else if (typeof probe['kind'] !== 'string' || !PROBE_KIND_PATTERN.test(probe['kind'])) problems.add(['runtime', 'probes', index, 'kind'], 'must be a probe kind such as cron-triggers (lower case letters, digits and dashes).');
		else out.push(probe as ProbeDef);
	});
	return {probes: out};
}

export type LabValidation = {ok: true; lab: LabDef} | {ok: false; errors: string[]; problems: readonly LabProblem[]};

/**
 * Checks lab.yaml data (as parsed YAML) of the folder `labs/<folderId>/` and returns a typed LabDef, or every
 * problem found. The id is the folder's name; an `id:` key, when present, must say the same.
 */
export function validateLabDef(data: unknown, folderId: string): LabValidation {
	const problems = new Problems();
	if (!isRecord(data)) return {ok: false, errors: ['The lab definition must be a mapping.'], problems: [{path: [], message: 'The lab definition must be a mapping.'}]};
	unknownKeys(data, LAB_KEYS, [], problems);
	if (!LAB_ID_PATTERN.test(folderId)) problems.add([], `The folder name "${folderId}" is not a lab id: lower case letters, digits and dashes, starting with a letter, 2 to 41 characters.`);
	const id = data['id'];
	if (id !== undefined && id !== folderId) problems.add(['id'], `must be the folder's name, "${folderId}" (or be left out).`);
	const order = data['order'];
	if (typeof order !== 'number' || !Number.isFinite(order)) problems.add(['order'], 'must be a number (labs are listed by it, smallest first).');
	const groups = data['requiredComponents'];
	const requiredComponents: string[][] = [];
	if (!Array.isArray(groups) || groups.some((group) => !Array.isArray(group) || group.length === 0 || group.some((t) => typeof t !== 'string'))) {
		problems.add(['requiredComponents'], 'must be a list of non-empty lists of component types.');
	} else {
		for (const group of groups as string[][]) requiredComponents.push([...group]);
	}
	if (typeof data['needsDaprSdk'] !== 'boolean') problems.add(['needsDaprSdk'], 'must be true or false.');
	const rawSteps = data['steps'];
	const steps: StepDef[] = [];
	if (!Array.isArray(rawSteps) || rawSteps.length === 0) problems.add(['steps'], 'must be a non-empty list.');
	else rawSteps.forEach((raw: unknown, index) => {
		const step = validateStep(raw, index, problems);
		if (step) steps.push(step);
	});
	const ids = steps.map((step) => step.id);
	const duplicate = ids.findIndex((stepId, index) => ids.indexOf(stepId) !== index);
	if (duplicate >= 0) problems.add(['steps', duplicate, 'id'], `"${ids[duplicate]}" is used twice.`);
	const notes = data['realDaprNotes'];
	if (notes !== undefined && (!Array.isArray(notes) || notes.some((note) => typeof note !== 'string'))) problems.add(['realDaprNotes'], 'must be a list of strings.');
	const runtime = data['runtime'] === undefined ? undefined : validateRuntime(data['runtime'], problems);
	const lab: LabDef = {
		id: folderId,
		order: typeof order === 'number' ? order : 0,
		title: str(data, 'title', [], problems),
		summary: str(data, 'summary', [], problems),
		appId: str(data, 'appId', [], problems),
		requiredComponents,
		needsDaprSdk: data['needsDaprSdk'] === true,
		steps,
		...(Array.isArray(notes) ? {realDaprNotes: notes as string[]} : {}),
		...(runtime ? {runtime} : {}),
	};
	if (problems.list.length === 0) return {ok: true, lab};
	return {ok: false, errors: problems.list.map((problem) => (problem.path.length === 0 ? problem.message : `${pathText(problem.path)} ${problem.message}`)), problems: problems.list};
}
