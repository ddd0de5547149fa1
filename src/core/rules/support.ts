/**
 * Shared reading helpers for the rules: Dapr's own way of reading `direction`, which components are input or output
 * bindings, the path daprd POSTs to, and how Python names resolve through imports. Not a rule (no id).
 */
import {categoryOf, lookupComponentType} from '../catalog/index.js';
import type {CatalogEntry, ComponentDoc, DockerfileModel, MetadataItem, PyArg, PyCall, PyRoute, PythonModel, PyWith} from '../model.js';
import {editDistance} from '../text.js';
import type {WorkspaceModel} from '../rule.js';
import type {Span} from '../types.js';
import {ADD_ROUTE_METHODS, routeMatches, routePattern} from '../python/frameworks.js';

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

// ---------------------------------------------------------------------------------------------------------
// Input bindings against the app's routes (shared by the three input-binding/* rules so they never disagree)


export type InputVerdict =
	/** `routes`: the routes that serve it (their handlers are what daprd runs on each event). */
	| {readonly kind: 'served'; readonly routes?: readonly PyRoute[]}
	| {readonly kind: 'wrong-method'; readonly route: PyRoute}
	| {readonly kind: 'mismatch'; readonly route: PyRoute}
	/** The path is served, but only by a route on a router/blueprint that is never included into the app. */
	| {readonly kind: 'unmounted'; readonly route: PyRoute}
	/** Some routes cannot be read statically (a computed path, or `app.add_api_route(...)`): no claim is made. */
	| {readonly kind: 'unverifiable'; readonly texts: readonly string[]; readonly span: Span; readonly file?: string}
	| {readonly kind: 'none'};

export type InputCheck = {readonly doc: ComponentDoc; readonly path: string; readonly fromRoute: boolean; readonly verdict: InputVerdict};

function fold(text: string): string {
	return text.toLowerCase().replaceAll('_', '-');
}

/** Close enough to be a typo: equal after folding case and `_`→`-`, or within max(2, a third of the length) edits. */
export function isClose(got: string, want: string): boolean {
	if (fold(got) === fold(want)) return true;
	const limit = Math.max(2, Math.floor(want.length / 3));
	return editDistance(fold(got), fold(want), limit) <= limit;
}

function acceptsPost(route: PyRoute): boolean {
	return route.methods.some((method) => method.toUpperCase() === 'POST');
}

/** For each input binding daprd starts, whether the app serves `POST <path>` and, if not, the closest culprit. */
export function checkInputBindings(model: WorkspaceModel, python: PythonModel): readonly InputCheck[] {
	const bindings = inputBindings(model);
	const expected = bindings.map((doc) => ({doc, ...expectedPath(doc)}));
	// A route on a router that is never included is not served by the app: Dapr cannot reach it.
	const reachable = python.routes.filter((route) => route.mounted !== false);
	const unmounted = python.routes.filter((route) => route.mounted === false);
	const pathMatches = (route: PyRoute, path: string, name: string): boolean =>
		route.kind === 'grpc-binding' ? route.path === name : route.path !== null && routeMatches(route.path, path);
	// A route whose methods cannot be read is given the benefit of the doubt for POST (no wrong-method claim).
	const servesPath = (route: PyRoute, path: string, name: string): boolean =>
		pathMatches(route, path, name) && (route.kind === 'grpc-binding' || route.methodsUnknown === true || acceptsPost(route));
	return expected.map(({doc, path, fromRoute}): InputCheck => {
		const name = doc.name?.value ?? '';
		const routes = reachable;
		const serving = routes.filter((route) => servesPath(route, path, name));
		if (serving.length > 0) return {doc, path, fromRoute, verdict: {kind: 'served', routes: serving}};
		// Routes from somewhere the checker cannot read (an include it cannot follow, a module it could not read):
		// the handler may be there, so nothing is claimed; `dapr-labs run` verifies it.
		const sources = python.routeSources ?? [];
		if (sources.length > 0) {
			return {doc, path, fromRoute, verdict: {kind: 'unverifiable', texts: sources.map((source) => `${source.text} at ${where(source.file, source.span)}`), span: sources[0]!.span, file: sources[0]!.file}};
		}
		const wrongMethod = routes.find((route) => route.kind === 'http' && pathMatches(route, path, name) && !acceptsPost(route));
		if (wrongMethod) return {doc, path, fromRoute, verdict: {kind: 'wrong-method', route: wrongMethod}};
		const stranded = unmounted.find((route) => pathMatches(route, path, name));
		if (stranded) return {doc, path, fromRoute, verdict: {kind: 'unmounted', route: stranded}};
		// A route that serves another input binding is that binding's handler, not a typo of this one.
		const others = expected.filter((other) => other.doc !== doc);
		const candidates = routes.filter(
			(route) =>
				route.path !== null &&
				routePattern(route.kind === 'http' ? route.path : '') === null &&
				!others.some((other) => servesPath(route, other.path, other.doc.name?.value ?? '')),
		);
		let best: PyRoute | null = null;
		let bestDistance = Number.POSITIVE_INFINITY;
		for (const route of candidates) {
			const want = route.kind === 'grpc-binding' ? name : path;
			const got = route.path!;
			if (!isClose(got, want)) continue;
			const distance = fold(got) === fold(want) ? 0 : editDistance(fold(got), fold(want));
			if (distance < bestDistance) {
				best = route;
				bestDistance = distance;
			}
		}
		if (best) return {doc, path, fromRoute, verdict: {kind: 'mismatch', route: best}};
		const unknown = routes.filter((route) => route.path === null);
		if (unknown.length > 0) {
			return {doc, path, fromRoute, verdict: {kind: 'unverifiable', texts: unknown.map((route) => `${route.pathText} at ${where(route.file ?? python.file, route.decoratorSpan)}`), span: unknown[0]!.decoratorSpan, file: unknown[0]!.file ?? python.file}};
		}
		// Routes registered by a call rather than a decorator: their methods are not statically known.
		const added = python.calls.filter((call) => ADD_ROUTE_METHODS.has(call.method));
		if (added.length > 0) {
			return {doc, path, fromRoute, verdict: {kind: 'unverifiable', texts: added.map((call) => `${call.callee}(...)`), span: added[0]!.span}};
		}
		return {doc, path, fromRoute, verdict: {kind: 'none'}};
	});
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
