/**
 * Validates parsed lab.yaml data into a LabDef, with every problem named by its path (`steps[2].points`). Pure.
 */
import type {LabDef, StepDef} from './labs.js';
import {parseRuntimeDef, type RuntimeDef} from './run-plan.js';
import {LAB_IDS, type LabId} from './types.js';

type Errors = string[];

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(data: Record<string, unknown>, key: string, at: string, errors: Errors, optional = false): string {
	const value = data[key];
	if (value === undefined && optional) return '';
	if (typeof value !== 'string' || (!optional && value.trim() === '')) {
		errors.push(`${at}${key} must be a non-empty string.`);
		return '';
	}
	return value;
}

function strList(data: Record<string, unknown>, key: string, at: string, errors: Errors, optional = false): string[] {
	const value = data[key];
	if (value === undefined && optional) return [];
	if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
		errors.push(`${at}${key} must be a list of strings.`);
		return [];
	}
	return value as string[];
}

function validateStep(data: unknown, index: number, errors: Errors): StepDef | null {
	const at = `steps[${index}].`;
	if (!isRecord(data)) {
		errors.push(`steps[${index}] must be a mapping.`);
		return null;
	}
	const kind = data['kind'];
	if (kind !== 'static' && kind !== 'runtime') errors.push(`${at}kind must be static or runtime.`);
	const points = data['points'];
	if (typeof points !== 'number' || !Number.isInteger(points) || points < 0) errors.push(`${at}points must be a non-negative integer.`);
	const step: StepDef = {
		id: str(data, 'id', at, errors),
		title: str(data, 'title', at, errors),
		kind: kind === 'runtime' ? 'runtime' : 'static',
		files: strList(data, 'files', at, errors),
		rules: strList(data, 'rules', at, errors),
		points: typeof points === 'number' ? points : 0,
		instructions: str(data, 'instructions', at, errors),
		hints: strList(data, 'hints', at, errors),
		solutionFiles: strList(data, 'solutionFiles', at, errors),
		...(data['starterFails'] === undefined ? {} : {starterFails: strList(data, 'starterFails', at, errors)}),
	};
	if (step.rules.length === 0) errors.push(`${at}rules must name at least one rule (or '*').`);
	if (step.kind === 'runtime' && !(step.rules.length === 1 && step.rules[0] === '*')) errors.push(`${at}rules of a runtime step must be ['*'].`);
	if (step.kind === 'static' && step.rules.includes('*')) errors.push(`${at}rules of a static step cannot be '*'.`);
	return step;
}

/** Checks lab.yaml data (as parsed YAML) and returns a typed LabDef, or every problem found. */
export function validateLabDef(data: unknown): {ok: true; lab: LabDef} | {ok: false; errors: string[]} {
	const errors: Errors = [];
	if (!isRecord(data)) return {ok: false, errors: ['The lab definition must be a mapping.']};
	const id = data['id'];
	if (typeof id !== 'string' || !(LAB_IDS as readonly string[]).includes(id)) errors.push(`id must be one of ${LAB_IDS.join(', ')}.`);
	const groups = data['requiredComponents'];
	const requiredComponents: string[][] = [];
	if (!Array.isArray(groups) || groups.some((group) => !Array.isArray(group) || group.length === 0 || group.some((t) => typeof t !== 'string'))) {
		errors.push('requiredComponents must be a list of non-empty lists of component types.');
	} else {
		for (const group of groups as string[][]) requiredComponents.push([...group]);
	}
	if (typeof data['needsDaprSdk'] !== 'boolean') errors.push('needsDaprSdk must be true or false.');
	const rawSteps = data['steps'];
	const steps: StepDef[] = [];
	if (!Array.isArray(rawSteps) || rawSteps.length === 0) errors.push('steps must be a non-empty list.');
	else rawSteps.forEach((raw, index) => {
		const step = validateStep(raw, index, errors);
		if (step) steps.push(step);
	});
	const ids = steps.map((step) => step.id);
	const duplicate = ids.find((stepId, index) => ids.indexOf(stepId) !== index);
	if (duplicate) errors.push(`steps: id "${duplicate}" is used twice.`);
	const notes = data['realDaprNotes'];
	if (notes !== undefined && (!Array.isArray(notes) || notes.some((note) => typeof note !== 'string'))) errors.push('realDaprNotes must be a list of strings.');
	const lab: LabDef = {
		id: (typeof id === 'string' ? id : 'lab-a') as LabId,
		title: str(data, 'title', '', errors),
		summary: str(data, 'summary', '', errors),
		appId: str(data, 'appId', '', errors),
		requiredComponents,
		needsDaprSdk: data['needsDaprSdk'] === true,
		steps,
		...(Array.isArray(notes) ? {realDaprNotes: notes as string[]} : {}),
	};
	const runtime = parseRuntimeDef(data['runtime'], errors);
	if (runtime) (lab as {runtime?: RuntimeDef}).runtime = runtime;
	return errors.length > 0 ? {ok: false, errors} : {ok: true, lab};
}
