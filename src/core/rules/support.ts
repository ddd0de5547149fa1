/**
 * Shared reading helpers for the rules: Dapr's own way of reading `direction`, which components are input or output
 * bindings, the path daprd POSTs to, and how Python names resolve through imports. Not a rule (no id).
 */
import {categoryOf} from '../catalog/index.js';
import {entryOf} from '../dapr/components.js';
import type {ComponentDoc, DockerfileModel, PyArg, PyCall, PythonModel, PyWith} from '../model.js';
import type {WorkspaceModel} from '../rule.js';
import type {Span} from '../types.js';

// Dapr behaviour lives in core/dapr/ (one home); re-exported for the rules that read it from here.
export {entryOf, metadataItem} from '../dapr/components.js';
export {directionAllows, directionOf, expectedPath, inputBindings, outputBindings, type Direction} from '../dapr/bindings.js';

/** Where findings that concern a whole folder or a missing file point. */
export const START: Span = {line: 1, column: 1};

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

/** The Python model when it can be trusted: present and free of syntax errors (python/syntax reports those). */
export function readyPython(model: WorkspaceModel): PythonModel | null {
	const python = model.python;
	if (!python || python.syntaxErrors.length > 0) return null;
	return python;
}

/**
 * The Dockerfile model when the rules can read it: present, and not emptied because the file could not be read at
 * all (too large, or the parser gave up); dockerfile/syntax reports that case alone.
 */
export function readyDockerfile(model: WorkspaceModel): DockerfileModel | null {
	const dockerfile = model.dockerfile;
	if (!dockerfile) return null;
	if (dockerfile.instructions.length === 0 && dockerfile.syntaxErrors.length > 0) return null;
	return dockerfile;
}

/**
 * The qualified name of a call's callee or a `with` item's context as the Python model resolved it through the
 * imports (`DC` → `dapr.clients.DaprClient`); the text as written when it is not imported.
 */
export function qualifiedName(item: PyCall | PyWith): string {
	if ('contextCallee' in item) return item.contextQualified ?? item.contextCallee;
	return item.qualifiedCallee ?? item.callee;
}

// How a route path matches a request, and how a POST route is written, are framework knowledge
// (core/python/frameworks.ts); re-exported for the rules.
export {decoratorFor, routeMatches, routePattern} from '../python/frameworks.js';

/** Quotes a value for a message, shortened so a pasted 10 KB line cannot flood the terminal. */
export function short(text: string, max = 80): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `file:line` for messages. */
export function where(file: string, span: Span): string {
	return `${file}:${span.line}`;
}


/** Where the app object is built (`app = FastAPI()`), for findings about a handler that does not exist. */
export function appConstruction(python: PythonModel): Span {
	const ctor = python.calls.find((call) => call.inFunction === null && /(^|\.)(FastAPI|Flask|App)$/.test(call.callee));
	return ctor ? ctor.span : START;
}

/** An argument by keyword, or else by position (0-based, receiver excluded). */
export function argOf(call: PyCall, keyword: string, position: number): PyArg | undefined {
	return call.args.find((arg) => arg.keyword === keyword) ?? call.args.find((arg) => arg.keyword === null && arg.position === position);
}

/** The statically known string value of an argument, or null. */
export function stringArg(arg: PyArg | undefined): string | null {
	return arg?.value.kind === 'string' ? arg.value.value : null;
}
