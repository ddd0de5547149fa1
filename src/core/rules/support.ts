/**
 * Shared reading helpers for the rules: Dapr's own way of reading `direction`, which components are input or output
 * bindings, the path daprd POSTs to, and how Python names resolve through imports. Not a rule (no id).
 */
import {categoryOf, lookupComponentType} from '../catalog/index.js';
import type {CatalogEntry, ComponentDoc, MetadataItem, PythonModel} from '../model.js';
import type {WorkspaceModel} from '../rule.js';
import type {Span} from '../types.js';

/** Where findings that concern a whole folder or a missing file point. */
export const START: Span = {line: 1, column: 1};

/** The first metadata item named `key` (case-insensitive, as Dapr's metadata decoding and `direction` lookup are). */
export function metadataItem(doc: ComponentDoc, key: string): MetadataItem | undefined {
	const lower = key.toLowerCase();
	return (doc.metadata ?? []).find((item) => item.name?.value.toLowerCase() === lower);
}

/** The catalog entry of a document's spec.type, or null. Never throws. */
export function entryOf(doc: ComponentDoc): CatalogEntry | null {
	if (!doc.type) return null;
	try {
		return lookupComponentType(doc.type.value.trim());
	} catch {
		return null;
	}
}

/** The category of a component (`bindings`, `pubsub`, ...) as far as its type tells, or null. */
export function categoryOfDoc(doc: ComponentDoc): string | null {
	const entry = entryOf(doc);
	if (entry) return entry.category;
	if (!doc.type) return null;
	try {
		return categoryOf(doc.type.value.trim()) ?? null;
	} catch {
		return null;
	}
}

export type Direction =
	| {readonly present: false}
	| {
			readonly present: true;
			/** null when the value comes from envRef/secretKeyRef and cannot be read statically. */
			readonly raw: string | null;
			/** Lower-cased, trimmed, non-empty parts. */
			readonly parts: readonly string[];
			readonly item: MetadataItem;
			readonly span: Span;
	  };

/**
 * `direction` as daprd reads it (binding.go isBindingOfDirection): the key is case-insensitive, the value is split
 * on commas, each part trimmed and lower-cased. Only the first item is returned; daprd ORs all of them.
 */
export function directionOf(doc: ComponentDoc): Direction {
	const items = (doc.metadata ?? []).filter((item) => item.name?.value.toLowerCase() === 'direction');
	if (items.length === 0) return {present: false};
	const item = items[0]!;
	if (items.some((i) => !i.value)) {
		const known = items.find((i) => i.value) ?? item;
		if (!known.value) return {present: true, raw: null, parts: [], item, span: item.span};
	}
	const raw = items.map((i) => i.value?.value ?? '').join(',');
	const parts = raw
		.split(',')
		.map((part) => part.trim().toLowerCase())
		.filter((part) => part !== '');
	return {present: true, raw, parts, item, span: item.value?.span ?? item.span};
}

/** Whether daprd would register the side (`input` / `output`) for this document's direction. */
export function directionAllows(doc: ComponentDoc, side: 'input' | 'output'): boolean {
	const direction = directionOf(doc);
	if (!direction.present) return true;
	// A value we cannot read (envRef/secretKeyRef) is given the benefit of the doubt.
	if (direction.raw === null) return true;
	return direction.parts.includes(side);
}

/** Components that daprd starts as input bindings: an input-capable binding type whose direction allows input. */
export function inputBindings(model: WorkspaceModel): readonly ComponentDoc[] {
	return model.components.filter((doc) => doc.name && doc.name.value !== '' && entryOf(doc)?.binding?.input === true && directionAllows(doc, 'input'));
}

/** Components that daprd registers as output bindings. */
export function outputBindings(model: WorkspaceModel): readonly ComponentDoc[] {
	return model.components.filter((doc) => doc.name && doc.name.value !== '' && entryOf(doc)?.binding?.output === true && directionAllows(doc, 'output'));
}

/** The path daprd POSTs an input binding's events to: the `route` metadata (exact key) else `/<metadata.name>`. */
export function expectedPath(doc: ComponentDoc): {readonly path: string; readonly fromRoute: boolean} {
	const route = (doc.metadata ?? []).find((item) => item.name?.value === 'route');
	const value = route?.value?.value.trim();
	if (value) return {path: value.startsWith('/') ? value : `/${value}`, fromRoute: true};
	return {path: `/${doc.name?.value ?? ''}`, fromRoute: false};
}

/** The Python model when it can be trusted: present and free of syntax errors (python/syntax reports those). */
export function readyPython(model: WorkspaceModel): PythonModel | null {
	const python = model.python;
	if (!python || python.syntaxErrors.length > 0) return null;
	return python;
}

/**
 * Resolves a dotted callee through the module's imports to a qualified name: `DC` (from dapr.clients import
 * DaprClient as DC) → `dapr.clients.DaprClient`; `dc.DaprClient` (import dapr.clients as dc) → the same. Names
 * that are not imported come back unchanged.
 */
export function resolveName(python: PythonModel, callee: string): string {
	const [head, ...rest] = callee.split('.');
	if (!head) return callee;
	// The last import binding a name wins, as at run time for module-level imports.
	const binding = [...python.imports].reverse().find((imp) => imp.alias === head);
	if (!binding) return callee;
	let base: string;
	if (binding.name !== null) base = `${binding.module}.${binding.name}`;
	else base = binding.alias === binding.module.split('.')[0] ? binding.alias : binding.module;
	return [base, ...rest].join('.');
}

/** A route template (`/tasks/{task_id}/complete`, Flask `/<int:id>`) as a RegExp, or null when it has no params. */
export function routePattern(path: string): RegExp | null {
	if (!/[{<]/.test(path)) return null;
	let source = '^';
	const token = /\{([^}]*)\}|<([^>]*)>/g;
	let last = 0;
	for (let match = token.exec(path); match; match = token.exec(path)) {
		source += escapeRegExp(path.slice(last, match.index));
		const spec = match[1] ?? match[2] ?? '';
		// `{p:path}` (Starlette) and `<path:p>` (Flask) match across slashes.
		source += /(^path:|:path$)/.test(spec) ? '.+' : '[^/]+';
		last = match.index + match[0].length;
	}
	source += escapeRegExp(path.slice(last)) + '$';
	try {
		return new RegExp(source);
	} catch {
		return null;
	}
}

/** Whether a route path serves the request path (exact, or a template that matches it). */
export function routeMatches(routePath: string, requestPath: string): boolean {
	if (routePath === requestPath) return true;
	return routePattern(routePath)?.test(requestPath) ?? false;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Quotes a value for a message, shortened so a pasted 10 KB line cannot flood the terminal. */
export function short(text: string, max = 80): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `file:line` for messages. */
export function where(file: string, span: Span): string {
	return `${file}:${span.line}`;
}
