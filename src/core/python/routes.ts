/**
 * Routes: decorated handlers (`@app.post`, `@bp.route`, `@app.binding`), routes added by call (`add_api_route`,
 * `add_url_rule`), and where routers are mounted (include_router / register_blueprint prefixes). What each framework
 * means by them is in frameworks.ts.
 */
import type {SyntaxNode} from '@lezer/common';
import type {PyCall, PyFramework, PyRoute, PyRouter} from '../model.js';
import {type ArgNodes, argNodes, stringList} from './args.js';
import {evaluate} from './evaluate.js';
import {ADD_ROUTE_METHODS, BARE_CONSTRUCTORS, CONSTRUCTORS, headWithGet, HTTP_SHORTCUTS, INCLUDE_METHODS, isRouteDecorator, joinFlask, joinPrefix, prefixKeyword} from './frameworks.js';
import {qualify} from './imports.js';
import {starletteRoutes} from './starlette.js';
import {boundedSlice, calleeText, compact, type Construction, type Scope, shortText, slice, type Source, type State} from './state.js';

export function readDecorated(state: State, src: Source, node: SyntaxNode): void {
	const decorators = node.getChildren('Decorator');
	const fn = node.getChild('FunctionDefinition');
	if (!fn) return;
	const nameNode = fn.getChild('VariableName');
	state.decorated.push({
		decorators,
		handler: nameNode ? slice(src, nameNode) : '',
		async: fn.firstChild?.name === 'async',
		src,
		scopes: [...state.scopes],
	});
}

type Target = {
	readonly framework: PyFramework;
	readonly role: 'app' | 'router' | 'unknown';
	readonly call: {readonly call: SyntaxNode; readonly src: Source} | null;
};

/**
 * What the decorator's object was built from, as of the decorator (`app = FastAPI()` before it; a later
 * `app = SomeMiddleware(app)` wraps the app after its routes were declared and does not change them).
 */
function targetOf(state: State, name: string, at = Number.POSITIVE_INFINITY): Target {
	const list = state.constructions.get(name);
	let chosen: Construction | undefined;
	for (const entry of list ?? []) if (entry.at < at) chosen = entry;
	chosen ??= list?.[0];
	if (!chosen?.call?.firstChild) return {framework: 'unknown', role: 'unknown', call: null};
	const call = {call: chosen.call, src: chosen.src};
	const callee = calleeText(call.src, chosen.call.firstChild);
	const qualified = qualify(state, callee);
	const known = (qualified ? CONSTRUCTORS[qualified] : undefined) ?? (qualified === null ? BARE_CONSTRUCTORS[callee] : undefined);
	if (!known) return {framework: 'unknown', role: 'unknown', call};
	return {framework: known.framework, role: known.role, call};
}

type Mount = {readonly prefix: string | null; readonly mounted: boolean | undefined};

/** Where a router's routes end up: one entry per include (prefixes joined), or its own prefix when never included. */
function mountsOf(state: State, calls: readonly PyCall[], name: string, seen: Set<string>): Mount[] {
	const target = targetOf(state, name);
	if (target.role !== 'router' || seen.has(name) || seen.size > 20) return [{prefix: '', mounted: target.role === 'app' ? true : undefined}];
	const flask = target.framework === 'flask';
	const own = ownPrefix(state, target);
	const mounts: Mount[] = [];
	const nextSeen = new Set(seen).add(name);
	for (const call of calls) {
		if (call.receiver === null || !INCLUDE_METHODS.has(call.method)) continue;
		const first = call.args.find((arg) => arg.position === 0) ?? call.args.find((arg) => arg.keyword === 'router' || arg.keyword === 'blueprint');
		if (!first || first.value.kind !== 'name' || first.value.name !== name) continue;
		const named = call.args.find((arg) => arg.keyword === prefixKeyword(target.framework));
		const prefixArg = named?.value.kind === 'other' && named.value.text === 'None' ? undefined : named;
		const includePrefix = prefixArg ? (prefixArg.value.kind === 'string' ? prefixArg.value.value : null) : flask ? undefined : '';
		for (const parent of mountsOf(state, calls, call.receiver, nextSeen)) {
			let prefix: string | null;
			if (flask) {
				// register_blueprint(url_prefix=...) replaces the blueprint's own url_prefix.
				const used = includePrefix === undefined ? own : includePrefix;
				prefix = parent.prefix === null || used === null ? null : joinFlask(parent.prefix, used);
			} else prefix = parent.prefix === null || includePrefix === null || includePrefix === undefined || own === null ? null : parent.prefix + includePrefix + own;
			mounts.push({prefix, mounted: parent.mounted});
		}
	}
	if (mounts.length === 0) return [{prefix: own, mounted: false}];
	return mounts;
}

function ownPrefix(state: State, target: Target): string | null {
	if (!target.call) return '';
	const args = argNodes(target.call.src, target.call.call.lastChild?.name === 'ArgList' ? target.call.call.lastChild : null);
	const node = args.keyword.get(prefixKeyword(target.framework));
	if (!node) return '';
	const value = evaluate(state, target.call.src, node);
	if (value.kind === 'string') return value.value;
	if (value.kind === 'other' && value.text === 'None') return '';
	return null;
}

export function buildRoutes(state: State, calls: readonly PyCall[]): PyRoute[] {
	const routes: PyRoute[] = [];
	const includes = calls.filter((call) => call.receiver !== null && INCLUDE_METHODS.has(call.method));
	const mountCache = new Map<string, Mount[]>();
	const mounts = (name: string): Mount[] => {
		let found = mountCache.get(name);
		if (!found) {
			found = mountsOf(state, includes, name, new Set());
			mountCache.set(name, found);
		}
		return found;
	};
	const emit = (input: {
		src: Source;
		target: string;
		attr: string;
		args: ArgNodes;
		decoratorFrom: number;
		decoratorTo: number;
		handler: string;
		async: boolean;
		pathKeys: readonly string[];
		scopes: readonly Scope[];
	}): void => {
		const {src, target, attr, args} = input;
		const info = targetOf(state, target, input.decoratorFrom + src.delta);
		const framework = info.framework;
		const pathNode = args.positional[0] ?? input.pathKeys.map((key) => args.keyword.get(key)).find((node) => node !== undefined) ?? null;
		if (!pathNode && framework === 'unknown') return;
		const pathValue = pathNode ? evaluate(state, src, pathNode, input.scopes) : null;
		const pathText = pathNode ? shortText(src, pathNode) : '';
		const path = pathValue?.kind === 'string' ? pathValue.value : null;
		const decoratorSpan = state.span(input.decoratorFrom + src.delta, input.decoratorTo + src.delta);
		const pathSpan = pathNode ? state.span(pathNode.from + src.delta, pathNode.to + src.delta) : null;
		if (attr === 'binding') {
			routes.push({kind: 'grpc-binding', path, pathText, methods: [], framework, target, decoratorSpan, pathSpan, handler: input.handler, async: input.async});
			return;
		}
		let methods: string[] = [];
		let methodsUnknown = false;
		if (HTTP_SHORTCUTS.has(attr)) methods = [attr.toUpperCase()];
		else {
			const methodsNode = args.keyword.get('methods');
			if (!methodsNode || slice(src, methodsNode) === 'None') methods = ['GET'];
			else {
				const listed = stringList(state, src, methodsNode, input.scopes);
				if (listed) methods = listed.map((method) => method.toUpperCase());
				else methodsUnknown = true;
			}
		}
		if (headWithGet(framework, attr) && methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
		for (const mount of mounts(target)) {
			let full: string | null = null;
			if (path !== null && mount.prefix !== null) full = joinPrefix(framework, mount.prefix, path);
			const route: PyRoute = {
				kind: 'http',
				path: full,
				pathText,
				methods,
				framework,
				target,
				decoratorSpan,
				pathSpan,
				handler: input.handler,
				async: input.async,
				localPath: path,
				...(mount.mounted === false ? {mounted: false} : {}),
				...(methodsUnknown ? {methodsUnknown: true} : {}),
			};
			routes.push(route);
		}
	};
	for (const item of state.decorated) {
		for (const decorator of item.decorators) {
			const names = decorator.getChildren('VariableName').map((part) => slice(item.src, part));
			const argList = decorator.getChild('ArgList');
			if (names.length < 2 || !argList) continue;
			const attr = names[names.length - 1]!;
			if (!isRouteDecorator(attr)) continue;
			const to = argList.to;
			emit({
				src: item.src,
				target: names.slice(0, -1).join('.'),
				attr,
				args: argNodes(item.src, argList),
				decoratorFrom: decorator.from,
				decoratorTo: to,
				handler: item.handler,
				async: item.async,
				pathKeys: attr === 'binding' ? ['name'] : ['path', 'rule'],
				scopes: item.scopes,
			});
		}
	}
	// Routes registered without a decorator: app.add_api_route(path, endpoint) and app.add_url_rule(rule, ..., view_func=).
	for (const raw of state.calls) {
		const callee = raw.node.firstChild;
		if (callee?.name !== 'MemberExpression') continue;
		const attr = callee.lastChild ? slice(raw.src, callee.lastChild) : '';
		if (!ADD_ROUTE_METHODS.has(attr)) continue;
		const target = callee.firstChild ? compact(boundedSlice(raw.src, callee.firstChild)) : '';
		const argList = raw.node.lastChild?.name === 'ArgList' ? raw.node.lastChild : null;
		const args = argNodes(raw.src, argList);
		const handlerNode =
			attr === 'add_api_route'
				? (args.positional[1] ?? args.keyword.get('endpoint'))
				: attr === 'add_route'
					? (args.positional[1] ?? args.keyword.get('route') ?? args.keyword.get('endpoint'))
					: (args.keyword.get('view_func') ?? args.positional[2]);
		emit({
			src: raw.src,
			target,
			attr,
			args,
			decoratorFrom: raw.node.from,
			decoratorTo: raw.node.to,
			handler: handlerNode ? shortText(raw.src, handlerNode) : '',
			async: false,
			pathKeys: ['path', 'rule'],
			scopes: raw.scopes,
		});
	}
	starletteRoutes(state, routes);
	return routes;
}

/** The apps and routers the module builds, with their own prefix, for the project to link across modules. */
export function buildRouters(state: State): PyRouter[] {
	const out: PyRouter[] = [];
	for (const name of state.constructions.keys()) {
		if (!/^\w+$/u.test(name)) continue;
		const target = targetOf(state, name);
		if (target.role === 'unknown') continue;
		out.push({name, framework: target.framework, role: target.role, prefix: ownPrefix(state, target)});
	}
	return out;
}
