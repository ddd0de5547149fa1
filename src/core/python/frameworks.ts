/**
 * Python web framework knowledge, in one place: which classes build an app or a router (FastAPI / APIRouter, Flask /
 * Blueprint, dapr.ext.grpc App), how each framework declares a route and mounts a router (decorators, `methods=`,
 * include_router / register_blueprint and their prefix keywords), how a route path matches a request, and how a POST
 * route is written in each, for every hint that suggests one. The Python model reads routes with it (routes.ts,
 * starlette.ts, project.ts) and the rules and the run diagnosis build their hints with it, so a Flask app is told to
 * write `@bp.route("/x", methods=["POST"])`, never `@app.post("/x")`.
 */
import type {PyFramework, PyRoute, PythonModel} from '../model.js';

// ---------------------------------------------------------------------------------------------------------
// Apps and routers

/** What a constructor call builds: an app (serves its routes) or a router (serves them once included). */
export type Construct = {readonly framework: PyFramework; readonly role: 'app' | 'router'};

/** Fully qualified constructors (as the imports resolve them). */
export const CONSTRUCTORS: Readonly<Record<string, Construct>> = {
	'fastapi.FastAPI': {framework: 'fastapi', role: 'app'},
	'fastapi.applications.FastAPI': {framework: 'fastapi', role: 'app'},
	'fastapi.APIRouter': {framework: 'fastapi', role: 'router'},
	'fastapi.routing.APIRouter': {framework: 'fastapi', role: 'router'},
	'flask.Flask': {framework: 'flask', role: 'app'},
	'flask.app.Flask': {framework: 'flask', role: 'app'},
	'flask.Blueprint': {framework: 'flask', role: 'router'},
	'flask.blueprints.Blueprint': {framework: 'flask', role: 'router'},
	'dapr.ext.grpc.App': {framework: 'dapr-grpc', role: 'app'},
	'dapr.ext.grpc.app.App': {framework: 'dapr-grpc', role: 'app'},
};

/** Class names specific enough to trust even when the import is missing (python/undefined-name reports that). */
export const BARE_CONSTRUCTORS: Readonly<Record<string, Construct>> = {
	FastAPI: {framework: 'fastapi', role: 'app'},
	APIRouter: {framework: 'fastapi', role: 'router'},
	Flask: {framework: 'flask', role: 'app'},
	Blueprint: {framework: 'flask', role: 'router'},
};

/** The calls that mount a router on an app or another router: FastAPI `include_router`, Flask `register_blueprint`. */
export const INCLUDE_METHODS: ReadonlySet<string> = new Set(['include_router', 'register_blueprint']);

/** The keyword that gives a router (and its include) a path prefix: Flask `url_prefix=`, FastAPI `prefix=`. */
export function prefixKeyword(framework: PyFramework): 'url_prefix' | 'prefix' {
	return framework === 'flask' ? 'url_prefix' : 'prefix';
}

/**
 * A path under a mount prefix. Flask joins the two with exactly one slash (Blueprint rules are joined that way);
 * FastAPI and Starlette concatenate them as written.
 */
export function joinPrefix(framework: PyFramework, prefix: string, path: string): string {
	return framework === 'flask' ? joinFlask(prefix, path) : prefix + path;
}

/** Flask's join of a blueprint's url_prefix and a rule: one slash between them, either may be empty. */
export function joinFlask(prefix: string, path: string): string {
	if (!prefix) return path;
	if (!path) return prefix;
	return `${prefix.replace(/\/+$/u, '')}/${path.replace(/^\/+/u, '')}`;
}

// ---------------------------------------------------------------------------------------------------------
// Routes

/** Decorator shortcuts that name their one method (`@app.post`, `@router.get`; Flask 2 has them too). */
export const HTTP_SHORTCUTS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'trace']);

/**
 * Decorators that declare a route: the shortcuts, `route` (Flask; `methods=` defaults to GET), `api_route`
 * (FastAPI) and dapr.ext.grpc's `binding` (its argument is the binding name, not a path).
 */
export function isRouteDecorator(attr: string): boolean {
	return HTTP_SHORTCUTS.has(attr) || attr === 'route' || attr === 'api_route' || attr === 'binding';
}

/** Calls that add a route without a decorator: FastAPI `add_api_route`, Flask `add_url_rule`, Starlette `add_route`. */
export const ADD_ROUTE_METHODS: ReadonlySet<string> = new Set(['add_api_route', 'add_url_rule', 'add_route']);

/**
 * Whether a route answers HEAD wherever it answers GET: Flask does (and an unknown object's `.route` /
 * `add_url_rule`, which is Flask's shape), Starlette's `Route` does; FastAPI's decorators do not.
 */
export function headWithGet(framework: PyFramework, attr: string): boolean {
	return framework === 'flask' || (framework === 'unknown' && (attr === 'route' || attr === 'add_url_rule'));
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

// ---------------------------------------------------------------------------------------------------------
// Writing a POST route (hints)

/** The frameworks a hint can write a route for (Starlette: a `Route(...)` in the app's route list, no decorator). */
export type HintFramework = 'fastapi' | 'flask' | 'dapr-grpc' | 'starlette';

/**
 * The framework the app is written in, for hints: dapr.ext.grpc when it declares `@app.binding` routes (or imports
 * dapr.ext.grpc and neither web framework), Flask when it has Flask routes (or imports flask and not fastapi),
 * Starlette when it imports starlette and neither FastAPI nor Flask, else FastAPI (the lesson's framework).
 */
export function appFramework(python: PythonModel | null | undefined): HintFramework {
	if (!python) return 'fastapi';
	const frameworks = new Set(python.routes.map((route) => route.framework));
	const imports = python.imports.map((imp) => imp.module);
	if (frameworks.has('dapr-grpc') || (imports.some((m) => m.startsWith('dapr.ext.grpc')) && !frameworks.has('fastapi') && !frameworks.has('flask'))) return 'dapr-grpc';
	if (frameworks.has('flask') || (imports.includes('flask') && !imports.includes('fastapi'))) return 'flask';
	if (!frameworks.has('fastapi') && imports.some((m) => m === 'starlette' || m.startsWith('starlette.')) && !imports.some((m) => m === 'fastapi' || m.startsWith('fastapi.'))) return 'starlette';
	return 'fastapi';
}

/**
 * The framework of one HTTP route, for hints about it: its own when the model knows it, else the app's (a route on
 * an object the model could not identify, `bp = make_blueprint()`, is written the way the app writes routes).
 */
export function routeFramework(python: PythonModel, route: PyRoute): HintFramework {
	if (route.kind === 'grpc-binding') return 'dapr-grpc';
	if (route.framework === 'fastapi' || route.framework === 'flask') return route.framework;
	if (isStarletteRoute(route)) return 'starlette';
	const app = appFramework(python);
	return app === 'flask' || app === 'starlette' ? app : 'fastapi';
}

/** A Starlette route list entry (`Route("/x", endpoint)`): its "target" is the Route class itself, not an object. */
function isStarletteRoute(route: PyRoute): boolean {
	return route.framework === 'unknown' && /^(?:[\w.]+\.)?Route$/u.test(route.target);
}

/**
 * How a POST route for `path` is written on `target`: FastAPI `@app.post("/x")`, Flask
 * `@bp.route("/x", methods=["POST"])`, dapr.ext.grpc `@app.binding("name")` (an input binding by its name),
 * Starlette `Route("/x", endpoint, methods=["POST"])` (`endpoint`: the handler's name when there is one).
 */
export function postDecorator(framework: HintFramework, target: string, path: string, bindingName: string, handler = 'endpoint'): string {
	if (framework === 'dapr-grpc') return `@${target}.binding("${bindingName}")`;
	if (framework === 'starlette') return `Route("${path}", ${/^[A-Za-z_][\w.]*$/u.test(handler) ? handler : 'endpoint'}, methods=["POST"])`;
	if (framework === 'flask') return `@${target}.route("${path}", methods=["POST"])`;
	return `@${target}.post("${path}")`;
}

/** The decorator to write for one existing HTTP route, on its own object, serving POST `path`. */
export function postDecoratorFor(python: PythonModel, route: PyRoute, path: string, bindingName: string): string {
	return postDecorator(routeFramework(python, route), route.target, path, bindingName, route.handler);
}

/**
 * The decorator a student should add for a new POST `path` handler, in the app's own framework, on the object its
 * routes already hang on (the first served HTTP route's, e.g. a blueprint `bp`) when that object serves its routes at
 * the path it writes; a router never included serves nothing, and a router mounted under a prefix (`APIRouter(prefix="/api")`, `url_prefix=`) would serve the new
 * route at another path, so then the app itself (`app`, or the name the module gives its app).
 */
export function decoratorFor(python: PythonModel, path: string, bindingName: string): string {
	const framework = appFramework(python);
	if (framework === 'dapr-grpc') return postDecorator(framework, 'app', path, bindingName);
	// Not included, as far as the checker can tell: when some include cannot be followed (`include_router(make())`),
	// the router may well be served, so it stays a candidate.
	const surelyUnmounted = (route: PyRoute): boolean => route.mounted === false && (python.routeSources ?? []).length === 0;
	const first = python.routes.find((route) => route.kind === 'http' && !surelyUnmounted(route) && !isStarletteRoute(route));
	const prefixed = first !== undefined && first.path !== null && typeof first.localPath === 'string' && first.path !== first.localPath;
	const app = python.routers?.find((router) => router.role === 'app' && router.framework === framework)?.name ?? 'app';
	return postDecorator(framework, first && !prefixed ? first.target : app, path, bindingName);
}

/**
 * Where the code of `decoratorFor` goes, for a hint that says "Add <code> <placement> that returns ...": above the
 * handler for a decorator, in the app's route list for a Starlette `Route`.
 */
export function routePlacement(python: PythonModel): string {
	return appFramework(python) === 'starlette' ? "to the app's routes (outside any Mount), for an endpoint function" : 'above a handler function';
}

/** The call that mounts `router` on the app: Flask `app.register_blueprint(bp)`, FastAPI `app.include_router(router)`. */
export function includeCall(framework: PyFramework, router: string): string {
	return framework === 'flask' ? `app.register_blueprint(${router})` : `app.include_router(${router})`;
}
