/**
 * Delivery of input-binding events to the app: daprd POSTs each event to the binding's path (bindings.ts
 * expectedPath) on the app port, after an OPTIONS probe when the component has no `direction` (dapr/dapr
 * pkg/runtime/processor/binding/send.go isAppSubscribedToBinding: a 2xx or 405 answer counts as subscribed). Here:
 * whether the app's routes serve that POST (shared by the input-binding/* rules, so they never disagree), and the
 * route a student most likely meant for a path (the runtime diagnosis).
 */
import type {ComponentDoc, PyRoute, PythonModel} from '../model.js';
import type {WorkspaceModel} from '../rule.js';
import {ADD_ROUTE_METHODS, routeMatches, routePattern} from '../python/frameworks.js';
import {where} from '../rules/support.js';
import {didYouMean, editDistance} from '../text.js';
import type {Span} from '../types.js';
import {expectedPath, inputBindings} from './bindings.js';

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


// Delivery verdicts per model: the three input-binding/* rules and the completeness rules all ask, once per check.
const verdicts = new WeakMap<WorkspaceModel, {readonly python: PythonModel; readonly checks: readonly InputCheck[]}>();

/**
 * For each input binding daprd starts, whether the app serves `POST <path>` and, if not, the closest culprit.
 * Computed once per model (and Python model): every rule that asks gets the same answer.
 */
export function checkInputBindings(model: WorkspaceModel, python: PythonModel): readonly InputCheck[] {
	const cached = verdicts.get(model);
	if (cached && cached.python === python) return cached.checks;
	const checks = judgeInputBindings(model, python);
	verdicts.set(model, {python, checks});
	return checks;
}

function judgeInputBindings(model: WorkspaceModel, python: PythonModel): readonly InputCheck[] {
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

/**
 * The route the student most likely meant for a binding path: the exact one, a close name, else the only POST route
 * without path parameters (a binding route has none).
 */
export function likelyRoute(want: string, httpRoutes: readonly PyRoute[]): PyRoute | null {
	const exact = httpRoutes.find((r) => r.path === want);
	if (exact) return exact;
	const closest = didYouMean(want, httpRoutes.map((route) => route.path ?? '').filter(Boolean));
	if (closest) return httpRoutes.find((r) => r.path === closest) ?? null;
	const plain = httpRoutes.filter((r) => r.methods.includes('POST') && r.path !== null && !r.path.includes('{'));
	return plain.length === 1 ? plain[0]! : null;
}

/** The path daprd delivers the events of the binding named `name` to: its component's (route metadata or name), else `/<name>`. */
export function deliveryPathOf(model: WorkspaceModel | null, name: string): string {
	const doc = model?.components.find((candidate) => candidate.name?.value === name);
	return doc ? expectedPath(doc).path : `/${name}`;
}
