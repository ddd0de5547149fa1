/**
 * The whole app, not only app.py: the modules and packages of the lab folder that app.py imports (absolute and
 * relative imports, `__init__.py` re-exports), linked the way Python runs them. Routers included from another
 * file get their prefixes, constants imported from another module are read, and the call graph across the
 * modules tells what a handler reaches through the helpers it calls.
 *
 * Pure: the runner reads the files (only regular files inside the folder, with size and count limits) and hands
 * their text in; import cycles are stopped by the visited set and every walk here is bounded.
 */
import type {PyCall, PyImport, PyRoute, PyRouter, PyRouteSource, PythonModel} from '../model.js';
import type {Span} from '../types.js';
import type {AnalyzeOptions} from './model.js';
import {INCLUDE_METHODS, joinFlask, joinPrefix, prefixKeyword} from './frameworks.js';

/** At most this many modules besides the entry are read (a lab app has a handful; a vendored library is not ours). */
export const MAX_PYTHON_MODULES = 64;
const MAX_HOPS = 12;

/** The package (dotted) a module file belongs to: `routes/events.py` and `routes/__init__.py` → `routes`. */
function packageOf(file: string): string[] {
	const parts = file.split('/');
	parts.pop();
	return parts;
}

/** `.events` imported from `routes/__init__.py` → `routes.events`; absolute names unchanged; null when it climbs out. */
export function absoluteModule(module: string, fromFile: string): string | null {
	if (!module.startsWith('.')) return module;
	const dots = /^\.+/u.exec(module)![0].length;
	const base = packageOf(fromFile);
	if (dots - 1 > base.length) return null;
	const kept = base.slice(0, base.length - (dots - 1));
	const rest = module.slice(dots);
	return [...kept, ...(rest ? rest.split('.') : [])].join('.');
}

/**
 * Dotted names longer than this are not followed into the folder (no lab has packages 32 deep; the reader's own
 * depth limits stop far sooner): what cannot be followed is reported as unverified, like any unresolved import.
 */
export const MAX_MODULE_PARTS = 32;

/** The two files a dotted module can be: `a/b.py` or `a/b/__init__.py`. */
export function moduleFiles(module: string): readonly string[] {
	if (module === '' || !/^[\w.]+$/u.test(module)) return [];
	const path = module.split('.').join('/');
	return [`${path}.py`, `${path}/__init__.py`];
}

/**
 * The files the imports of one module may load, in the order Python loads them (each package's `__init__.py`
 * before its submodules; `from pkg import name` may name a submodule). The runner reads those that exist.
 */
export function importCandidates(file: string, imports: readonly PyImport[]): readonly string[] {
	const out = new Set<string>();
	const addModule = (module: string): void => {
		// Each prefix is a path: bounded, or `import a.a.a…` (80k parts) would make paths of quadratic total size.
		const parts = module.split('.', MAX_MODULE_PARTS + 1);
		if (parts.length > MAX_MODULE_PARTS) return;
		let prefix = '';
		for (const part of parts) {
			prefix = prefix ? `${prefix}.${part}` : part;
			for (const path of moduleFiles(prefix)) out.add(path);
		}
	};
	for (const imp of imports) {
		const module = absoluteModule(imp.module, file);
		if (module === null) continue;
		if (module !== '') addModule(module);
		if (imp.name !== null && imp.name !== '*') addModule(module === '' ? imp.name : `${module}.${imp.name}`);
	}
	out.delete(file);
	return [...out];
}

/** A symbol of the folder's modules: a name defined (not imported) in a module file. */
type Symbol = {readonly file: string; readonly name: string};

/** How analyzePython is called (the caller memoises it by path and text). */
export type Analyze = (file: string, text: string, options?: AnalyzeOptions) => PythonModel;

/** The linked app: its modules' models, and the entry's model with every route the app serves. */
export type PythonProject = {
	/** The entry's model (app.py) with `routes` from all modules (each with its `file`) and `routeSources`. */
	readonly entry: PythonModel;
	/** Every module read, entry included, by path (as analyzePython returned them). */
	readonly modules: ReadonlyMap<string, PythonModel>;
};

class Linker {
	/** Local alias → qualified import (`events` → `routes.events`, `router` → `.events.router`), per file. */
	readonly #aliases = new Map<string, Map<string, string>>();
	constructor(readonly modules: ReadonlyMap<string, PythonModel>) {}

	aliases(file: string): Map<string, string> {
		let found = this.#aliases.get(file);
		if (found) return found;
		found = new Map();
		for (const imp of this.modules.get(file)?.imports ?? []) {
			if (imp.name === '*') continue;
			if (imp.name === null) found.set(imp.alias, imp.alias === imp.module.split('.')[0] ? imp.alias : imp.module);
			else found.set(imp.alias, imp.module.endsWith('.') ? `${imp.module}${imp.name}` : `${imp.module}.${imp.name}`);
		}
		this.#aliases.set(file, found);
		return found;
	}

	moduleFile(module: string): string | null {
		for (const path of moduleFiles(module)) if (this.modules.has(path)) return path;
		return null;
	}

	/** A dotted name as written in `file` (`events.router`, `router`, `ROUTE`) → the symbol it names, or null. */
	resolve(file: string, dotted: string, hops = 0): Symbol | null {
		if (hops > MAX_HOPS || !/^[\w.]+$/u.test(dotted)) return null;
		const parts = dotted.split('.');
		const head = parts[0]!;
		const imported = this.aliases(file).get(head);
		if (imported === undefined) return parts.length === 1 ? {file, name: head} : null;
		const qualified = [imported, ...parts.slice(1)].join('.');
		return this.resolveQualified(file, qualified, hops + 1);
	}

	/** `routes.events.router` (or `.events.router` relative to `fromFile`) → the defining module and name. */
	resolveQualified(fromFile: string, qualified: string, hops: number): Symbol | null {
		const absolute = absoluteModule(qualified, fromFile);
		if (absolute === null) return null;
		const parts = absolute.split('.', MAX_MODULE_PARTS + 1);
		if (parts.length > MAX_MODULE_PARTS) return null;
		for (let cut = parts.length - 1; cut >= 1; cut--) {
			const file = this.moduleFile(parts.slice(0, cut).join('.'));
			if (!file) continue;
			const rest = parts.slice(cut);
			// `pkg.sub` where sub is a module of the package: a module symbol.
			if (rest.length === 1) {
				const model = this.modules.get(file)!;
				const reexported = model.imports.some((imp) => imp.alias === rest[0]);
				if (reexported) return this.resolve(file, rest[0]!, hops + 1);
				return {file, name: rest[0]!};
			}
			const sub = this.moduleFile(parts.slice(0, cut + 1).join('.'));
			if (sub) return this.resolveQualified(sub, parts.slice(cut + 1).join('.') || '', hops + 1);
			return null;
		}
		return null;
	}

	routerOf(symbol: Symbol): PyRouter | null {
		return this.modules.get(symbol.file)?.routers?.find((router) => router.name === symbol.name) ?? null;
	}

	/** The string a symbol holds when it is a module constant. */
	constant(symbol: Symbol): string | undefined {
		return this.modules.get(symbol.file)?.constants.get(symbol.name);
	}
}

type Mount = {readonly prefix: string | null; readonly mounted: boolean};

function spanText(call: PyCall): string {
	const first = call.args.find((arg) => arg.position === 0);
	const text = first ? (first.value.kind === 'name' ? first.value.name : first.value.kind === 'other' ? first.value.text : first.value.kind === 'call' ? `${first.value.callee}(...)` : '') : '';
	return `${call.callee}(${text})`;
}

/** The dotted text of an include's router argument (`events.router`, `router`), or null when it is not a name. */
function includedText(call: PyCall): string | null {
	const arg = call.args.find((a) => a.position === 0) ?? call.args.find((a) => a.keyword === 'router' || a.keyword === 'blueprint');
	if (!arg) return null;
	if (arg.value.kind === 'name') return arg.value.name;
	if (arg.value.kind === 'other' && /^[\w.]+$/u.test(arg.value.text)) return arg.value.text;
	return null;
}

/**
 * Links analysed modules into the app: routes on routers that another module includes get their prefixes and
 * count as served; includes the checker cannot follow become route sources (so a missing route is never claimed).
 */
export function linkProject(entryFile: string, modules: ReadonlyMap<string, PythonModel>, unreadable: readonly PyRouteSource[] = []): PythonProject {
	const entry = modules.get(entryFile);
	if (!entry) throw new Error(`${entryFile} was not analysed`);
	const linker = new Linker(modules);
	const includes: {readonly file: string; readonly call: PyCall; readonly target: Symbol | null}[] = [];
	const sources: PyRouteSource[] = [...unreadable];
	for (const [file, model] of modules) {
		sources.push(...(model.routeSources ?? []));
		if (file !== entryFile && model.syntaxErrors.length > 0) {
			sources.push({text: `${file} (it has a syntax error)`, file, span: model.syntaxErrors[0]!.span});
		}
		for (const call of model.calls) {
			if (call.receiver === null || !INCLUDE_METHODS.has(call.method)) continue;
			const text = includedText(call);
			const target = text === null ? null : linker.resolve(file, text);
			const known = target ? linker.routerOf(target) : null;
			includes.push({file, call, target: known ? target : null});
			if (!known) sources.push({text: spanText(call), file, span: call.span});
		}
	}
	const mountCache = new Map<string, Mount[]>();
	const mountsOf = (symbol: Symbol, seen: ReadonlySet<string>): Mount[] => {
		const key = `${symbol.file}\0${symbol.name}`;
		const cached = mountCache.get(key);
		if (cached) return cached;
		const router = linker.routerOf(symbol);
		// An object the checker cannot identify (`api = make_api()`) serves the routes at a path it cannot know.
		if (!router) return [{prefix: null, mounted: true}];
		if (router.role === 'app') return [{prefix: '', mounted: true}];
		if (seen.has(key) || seen.size > 20) return [{prefix: null, mounted: false}];
		const nextSeen = new Set(seen).add(key);
		const flask = router.framework === 'flask';
		const mounts: Mount[] = [];
		for (const include of includes) {
			if (!include.target || include.target.file !== symbol.file || include.target.name !== symbol.name) continue;
			const receiver = include.call.receiver!;
			const parent = linker.resolve(include.file, receiver) ?? {file: include.file, name: receiver};
			const named = include.call.args.find((arg) => arg.keyword === prefixKeyword(router.framework));
			const given = named && !(named.value.kind === 'other' && named.value.text === 'None') ? (named.value.kind === 'string' ? named.value.value : null) : undefined;
			for (const outer of mountsOf(parent, nextSeen)) {
				let prefix: string | null;
				if (flask) {
					// register_blueprint(url_prefix=...) replaces the blueprint's own url_prefix.
					const used = given === undefined ? router.prefix : given;
					prefix = outer.prefix === null || used === null ? null : joinFlask(outer.prefix, used);
				} else prefix = outer.prefix === null || given === null || router.prefix === null ? null : outer.prefix + (given ?? '') + router.prefix;
				mounts.push({prefix, mounted: outer.mounted});
			}
		}
		const result = mounts.length > 0 ? mounts : [{prefix: router.prefix, mounted: false}];
		mountCache.set(key, result);
		return result;
	};
	const routes: PyRoute[] = [];
	for (const [file, model] of modules) {
		const withFile = (route: PyRoute): PyRoute => (file === entryFile ? route : {...route, file});
		for (const route of model.routes) {
			if (route.kind !== 'http' || route.mounted !== false) {
				routes.push(withFile(route));
				continue;
			}
			// A router that its own module never includes: another module may.
			const symbol: Symbol = {file, name: route.target};
			const router = linker.routerOf(symbol);
			const mounts = router ? mountsOf(symbol, new Set()) : [];
			if (mounts.length === 0 || mounts.every((mount) => !mount.mounted)) {
				routes.push(withFile(route));
				continue;
			}
			const local = route.localPath ?? null;
			for (const mount of mounts) {
				let path: string | null = null;
				if (local !== null && mount.prefix !== null) path = joinPrefix(router!.framework, mount.prefix, local);
				const {mounted: _mounted, ...rest} = route;
				routes.push(withFile({...rest, path, ...(mount.mounted ? {} : {mounted: false})}));
			}
		}
	}
	return {entry: {...entry, routes, routeSources: dedupeSources(sources)}, modules};
}

function dedupeSources(sources: readonly PyRouteSource[]): PyRouteSource[] {
	const seen = new Set<string>();
	return sources.filter((source) => {
		const key = `${source.file}:${source.span.line}:${source.text}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/**
 * Analyses the entry and the modules it imports (texts already read by the runner), resolving string constants
 * imported from other modules, then links routes across them. `unreadable` lists imported local modules that
 * could not be read (they become route sources).
 */
export function analyzeProject(entryFile: string, texts: ReadonlyMap<string, string>, analyze: Analyze, unreadable: readonly PyRouteSource[] = []): PythonProject {
	const modules = new Map<string, PythonModel>();
	for (const [file, text] of texts) modules.set(file, analyze(file, text));
	if (modules.size > 1) {
		// Constants imported from other modules: re-read the modules that import any, until nothing changes
		// (a chain config → routes → app needs one round per link; bounded).
		for (let round = 0; round < 4; round++) {
			const linker = new Linker(modules);
			let changed = false;
			for (const [file, text] of texts) {
				const model = modules.get(file)!;
				const local = model.imports.some((imp) => {
					const module = absoluteModule(imp.module, file);
					return module !== null && (linker.moduleFile(module) !== null || (imp.name !== null && linker.moduleFile(module ? `${module}.${imp.name}` : imp.name) !== null));
				});
				if (!local) continue;
				const resolve = (qualified: string): string | undefined => {
					const symbol = linker.resolveQualified(file, qualified, 0);
					return symbol && symbol.file !== file ? linker.constant(symbol) : undefined;
				};
				const next = analyze(file, text, {resolve});
				if (!sameConstants(next, model) || next.routes.some((route, index) => route.path !== model.routes[index]?.path)) changed = true;
				modules.set(file, next);
			}
			if (!changed) break;
		}
	}
	return linkProject(entryFile, modules, unreadable);
}

function sameConstants(a: PythonModel, b: PythonModel): boolean {
	if (a.constants.size !== b.constants.size) return false;
	for (const [name, value] of a.constants) if (b.constants.get(name) !== value) return false;
	return true;
}

// ---------------------------------------------------------------------------------------------------------
// Call graph

/** A function of the app: where it is defined and its name. */
export type PyFunctionRef = {readonly file: string; readonly name: string};

/** The calls made by a set of functions and by every function of the folder's modules they call, transitively. */
export type Reach = {
	readonly calls: readonly {readonly file: string; readonly call: PyCall}[];
	readonly functions: readonly PyFunctionRef[];
};

/**
 * Everything reachable from `roots` (handlers) through calls the checker can resolve: bare names defined in the
 * same module or imported from another module of the folder, `module.function(...)`, `self.method(...)`, and
 * functions passed as arguments (`background_tasks.add_task(notify, ...)`, `Thread(target=notify)`). A method call on
 * an object the checker cannot type (`notifier.send()`) follows every function of that name in the analysed modules.
 */
export function reachableFrom(modules: ReadonlyMap<string, PythonModel>, roots: readonly PyFunctionRef[]): Reach {
	const linker = new Linker(modules);
	const byFile = new Map<string, Map<string, PyCall[]>>();
	for (const [file, model] of modules) {
		const map = new Map<string, PyCall[]>();
		for (const call of model.calls) {
			if (call.inFunction === null) continue;
			let list = map.get(call.inFunction);
			if (!list) map.set(call.inFunction, (list = []));
			list.push(call);
		}
		byFile.set(file, map);
	}
	const defines = (symbol: Symbol): boolean => modules.get(symbol.file)?.functions?.includes(symbol.name) === true;
	const byName = (name: string): PyFunctionRef[] => [...modules].filter(([, model]) => model.functions?.includes(name)).map(([file]) => ({file, name}));
	const seen = new Set<string>();
	const queue: PyFunctionRef[] = [];
	const push = (ref: PyFunctionRef): void => {
		const key = `${ref.file}\0${ref.name}`;
		if (seen.has(key) || seen.size > 2000) return;
		seen.add(key);
		queue.push(ref);
	};
	for (const root of roots) {
		const resolved = linker.resolve(root.file, root.name);
		push(resolved && defines(resolved) ? resolved : root);
	}
	const calls: {file: string; call: PyCall}[] = [];
	const follow = (file: string, dotted: string, receiver: string | null, method: string): void => {
		if (receiver === 'self' || receiver === 'cls') {
			push({file, name: method});
			return;
		}
		const symbol = linker.resolve(file, dotted);
		if (symbol && defines(symbol)) {
			push(symbol);
			return;
		}
		if (receiver !== null && !symbol) for (const ref of byName(method)) push(ref);
	};
	while (queue.length > 0) {
		const ref = queue.shift()!;
		for (const call of byFile.get(ref.file)?.get(ref.name) ?? []) {
			calls.push({file: ref.file, call});
			if (/^[\w.]+$/u.test(call.callee)) follow(ref.file, call.callee, call.receiver, call.method);
			for (const arg of call.args) {
				if (arg.value.kind === 'name') follow(ref.file, arg.value.name, null, arg.value.name);
				else if (arg.value.kind === 'other' && /^[\w]+\.[\w.]+$/u.test(arg.value.text)) follow(ref.file, arg.value.text, null, arg.value.text.split('.').at(-1)!);
			}
		}
	}
	return {calls, functions: [...seen].map((key) => ({file: key.split('\0')[0]!, name: key.split('\0')[1]!}))};
}

/** Where a route's handler is defined: `route.handler` in the route's file (`module.fn` resolved through imports). */
export function handlerRef(route: PyRoute, entryFile: string): PyFunctionRef {
	return {file: route.file ?? entryFile, name: route.handler};
}

/** A span for messages about a module-level thing in a file. */
export const FILE_START: Span = {line: 1, column: 1};
