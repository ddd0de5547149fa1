/** Small pure helpers the probe kinds share: parameter checks, JSON subsets and how they are described. */
import {isDeepStrictEqual} from 'node:util';
import type {ComponentDoc} from '../../core/model.js';
import {argOf, stringArg} from '../../core/rules/support.js';
import type {WorkspaceModel} from '../../core/rule.js';

export type Params = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks parameters against a table of `name → check` (each check returns a problem or null); unknown names are problems. */
export function checkParams(params: Params, table: Readonly<Record<string, (value: unknown) => string | null>>): string[] {
	const problems: string[] = [];
	for (const [name, value] of Object.entries(params)) {
		if (name === 'kind') continue;
		const check = table[name];
		if (!check) {
			problems.push(`unknown parameter "${name}" (known: ${Object.keys(table).join(', ')}).`);
			continue;
		}
		if (value === undefined) continue;
		const problem = check(value);
		if (problem) problems.push(`${name} ${problem}`);
	}
	return problems;
}

export const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? null : 'must be a non-empty string.');
export const positiveInteger = (value: unknown): string | null => (typeof value === 'number' && Number.isInteger(value) && value >= 1 ? null : 'must be a positive integer.');
export const stringList = (value: unknown): string | null => (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item !== '') ? null : 'must be a non-empty list of strings.');
export const mapping = (value: unknown): string | null => (isRecord(value) ? null : 'must be a mapping (key: value).');

/** Every key of `expected` is in `actual` with an equal value (deep equality per key). */
export function containsSubset(actual: unknown, expected: Params): boolean {
	if (!isRecord(actual)) return false;
	return Object.entries(expected).every(([key, value]) => key in actual && isDeepStrictEqual(actual[key], value));
}

/** `{"event": "task.completed", "task_id": "task-42"}`: a subset as the messages show it. */
export function describeSubset(expected: Params, keys: readonly string[] = []): string {
	const parts = [...Object.entries(expected).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`), ...keys.filter((key) => !(key in expected)).map((key) => `${JSON.stringify(key)}: ...`)];
	return `{${parts.join(', ')}}`;
}

/** A body as received: parsed when it is JSON text. */
export function jsonOf(json: unknown): unknown {
	if (typeof json !== 'string') return json;
	try {
		return JSON.parse(json);
	} catch {
		return undefined;
	}
}

/** The first statically known string passed to `method` (keyword or position), or null. */
export function callArg(model: WorkspaceModel, method: string, keyword: string, position: number): string | null {
	for (const call of model.python?.calls ?? []) {
		const value = call.method === method ? stringArg(argOf(call, keyword, position)) : null;
		if (value !== null) return value;
	}
	return null;
}

/** The named component of a type (any name when `name` is undefined: the first of that type with a name). */
export function componentOf(model: WorkspaceModel, type: string, name: string | undefined, accept: (doc: ComponentDoc) => boolean = () => true): ComponentDoc | null {
	return model.components.find((doc) => doc.type?.value === type && doc.name !== null && (name === undefined || doc.name.value === name) && accept(doc)) ?? null;
}
