/**
 * The static model of a student's app.py: imports, routes, calls, with-items, bound names, constants and syntax
 * errors, read from one error-tolerant @lezer/python parse (plus a tiny re-parse for Python 3.10 parenthesised
 * with-items, which lezer does not know).
 *
 * Constants: a name assigned a string at the top level of the module (not inside if/try/for/with/def/class) is a
 * constant; later top-level assignments replace it in source order (`+=` of a string appends), and a non-string
 * assignment removes it. A name also assigned in a module-level branch or loop, or assigned inside a function
 * that declares it `global`, is dropped: its value depends on what runs. Values are read against the final
 * constants, except where a function has a local (or parameter) of the same name: there it stays a `name`.
 */
import {parser} from '@lezer/python';
import type {SyntaxNode, Tree} from '@lezer/common';
import type {PyArg, PyCall, PyFramework, PyImport, PyNameUse, PyRoute, PyRouter, PyRouteSource, PySyntaxError, PythonModel, PyValue, PyWith} from '../model.js';
import type {Span} from '../types.js';
import {lineStarts, spanAt} from '../yaml/positions.js';
import {formatLiteralText, literalParts, literalValue} from './literals.js';
import {type BracketScan, MAX_ERRORS, endOfLine, firstToken, indentationMessage, indentOf, isBareYield, isRelaxedDecorator, scanBrackets} from './syntax-text.js';

/** One parsed text: the main file, or a re-parsed snippet whose offsets map back by `delta`. */
type Source = {readonly text: string; readonly delta: number};

/**
 * A function (or lambda) scope: names assigned in it are locals everywhere in it, so a module constant of the same
 * name does not reach it. `kind` tells whether `await` / `async with` are allowed.
 */
type Scope = {readonly locals: Set<string>; readonly globals: Set<string>; readonly kind: 'async' | 'sync' | 'lambda'};

type RawCall = {readonly node: SyntaxNode; readonly src: Source; readonly inFunction: string | null; readonly scopes: readonly Scope[]};

type RawDecorated = {
	readonly decorators: readonly SyntaxNode[];
	readonly handler: string;
	readonly async: boolean;
	readonly src: Source;
	readonly scopes: readonly Scope[];
};

type RawWith = {readonly async: boolean; readonly expr: SyntaxNode; readonly asName: string | null; readonly from: number; readonly to: number; readonly src: Source};

/** One assignment to a name that may be an app or router: the call it was assigned (null: something else). */
type Construction = {readonly call: SyntaxNode | null; readonly src: Source; readonly at: number};

type State = {
	readonly text: string;
	readonly span: (from: number, to: number) => Span;
	/** priority 0: certain (tokenizer-level) messages, preferred over lezer's guess at the same place. */
	readonly errors: {offset: number; message: string; span: Span; priority?: number}[];
	/** Bracket matching of the whole text, computed on the first parse error only. */
	brackets: BracketScan | null;
	readonly imports: PyImport[];
	/** Local name → what it stands for, fully qualified (`DC` → `dapr.clients.DaprClient`, `dc` → `dapr.clients`). */
	readonly aliases: Map<string, string>;
	readonly starModules: string[];
	readonly calls: RawCall[];
	readonly withs: RawWith[];
	readonly decorated: RawDecorated[];
	readonly bound: Set<string>;
	readonly calledNames: PyNameUse[];
	readonly constants: Map<string, string>;
	/** Names bound at module level inside a branch or by `global` in a function: their value is not certain. */
	readonly uncertain: Set<string>;
	/** `app = FastAPI()` and friends: the last call assigned to each plain name. */
	readonly constructions: Map<string, Construction[]>;
	/** Offset ranges of the main text whose lezer nodes are replaced by a re-parse (parenthesised with-items). */
	readonly skip: {from: number; to: number}[];
	/** reparses: parenthesised with-headers re-parsed; firstParseError: offset of lezer's first error node. */
	readonly budget: {reparses: number; firstParseError: number; skipCursor: number};
	/** Open function/lambda scopes of the walk, innermost last. */
	readonly scopes: Scope[];
	/** Names imported from other modules of the folder, resolved by the project (core/python/project.ts). */
	readonly resolve: ((qualified: string) => string | undefined) | undefined;
	/** Source texts assigned to plain names, by innermost function ('' for module level): raw-HTTP URLs in variables. */
	readonly assigned: Map<string, Map<string, string[]>>;
	readonly functionNames: Set<string>;
	readonly routeSources: PyRouteSource[];
	readonly file: string;
};

/** How analyzePython reads names that come from other modules of the lab folder. */
export type AnalyzeOptions = {
	/** The string value of a qualified name (`config.ROUTE`, `.settings.PREFIX`) another module defines, if known. */
	readonly resolve?: (qualified: string) => string | undefined;
};

const MAX_DEPTH = 60;
const MAX_TEXT = 160;
/** Python 3.10 parenthesised with-headers re-parsed at most this many times (a bound on work for odd input). */
const MAX_REPARSE = 100_000;

/** Reads app.py into the model the rules consume. Never throws; syntax errors are recorded, not raised. */
export function analyzePython(file: string, text: string, options: AnalyzeOptions = {}): PythonModel {
	const starts = lineStarts(text);
	const span = (from: number, to: number): Span => spanAt(text, starts, from, Math.max(from + 1, to));
	try {
		return analyze(file, text, span, options);
	} catch (error) {
		// A bug here must not take the whole check down; say so where python/syntax will show it.
		const reason = error instanceof Error ? error.message : String(error);
		return {
			file,
			syntaxErrors: [{message: `dapr-labs could not analyse this file (${reason}).`, span: span(0, 0)}],
			imports: [],
			routes: [],
			calls: [],
			withs: [],
			boundNames: new Set(),
			calledNames: [],
			constants: new Map(),
		};
	}
}

function analyze(file: string, text: string, span: (from: number, to: number) => Span, options: AnalyzeOptions): PythonModel {
	const state: State = {
		resolve: options.resolve,
		assigned: new Map(),
		functionNames: new Set(),
		routeSources: [],
		file,
		text,
		span,
		errors: [],
		imports: [],
		aliases: new Map(),
		starModules: [],
		calls: [],
		withs: [],
		decorated: [],
		bound: new Set(),
		calledNames: [],
		constants: new Map(),
		uncertain: new Set(),
		constructions: new Map(),
		skip: [],
		budget: {reparses: 0, firstParseError: Number.POSITIVE_INFINITY, skipCursor: 0},
		scopes: [],
		brackets: null,
	};
	const tree = parser.parse(text);
	walk(state, tree, {text, delta: 0}, [], false);
	for (const name of state.uncertain) state.constants.delete(name);

	const calls = state.calls.map((raw) => buildCall(state, raw));
	const withs: PyWith[] = state.withs.map((raw) => {
		let expr = raw.expr;
		while (expr.name === 'ParenthesizedExpression' && expr.firstChild?.nextSibling && expr.firstChild.nextSibling.name !== ')') expr = expr.firstChild.nextSibling;
		raw = {...raw, expr};
		const callee = raw.expr.name === 'CallExpression' && raw.expr.firstChild ? calleeText(raw.src, raw.expr.firstChild) : shortText(raw.src, raw.expr);
		const qualified = raw.expr.name === 'CallExpression' ? qualify(state, callee) : null;
		return {
			async: raw.async,
			contextCallee: callee,
			contextQualified: qualified,
			asName: raw.asName,
			span: span(raw.from + raw.src.delta, raw.to + raw.src.delta),
		};
	});
	const routes = buildRoutes(state, calls);
	const routers = buildRouters(state);
	const errors = [...state.errors].sort((a, b) => a.offset - b.offset || (a.priority ?? 1) - (b.priority ?? 1));
	const seen = new Set<string>();
	const syntaxErrors: PySyntaxError[] = [];
	for (const error of errors) {
		// One message per place: the certain one when a tokenizer-level problem and lezer's guess coincide.
		const key = `${error.span.line}:${error.span.column}`;
		if (seen.has(key)) continue;
		seen.add(key);
		syntaxErrors.push({message: error.message, span: error.span});
	}
	return {
		file,
		syntaxErrors,
		imports: state.imports,
		routes,
		calls,
		withs,
		boundNames: state.bound,
		calledNames: state.calledNames,
		constants: state.constants,
		functions: [...state.functionNames],
		routers,
		routeSources: state.routeSources,
	};
}

// ---------------------------------------------------------------------------------------------------------
// The walk

function slice(src: Source, node: {from: number; to: number}): string {
	return src.text.slice(node.from, node.to);
}

function walk(state: State, tree: Tree, src: Source, outerFunctions: readonly string[], isSub: boolean): void {
	const functions: string[] = [...outerFunctions];
	/** Nesting of def/class/lambda: assignments at depth 0 are module-level. */
	let scopeDepth = outerFunctions.length;
	const bodyIndent = new Map<number, {width: number; chars: number}>();
	tree.iterate({
		enter: (ref) => {
			const from = ref.from + src.delta;
			if (!isSub && state.skip.length > 0 && inSkip(state, from, ref.to + src.delta)) return false;
			if (ref.type.isError) {
				// Garbage input can hold thousands of error nodes; the first few are all a student reads.
				if (!isSub && state.budget.firstParseError === Number.POSITIVE_INFINITY) state.budget.firstParseError = from;
				if (!isSub && state.errors.length < MAX_ERRORS) recordError(state, src, ref.node);
				return true;
			}
			const name = ref.name;
			if (!isSub && ref.type.is('Statement')) checkIndent(state, src, ref.node, bodyIndent);
			switch (name) {
				case 'ImportStatement':
					readImport(state, src, ref.node);
					return true;
				case 'FunctionDefinition': {
					const node = ref.node;
					const nameNode = node.getChild('VariableName');
					const fname = nameNode ? slice(src, nameNode) : '';
					if (fname) bind(state, fname);
					if (fname) state.functionNames.add(fname);
					functions.push(fname);
					scopeDepth++;
					state.scopes.push({locals: new Set(), globals: new Set(), kind: node.firstChild?.name === 'async' ? 'async' : 'sync'});
					return true;
				}
				case 'ClassDefinition': {
					const nameNode = ref.node.getChild('VariableName');
					if (nameNode) bind(state, slice(src, nameNode));
					scopeDepth++;
					return true;
				}
				case 'LambdaExpression':
					scopeDepth++;
					state.scopes.push({locals: new Set(), globals: new Set(), kind: 'lambda'});
					return true;
				case 'DecoratedStatement':
					readDecorated(state, src, ref.node);
					return true;
				case 'ParamList':
					readParams(state, src, ref.node);
					return true;
				case 'AssignStatement':
				case 'UpdateStatement':
					readAssign(state, src, ref.node, scopeDepth, functions.length > 0, functions[functions.length - 1] ?? '');
					return true;
				case 'ForStatement':
					if (!isSub && ref.node.firstChild?.name === 'async') checkAsync(state, ref.node.firstChild, "'async for'");
					readForTargets(state, src, ref.node, scopeDepth === 0);
					return true;
				case 'ComprehensionExpression':
				case 'ArrayComprehensionExpression':
				case 'DictionaryComprehensionExpression':
				case 'SetComprehensionExpression':
				case 'ArgList':
					readForTargets(state, src, ref.node, false);
					return true;
				case 'WithStatement':
					if (!isSub && ref.node.firstChild?.name === 'async') checkAsync(state, ref.node.firstChild, "'async with'");
					return readWith(state, src, ref.node, functions, isSub);
				case 'AwaitExpression':
					if (!isSub && ref.node.firstChild) checkAsync(state, ref.node.firstChild, "'await'");
					return true;
				case 'ReturnStatement':
				case 'YieldStatement':
				case 'YieldExpression':
					// CPython rejects these at compile time, so the app never starts; lezer accepts them anywhere.
					if (!isSub && state.scopes.length === 0 && ref.node.firstChild && state.budget.firstParseError > from) {
						const keyword = ref.node.firstChild;
						state.errors.push({
							offset: keyword.from,
							message: `'${keyword.name === 'return' ? 'return' : 'yield'}' outside function.`,
							span: state.span(keyword.from, keyword.to),
						});
					}
					return true;
				case 'TryStatement':
				case 'AsPattern':
					bindAfterAs(state, src, ref.node);
					return true;
				case 'NamedExpression': {
					const first = ref.node.firstChild;
					if (first?.name === 'VariableName') bindName(state, slice(src, first), scopeDepth, false);
					return true;
				}
				case 'ScopeStatement': {
					const node = ref.node;
					const isGlobal = node.firstChild?.name === 'global';
					for (const child of node.getChildren('VariableName')) {
						const vname = slice(src, child);
						state.bound.add(vname);
						const scope = state.scopes[state.scopes.length - 1];
						if (isGlobal) scope?.globals.add(vname);
						else scope?.locals.add(vname);
					}
					return true;
				}
				case 'CapturePattern':
				case 'TypeDefinition':
				case 'TypeParam': {
					const first = ref.node.getChild('VariableName');
					if (first) bind(state, slice(src, first));
					return true;
				}
				case 'CallExpression': {
					const node = ref.node;
					state.calls.push({node, src, inFunction: functions.length > 0 ? functions[functions.length - 1]! : null, scopes: [...state.scopes]});
					const callee = node.firstChild;
					if (callee?.name === 'VariableName') {
						state.calledNames.push({name: slice(src, callee), span: state.span(callee.from + src.delta, callee.to + src.delta)});
					}
					return true;
				}
				case 'String':
					if (!isSub) checkString(state, src, ref.node);
					return true;
				case 'FormatString':
					if (!isSub) checkString(state, src, ref.node);
					return true;
				case 'PrintStatement':
					if (!isSub) {
						state.errors.push({
							offset: from,
							message: "Missing parentheses in call to 'print'; Python 3 needs print(...).",
							span: state.span(from, ref.to + src.delta),
						});
					}
					return true;
				default:
					return true;
			}
		},
		leave: (ref) => {
			if (ref.name === 'FunctionDefinition') {
				functions.pop();
				scopeDepth--;
				state.scopes.pop();
			} else if (ref.name === 'LambdaExpression') {
				scopeDepth--;
				state.scopes.pop();
			} else if (ref.name === 'ClassDefinition') scopeDepth--;
		},
	});
}

/** `await`, `async with` and `async for` compile only inside `async def` (CPython: SyntaxError at import). */
function checkAsync(state: State, keyword: SyntaxNode, what: string): void {
	const scope = state.scopes[state.scopes.length - 1];
	// After a parse error the tree's nesting is a guess; do not pile a second-order error on it.
	if (scope?.kind === 'async' || state.budget.firstParseError < keyword.from) return;
	state.errors.push({
		offset: keyword.from,
		message: scope ? `${what} outside async function.` : `${what} outside function.`,
		span: state.span(keyword.from, keyword.to),
	});
}

/** Ranges are pushed in document order and the walk visits in document order, so a cursor suffices. */
function inSkip(state: State, from: number, to: number): boolean {
	const ranges = state.skip;
	while (state.budget.skipCursor < ranges.length - 1 && ranges[state.budget.skipCursor]!.to <= from) state.budget.skipCursor++;
	const range = ranges[state.budget.skipCursor];
	return range !== undefined && from >= range.from && to <= range.to;
}

// ---------------------------------------------------------------------------------------------------------
// Bindings

/** Records a bound name, in the module's set and as a local of the innermost open function. */
function bind(state: State, name: string): void {
	state.bound.add(name);
	const scope = state.scopes[state.scopes.length - 1];
	if (!scope) return;
	// Assigning a `global` name inside a function changes the module value at some unknown time.
	if (scope.globals.has(name)) state.uncertain.add(name);
	else scope.locals.add(name);
}

function bindName(state: State, name: string, scopeDepth: number, moduleDirect: boolean): void {
	bind(state, name);
	if (scopeDepth === 0 && !moduleDirect) state.uncertain.add(name);
}

/** Names a target expression binds (`a`, `a, (b, *c)`, `[x, y]`); attributes and subscripts bind none. */
function targetNames(src: Source, node: SyntaxNode, out: string[], depth = 0): void {
	if (depth > MAX_DEPTH) return;
	switch (node.name) {
		case 'VariableName':
			out.push(slice(src, node));
			return;
		case 'TupleExpression':
		case 'ArrayExpression':
		case 'ParenthesizedExpression':
			for (let child = node.firstChild; child; child = child.nextSibling) targetNames(src, child, out, depth + 1);
			return;
		default:
	}
}

function readParams(state: State, src: Source, node: SyntaxNode): void {
	let isDefault = false;
	for (let child = node.firstChild; child; child = child.nextSibling) {
		if (child.name === 'AssignOp') isDefault = true;
		else if (child.name === ',') isDefault = false;
		else if (child.name === 'VariableName' && !isDefault) bind(state, slice(src, child));
	}
}

function readForTargets(state: State, src: Source, node: SyntaxNode, moduleLoop: boolean): void {
	let inTargets = false;
	for (let child = node.firstChild; child; child = child.nextSibling) {
		if (child.name === 'for') inTargets = true;
		else if (child.name === 'in') inTargets = false;
		else if (inTargets) {
			const names: string[] = [];
			targetNames(src, child, names);
			for (const name of names) {
				bind(state, name);
				if (moduleLoop) state.uncertain.add(name);
			}
		}
	}
}

function bindAfterAs(state: State, src: Source, node: SyntaxNode): void {
	let afterAs = false;
	for (let child = node.firstChild; child; child = child.nextSibling) {
		if (child.name === 'as') afterAs = true;
		else {
			if (afterAs && child.name === 'VariableName') bind(state, slice(src, child));
			afterAs = false;
		}
	}
}

function readAssign(state: State, src: Source, node: SyntaxNode, scopeDepth: number, inFunction: boolean, functionName: string): void {
	const children: SyntaxNode[] = [];
	for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
	recordAssigned(state, src, children, functionName);
	const parent = node.parent?.name === 'StatementGroup' ? node.parent.parent : node.parent;
	const moduleDirect = scopeDepth === 0 && parent?.name === 'Script';
	if (node.name === 'UpdateStatement') {
		const target = children[0];
		if (target?.name !== 'VariableName') return;
		const name = slice(src, target);
		bind(state, name);
		if (scopeDepth > 0) return;
		if (!moduleDirect) {
			state.uncertain.add(name);
			return;
		}
		const op = children[1];
		const value = children[2];
		const current = state.constants.get(name);
		if (op && slice(src, op) === '+=' && value && current !== undefined && children.length === 3) {
			const added = evaluate(state, src, value);
			if (added.kind === 'string') {
				state.constants.set(name, current + added.value);
				return;
			}
		}
		state.constants.delete(name);
		return;
	}
	let lastAssign = -1;
	children.forEach((child, index) => {
		if (child.name === 'AssignOp') lastAssign = index;
	});
	// Targets: everything before the last `=` (chained `a = b = v` gives two); annotation-only `x: int` binds x.
	const targets: SyntaxNode[] = [];
	let tupleTarget = false;
	const end = lastAssign === -1 ? 1 : lastAssign;
	for (let index = 0; index < end; index++) {
		const child = children[index]!;
		if (child.name === ',') tupleTarget = true;
		else if (child.name !== 'AssignOp' && child.name !== 'TypeDef') targets.push(child);
	}
	const names: string[] = [];
	for (const target of targets) targetNames(src, target, names);
	for (const name of names) bind(state, name);
	if (inFunction && scopeDepth > 0) {
		recordConstruction(state, src, targets, children, lastAssign);
		return;
	}
	if (scopeDepth > 0) return; // class bodies: attributes, not module names
	recordConstruction(state, src, targets, children, lastAssign);
	if (!moduleDirect) {
		for (const name of names) state.uncertain.add(name);
		return;
	}
	const valueNode = lastAssign === -1 ? null : children.slice(lastAssign + 1);
	const single = valueNode && valueNode.length === 1 ? valueNode[0]! : null;
	const value = single ? evaluate(state, src, single) : null;
	const isPlain = !tupleTarget && targets.every((target) => target.name === 'VariableName');
	for (const name of names) {
		if (isPlain && value?.kind === 'string') state.constants.set(name, value.value);
		else if (lastAssign !== -1) state.constants.delete(name);
	}
}

/** Remembers the source text assigned to a plain name (`url = '%s/v1.0/publish/%s' % (...)`), a few per name. */
function recordAssigned(state: State, src: Source, children: readonly SyntaxNode[], functionName: string): void {
	const target = children[0];
	const op = children[1];
	const value = children[2];
	if (children.length !== 3 || target?.name !== 'VariableName' || !op || !value || (op.name !== 'AssignOp' && op.name !== 'UpdateOp')) return;
	let names = state.assigned.get(functionName);
	if (!names) state.assigned.set(functionName, (names = new Map()));
	const name = slice(src, target);
	let texts = names.get(name);
	if (!texts) names.set(name, (texts = []));
	if (texts.length < 8) texts.push(shortText(src, value));
}

/** Remembers `app = FastAPI()`-style assignments so decorators can tell their framework and prefix. */
function recordConstruction(state: State, src: Source, targets: readonly SyntaxNode[], children: readonly SyntaxNode[], lastAssign: number): void {
	if (lastAssign === -1 || children.length !== lastAssign + 2) return;
	let value = children[lastAssign + 1]!;
	if (value.name === 'AwaitExpression' && value.lastChild) value = value.lastChild;
	for (const target of targets) {
		if (target.name !== 'VariableName' && target.name !== 'MemberExpression') continue;
		const name = compact(boundedSlice(src, target));
		let list = state.constructions.get(name);
		if (!list) state.constructions.set(name, (list = []));
		if (list.length < 50) list.push({call: value.name === 'CallExpression' ? value : null, src, at: value.from + src.delta});
	}
}

// ---------------------------------------------------------------------------------------------------------
// Imports

function readImport(state: State, src: Source, node: SyntaxNode): void {
	const children: SyntaxNode[] = [];
	for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
	const first = children[0];
	if (!first) return;
	let index = 1;
	let module = '';
	if (first.name === 'from') {
		for (; index < children.length && children[index]!.name !== 'import'; index++) module += slice(src, children[index]!);
		index++;
	}
	const isFrom = first.name === 'from';
	// Items: dotted (VariableName . VariableName ...) optionally followed by `as VariableName`, split by commas.
	let dotted: SyntaxNode[] = [];
	let alias: SyntaxNode | null = null;
	let afterAs = false;
	const flush = (): void => {
		if (dotted.length === 0) return;
		const head = dotted[0]!;
		const tail = alias ?? dotted[dotted.length - 1]!;
		const text = dotted.map((part) => slice(src, part)).join('.');
		const itemSpan = state.span(head.from + src.delta, tail.to + src.delta);
		if (isFrom) {
			const local = alias ? slice(src, alias) : text;
			state.imports.push({module, name: text, alias: local, span: itemSpan});
			state.aliases.set(local, module.endsWith('.') ? `${module}${text}` : `${module}.${text}`);
			bind(state, local);
		} else {
			const local = alias ? slice(src, alias) : slice(src, head);
			state.imports.push({module: text, name: null, alias: local, span: itemSpan});
			state.aliases.set(local, alias ? text : local);
			bind(state, local);
		}
		dotted = [];
		alias = null;
		afterAs = false;
	};
	for (; index < children.length; index++) {
		const child = children[index]!;
		switch (child.name) {
			case 'VariableName':
				if (afterAs) alias = child;
				else dotted.push(child);
				break;
			case 'as':
				afterAs = true;
				break;
			case ',':
				flush();
				break;
			case '*':
				if (isFrom) {
					state.imports.push({module, name: '*', alias: '*', span: state.span(child.from + src.delta, child.to + src.delta)});
					state.starModules.push(module);
				}
				break;
			default:
		}
	}
	flush();
}

/** What a star import of a module this checker cares about brings in. */
const STAR_EXPORTS: Readonly<Record<string, readonly string[]>> = {
	'starlette.routing': ['Route', 'Mount'],
	fastapi: ['FastAPI', 'APIRouter'],
	flask: ['Flask', 'Blueprint'],
	'dapr.clients': ['DaprClient'],
	'dapr.aio.clients': ['DaprClient'],
	'dapr.ext.grpc': ['App'],
};

/** Resolves `dc.DaprClient` / `DC` / `fastapi.FastAPI` through the imports to a dotted qualified name, or null. */
function qualify(state: State, dotted: string): string | null {
	if (!/^[\w.]+$/u.test(dotted)) return null;
	const parts = dotted.split('.');
	const head = parts[0]!;
	let resolved = state.aliases.get(head);
	if (resolved === undefined) {
		for (const module of state.starModules) if (STAR_EXPORTS[module]?.includes(head)) resolved = `${module}.${head}`;
	}
	if (resolved === undefined) return null;
	return [resolved, ...parts.slice(1)].join('.');
}

// ---------------------------------------------------------------------------------------------------------
// With

function readWith(state: State, src: Source, node: SyntaxNode, functions: readonly string[], isSub: boolean): boolean {
	let isAsync = false;
	let withKw: SyntaxNode | null = null;
	let body: SyntaxNode | null = null;
	for (let child = node.firstChild; child; child = child.nextSibling) {
		if (child.name === 'async') isAsync = true;
		else if (child.name === 'with' && !withKw) withKw = child;
		else if (child.name === 'Body') body = child;
	}
	if (!isSub && withKw && body && state.budget.reparses < MAX_REPARSE && reparseParenthesisedWith(state, src, node, withKw, body, isAsync, functions)) return true;
	let expr: SyntaxNode | null = null;
	let afterAs = false;
	let itemFrom = -1;
	const flush = (to: number, asName: SyntaxNode | null): void => {
		if (expr) state.withs.push({async: isAsync, expr, asName: asName ? slice(src, asName) : null, from: itemFrom, to, src});
		expr = null;
	};
	let started = false;
	for (let child = node.firstChild; child; child = child.nextSibling) {
		if (child.name === 'with') {
			started = true;
			continue;
		}
		if (!started || child.name === 'Comment') continue;
		if (child.name === 'Body') break;
		if (child.name === 'as') afterAs = true;
		else if (child.name === ',') {
			if (expr) flush((expr as SyntaxNode).to, null);
			afterAs = false;
		} else if (afterAs) {
			if (child.name === 'VariableName') {
				bind(state, slice(src, child));
				flush(child.to, child);
			}
			afterAs = false;
		} else if (!child.type.isError) {
			expr = child;
			itemFrom = child.from;
		}
	}
	if (expr) flush((expr as SyntaxNode).to, null);
	return true;
}

/**
 * `with (A() as a, B() as b):` is Python 3.10 syntax lezer does not parse. When the header is wrapped in
 * parentheses and lezer found errors in it, re-parse the header without the parentheses (same length, so offsets
 * still line up) and, when that parses cleanly, take the items from it and ignore lezer's errors there.
 */
function reparseParenthesisedWith(
	state: State,
	src: Source,
	node: SyntaxNode,
	withKw: SyntaxNode,
	body: SyntaxNode,
	isAsync: boolean,
	functions: readonly string[],
): boolean {
	const header = src.text.slice(withKw.to, body.from);
	const open = withKw.to + header.search(/\S/u);
	const close = withKw.to + header.trimEnd().length - 1;
	if (src.text[open] !== '(' || src.text[close] !== ')' || close <= open) return false;
	let hasError = false;
	node.toTree().iterate({
		from: 0,
		to: body.from - node.from,
		enter: (ref) => {
			if (hasError) return false;
			if (ref.type.isError && ref.from + node.from < body.from) hasError = true;
			return true;
		},
	});
	if (!hasError) return false;
	state.budget.reparses++;
	const inner = blankInner(src.text.slice(open + 1, close));
	const lead = isAsync ? 'async with ' : 'with ';
	const snippet = `${lead}${inner}: pass`;
	const subTree = parser.parse(snippet);
	let subError = false;
	subTree.iterate({
		enter: (ref) => {
			if (ref.type.isError) subError = true;
			return !subError;
		},
	});
	if (subError) return false;
	state.skip.push({from: open + src.delta, to: close + 1 + src.delta});
	// The snippet's header starts where the file's did, one past the parenthesis: offsets map back by a delta.
	walk(state, subTree, {text: snippet, delta: src.delta + open + 1 - lead.length}, functions, true);
	return true;
}

/** Newlines and comments to spaces, a trailing comma dropped: the header fits on one line without changing length. */
function blankInner(inner: string): string {
	const out = inner.split('');
	let quote: string | null = null;
	for (let index = 0; index < out.length; index++) {
		const char = out[index]!;
		if (quote) {
			if (char === '\\') index++;
			else if (inner.startsWith(quote, index)) {
				index += quote.length - 1;
				quote = null;
			}
			if (out[index] === '\n') out[index] = ' ';
			continue;
		}
		if (char === '"' || char === "'") quote = inner.startsWith(char.repeat(3), index) ? char.repeat(3) : char;
		else if (char === '#') {
			while (index < out.length && out[index] !== '\n') out[index++] = ' ';
			if (index < out.length) out[index] = ' ';
		} else if (char === '\n' || char === '\\') out[index] = ' ';
	}
	for (let index = out.length - 1; index >= 0; index--) {
		if (out[index] === ' ' || out[index] === '\t') continue;
		if (out[index] === ',') out[index] = ' ';
		break;
	}
	return out.join('');
}

// ---------------------------------------------------------------------------------------------------------
// Decorators and routes

function readDecorated(state: State, src: Source, node: SyntaxNode): void {
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

const HTTP_SHORTCUTS = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'trace']);

type ArgNodes = {readonly positional: SyntaxNode[]; readonly keyword: Map<string, SyntaxNode>};

function argNodes(src: Source, argList: SyntaxNode | null): ArgNodes {
	const positional: SyntaxNode[] = [];
	const keyword = new Map<string, SyntaxNode>();
	if (!argList) return {positional, keyword};
	for (const group of argGroups(argList)) {
		if (group.length === 3 && group[0]!.name === 'VariableName' && group[1]!.name === 'AssignOp') keyword.set(slice(src, group[0]!), group[2]!);
		else if (group.length >= 1 && group[0]!.name !== '*' && group[0]!.name !== '**') positional.push(group[0]!);
	}
	return {positional, keyword};
}

/** The comma-separated argument groups of an ArgList, brackets and error nodes left out. */
function argGroups(argList: SyntaxNode): SyntaxNode[][] {
	const groups: SyntaxNode[][] = [];
	let current: SyntaxNode[] = [];
	for (let child = argList.firstChild; child; child = child.nextSibling) {
		const name = child.name;
		if (name === '(' || name === ')' || name === 'Comment' || child.type.isError) continue;
		if (name === ',') {
			if (current.length > 0) groups.push(current);
			current = [];
		} else current.push(child);
	}
	if (current.length > 0) groups.push(current);
	return groups;
}

type Target = {
	readonly framework: PyFramework;
	readonly role: 'app' | 'router' | 'unknown';
	readonly call: {readonly call: SyntaxNode; readonly src: Source} | null;
};

const CONSTRUCTORS: Readonly<Record<string, {framework: PyFramework; role: 'app' | 'router'}>> = {
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
const BARE_CONSTRUCTORS: Readonly<Record<string, {framework: PyFramework; role: 'app' | 'router'}>> = {
	FastAPI: {framework: 'fastapi', role: 'app'},
	APIRouter: {framework: 'fastapi', role: 'router'},
	Flask: {framework: 'flask', role: 'app'},
	Blueprint: {framework: 'flask', role: 'router'},
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
		if (call.receiver === null || (call.method !== 'include_router' && call.method !== 'register_blueprint')) continue;
		const first = call.args.find((arg) => arg.position === 0) ?? call.args.find((arg) => arg.keyword === 'router' || arg.keyword === 'blueprint');
		if (!first || first.value.kind !== 'name' || first.value.name !== name) continue;
		const named = call.args.find((arg) => arg.keyword === (flask ? 'url_prefix' : 'prefix'));
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
	const node = args.keyword.get(target.framework === 'flask' ? 'url_prefix' : 'prefix');
	if (!node) return '';
	const value = evaluate(state, target.call.src, node);
	if (value.kind === 'string') return value.value;
	if (value.kind === 'other' && value.text === 'None') return '';
	return null;
}

function joinFlask(prefix: string, path: string): string {
	if (!prefix) return path;
	if (!path) return prefix;
	return `${prefix.replace(/\/+$/u, '')}/${path.replace(/^\/+/u, '')}`;
}

function buildRoutes(state: State, calls: readonly PyCall[]): PyRoute[] {
	const routes: PyRoute[] = [];
	const includes = calls.filter((call) => call.receiver !== null && (call.method === 'include_router' || call.method === 'register_blueprint'));
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
		// Flask (and unknown `.route`, which is Flask's shape) answers HEAD wherever it answers GET.
		const flaskLike = framework === 'flask' || (framework === 'unknown' && (attr === 'route' || attr === 'add_url_rule'));
		if (flaskLike && methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
		for (const mount of mounts(target)) {
			let full: string | null = null;
			if (path !== null && mount.prefix !== null) full = framework === 'flask' ? joinFlask(mount.prefix, path) : mount.prefix + path;
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
			if (!HTTP_SHORTCUTS.has(attr) && attr !== 'route' && attr !== 'api_route' && attr !== 'binding') continue;
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
		if (attr !== 'add_api_route' && attr !== 'add_url_rule' && attr !== 'add_route') continue;
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

const STARLETTE_ROUTE = new Set(['starlette.routing.Route', 'fastapi.routing.APIRoute', 'starlette.routing.Host']);
const STARLETTE_MOUNT = new Set(['starlette.routing.Mount']);

/**
 * Starlette's route lists: `Route("/cleanup-cron", handler, methods=["POST"])` anywhere in the module (the list is
 * handed to `Starlette(routes=...)` or a Router), with the prefixes of the `Mount("/api", routes=[...])` calls it
 * sits in. A Mount whose routes are not written inline is a route source the checker cannot follow.
 */
function starletteRoutes(state: State, routes: PyRoute[]): void {
	for (const raw of state.calls) {
		const calleeNode = raw.node.firstChild;
		if (!calleeNode) continue;
		const qualified = qualify(state, calleeText(raw.src, calleeNode));
		if (qualified === null) continue;
		const argList = raw.node.lastChild?.name === 'ArgList' ? raw.node.lastChild : null;
		const args = argNodes(raw.src, argList);
		if (STARLETTE_MOUNT.has(qualified)) {
			const inner = args.keyword.get('routes') ?? args.positional[1] ?? args.keyword.get('app');
			if (inner && inner.name !== 'ArrayExpression' && inner.name !== 'TupleExpression') {
				state.routeSources.push({text: shortText(raw.src, raw.node), file: state.file, span: state.span(raw.node.from + raw.src.delta, raw.node.to + raw.src.delta)});
			}
			continue;
		}
		if (!STARLETTE_ROUTE.has(qualified) || qualified === 'starlette.routing.Host') continue;
		const pathNode = args.positional[0] ?? args.keyword.get('path');
		const handlerNode = args.positional[1] ?? args.keyword.get('endpoint');
		if (!pathNode) continue;
		const value = evaluate(state, raw.src, pathNode, raw.scopes);
		let prefix: string | null = '';
		for (let parent = raw.node.parent; parent; parent = parent.parent) {
			if (parent.name !== 'CallExpression' || !parent.firstChild) continue;
			const outer = qualify(state, calleeText(raw.src, parent.firstChild));
			if (outer === 'starlette.routing.Host') prefix = null;
			if (outer === null || !STARLETTE_MOUNT.has(outer)) continue;
			const mountArgs = argNodes(raw.src, parent.lastChild?.name === 'ArgList' ? parent.lastChild : null);
			const mountPath = mountArgs.positional[0] ?? mountArgs.keyword.get('path');
			const mountValue = mountPath ? evaluate(state, raw.src, mountPath, raw.scopes) : null;
			prefix = prefix === null || mountValue?.kind !== 'string' ? null : mountValue.value.replace(/\/+$/u, '') + prefix;
		}
		const local = value.kind === 'string' ? value.value : null;
		const methodsNode = args.keyword.get('methods');
		const handler = handlerNode ? shortText(raw.src, handlerNode) : '';
		let methods: string[] = [];
		let methodsUnknown = false;
		if (methodsNode && slice(raw.src, methodsNode) !== 'None') {
			const listed = stringList(state, raw.src, methodsNode, raw.scopes);
			if (listed) methods = listed.map((method) => method.toUpperCase());
			else methodsUnknown = true;
		} else if (state.functionNames.has(handler)) methods = ['GET'];
		// Starlette: a function endpoint without methods answers GET; a class endpoint (HTTPEndpoint) answers its methods.
		else methodsUnknown = true;
		if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
		const at = state.span(raw.node.from + raw.src.delta, raw.node.to + raw.src.delta);
		routes.push({
			kind: 'http',
			path: local !== null && prefix !== null ? prefix + local : null,
			pathText: shortText(raw.src, pathNode),
			methods,
			framework: 'unknown',
			target: calleeText(raw.src, calleeNode),
			decoratorSpan: at,
			pathSpan: state.span(pathNode.from + raw.src.delta, pathNode.to + raw.src.delta),
			handler,
			async: false,
			localPath: local,
			...(methodsUnknown ? {methodsUnknown: true} : {}),
		});
	}
}

/** The apps and routers the module builds, with their own prefix, for the project to link across modules. */
function buildRouters(state: State): PyRouter[] {
	const out: PyRouter[] = [];
	for (const name of state.constructions.keys()) {
		if (!/^\w+$/u.test(name)) continue;
		const target = targetOf(state, name);
		if (target.role === 'unknown') continue;
		out.push({name, framework: target.framework, role: target.role, prefix: ownPrefix(state, target)});
	}
	return out;
}

function stringList(state: State, src: Source, node: SyntaxNode, scopes: readonly Scope[]): string[] | null {
	let list = node;
	if (list.name === 'ParenthesizedExpression' && list.firstChild?.nextSibling) list = list.firstChild.nextSibling;
	if (list.name !== 'ArrayExpression' && list.name !== 'TupleExpression' && list.name !== 'SetExpression') {
		const single = evaluate(state, src, list, scopes);
		return single.kind === 'string' ? [single.value] : null;
	}
	const out: string[] = [];
	for (let child = list.firstChild; child; child = child.nextSibling) {
		if (['[', ']', '(', ')', '{', '}', ',', 'Comment'].includes(child.name)) continue;
		const value = evaluate(state, src, child, scopes);
		if (value.kind !== 'string') return null;
		out.push(value.value);
	}
	return out;
}

// ---------------------------------------------------------------------------------------------------------
// Calls and values

function buildCall(state: State, raw: RawCall): PyCall {
	const {node, src} = raw;
	const calleeNode = node.firstChild;
	const callee = calleeNode ? calleeText(src, calleeNode) : '';
	let method = callee;
	let receiver: string | null = null;
	if (calleeNode?.name === 'MemberExpression') {
		const property = calleeNode.lastChild;
		if (property?.name === 'PropertyName') method = slice(src, property);
		if (calleeNode.firstChild) receiver = calleeText(src, calleeNode.firstChild);
	}
	const argList = node.lastChild?.name === 'ArgList' ? node.lastChild : null;
	const args: PyArg[] = [];
	let position = 0;
	if (argList) {
		for (const group of argGroups(argList)) {
			const head = group[0]!;
			const last = group[group.length - 1]!;
			const argSpan = state.span(head.from + src.delta, last.to + src.delta);
			if (head.name === '*' || head.name === '**') {
				const valueNode = group[1];
				args.push({keyword: head.name, position: null, value: valueNode ? evaluate(state, src, valueNode, raw.scopes) : other(''), span: argSpan});
			} else if (group.length >= 3 && head.name === 'VariableName' && group[1]!.name === 'AssignOp' && slice(src, group[1]!) === '=') {
				const value = evaluate(state, src, group[2]!, raw.scopes);
				args.push({keyword: slice(src, head), position: null, value, span: argSpan, template: templateOf(state, src, group[2]!, value, raw.inFunction)});
			} else {
				const value = group.length === 1 ? evaluate(state, src, head, raw.scopes) : other(compact(boundedSlice(src, {from: head.from, to: last.to})));
				args.push({keyword: null, position: position++, value, span: argSpan, template: templateOf(state, src, head, value, raw.inFunction)});
			}
		}
	}
	return {
		callee,
		method,
		receiver,
		args,
		span: state.span(node.from + src.delta, node.to + src.delta),
		inFunction: raw.inFunction,
		qualifiedCallee: qualify(state, callee),
	};
}

/**
 * The text that builds an argument: the expression, or for a name what was assigned to it in the same function or
 * at module level (followed through a few plain-name hops: `url = base_url`, `base_url = f"...{port}/v1.0/..."`).
 */
function templateOf(state: State, src: Source, node: SyntaxNode, value: PyValue, inFunction: string | null): string {
	if (value.kind === 'string') return value.value;
	if (node.name !== 'VariableName') return shortText(src, node);
	const texts: string[] = [];
	let pending = [slice(src, node)];
	const seen = new Set<string>();
	for (let hop = 0; hop < 4 && pending.length > 0; hop++) {
		const next: string[] = [];
		for (const name of pending) {
			if (seen.has(name)) continue;
			seen.add(name);
			const local = inFunction === null ? undefined : state.assigned.get(inFunction)?.get(name);
			const found = local ?? state.assigned.get('')?.get(name) ?? [];
			for (const text of found) {
				texts.push(text);
				if (/^[A-Za-z_]\w*$/u.test(text)) next.push(text);
			}
			const constant = state.constants.get(name);
			if (constant !== undefined) texts.push(constant);
		}
		pending = next;
	}
	return texts.length > 0 ? texts.join(' ') : slice(src, node);
}

/** Dotted text of a callee (`client.invoke_binding`, `DaprClient().invoke_binding`), whitespace removed. */
function calleeText(src: Source, node: SyntaxNode): string {
	return compact(boundedSlice(src, node));
}

/** Source text of a node, cut long before it matters: values nest, and copying whole subtrees would be quadratic. */
function boundedSlice(src: Source, node: {from: number; to: number}): string {
	return src.text.slice(node.from, Math.min(node.to, node.from + MAX_TEXT * 3));
}

function compact(text: string): string {
	const out = /^[\w.\s]+$/u.test(text) ? text.replace(/\s+/gu, '') : text.replace(/\s+/gu, ' ').trim();
	return out.length > MAX_TEXT ? `${out.slice(0, MAX_TEXT)}…` : out;
}

function shortText(src: Source, node: SyntaxNode): string {
	const text = boundedSlice(src, node).replace(/\s+/gu, ' ').trim();
	return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function other(text: string): PyValue {
	return {kind: 'other', text};
}

/** What an expression is known to hold; strings resolved through module-level constants. */
function evaluate(state: State, src: Source, node: SyntaxNode, scopes: readonly Scope[] = [], depth = 0): PyValue {
	if (depth > MAX_DEPTH) return other(shortText(src, node));
	switch (node.name) {
		case 'String': {
			const parts = literalParts(slice(src, node));
			if (!parts) return other(shortText(src, node));
			if (parts.bytes) return {kind: 'bytes'};
			return {kind: 'string', value: literalValue(parts)};
		}
		case 'FormatString':
			return evaluateFormat(state, src, node, scopes, depth);
		case 'ContinuedString': {
			let value: PyValue | null = null;
			for (let child = node.firstChild; child; child = child.nextSibling) {
				if (child.name !== 'String' && child.name !== 'FormatString') continue;
				const part = evaluate(state, src, child, scopes, depth + 1);
				value = value === null ? part : concat(value, part, shortText(src, node));
			}
			return value ?? other(shortText(src, node));
		}
		case 'Number':
			return {kind: 'number', text: slice(src, node)};
		case 'ArrayExpression':
		case 'ArrayComprehensionExpression':
			return {kind: 'list'};
		case 'DictionaryExpression':
		case 'DictionaryComprehensionExpression':
			return {kind: 'dict'};
		case 'SetExpression':
		case 'SetComprehensionExpression':
			return {kind: 'set'};
		case 'TupleExpression':
			return {kind: 'tuple'};
		case 'ParenthesizedExpression': {
			const inner = node.firstChild?.nextSibling;
			return inner && inner.name !== ')' ? evaluate(state, src, inner, scopes, depth + 1) : other(shortText(src, node));
		}
		case 'CallExpression':
			return {kind: 'call', callee: node.firstChild ? calleeText(src, node.firstChild) : ''};
		case 'VariableName': {
			const name = slice(src, node);
			if (isLocal(scopes, name)) return {kind: 'name', name};
			const constant = state.constants.get(name);
			if (constant !== undefined) return {kind: 'string', value: constant};
			const external = externalValue(state, name);
			return external !== undefined ? {kind: 'string', value: external} : {kind: 'name', name};
		}
		case 'MemberExpression': {
			const text = compact(boundedSlice(src, node));
			const external = /^[\w.]+$/u.test(text) && !isLocal(scopes, text.split('.')[0]!) ? externalValue(state, text) : undefined;
			return external !== undefined ? {kind: 'string', value: external} : other(shortText(src, node));
		}
		case 'BinaryExpression': {
			const left = node.firstChild;
			const op = left?.nextSibling;
			const right = op?.nextSibling;
			if (left && op && right && slice(src, op) === '+') {
				return concat(evaluate(state, src, left, scopes, depth + 1), evaluate(state, src, right, scopes, depth + 1), shortText(src, node));
			}
			if (left && op && right && slice(src, op) === '%') {
				// printf-style formatting: the text before the first conversion is known.
				const template = evaluate(state, src, left, scopes, depth + 1);
				if (template.kind === 'string') return {kind: 'partial-string', prefix: template.value.split('%')[0]!, text: shortText(src, node)};
			}
			return other(shortText(src, node));
		}
		default:
			return other(shortText(src, node));
	}
}

/** A name imported from another module of the folder, as the project resolved it (a string constant there). */
function externalValue(state: State, dotted: string): string | undefined {
	if (!state.resolve) return undefined;
	const qualified = qualify(state, dotted);
	return qualified === null ? undefined : state.resolve(qualified);
}

/** True when the innermost scope that knows the name holds it as a local (not declared global). */
function isLocal(scopes: readonly Scope[], name: string): boolean {
	for (let index = scopes.length - 1; index >= 0; index--) {
		const scope = scopes[index]!;
		if (scope.globals.has(name)) return false;
		if (scope.locals.has(name)) return true;
	}
	return false;
}

function concat(left: PyValue, right: PyValue, text: string): PyValue {
	if (left.kind === 'string' && right.kind === 'string') return {kind: 'string', value: left.value + right.value};
	if (left.kind === 'bytes' && right.kind === 'bytes') return {kind: 'bytes'};
	if (left.kind === 'string' && right.kind !== 'bytes') return {kind: 'partial-string', prefix: left.value, text};
	if (left.kind === 'partial-string') return {kind: 'partial-string', prefix: left.prefix, text};
	if (right.kind === 'string' || right.kind === 'partial-string') return {kind: 'partial-string', prefix: '', text};
	return other(text);
}

function evaluateFormat(state: State, src: Source, node: SyntaxNode, scopes: readonly Scope[], depth: number): PyValue {
	const text = slice(src, node);
	const parts = literalParts(text);
	if (!parts) return other(shortText(src, node));
	const bodyStart = node.from + (text.length - parts.body.length - (parts.terminated ? parts.quote.length : 0));
	const bodyEnd = bodyStart + parts.body.length;
	let known = '';
	let complete = true;
	let cursor = bodyStart;
	for (let child = node.firstChild; child; child = child.nextSibling) {
		if (child.name !== 'FormatReplacement') continue;
		if (complete) known += formatLiteralText(src.text.slice(cursor, child.from), parts.raw);
		cursor = child.to;
		if (!complete) continue;
		const value = replacementValue(state, src, child, scopes, depth);
		if (value === null) complete = false;
		else known += value;
	}
	if (complete) {
		known += formatLiteralText(src.text.slice(cursor, bodyEnd), parts.raw);
		return {kind: 'string', value: known};
	}
	return {kind: 'partial-string', prefix: known, text: shortText(src, node)};
}

/** The text a `{...}` part produces when it is a known string with no conversion or format spec; else null. */
function replacementValue(state: State, src: Source, node: SyntaxNode, scopes: readonly Scope[], depth: number): string | null {
	const inner: SyntaxNode[] = [];
	for (let child = node.firstChild; child; child = child.nextSibling) {
		const name = child.name;
		if (name === '{' || name === '}') continue;
		if (name === 'FormatConversion') {
			if (slice(src, child) !== '!s') return null;
			continue;
		}
		if (name === 'FormatSpec' || name === 'FormatSelfDoc' || child.type.isError) return null;
		inner.push(child);
	}
	if (inner.length !== 1) return null;
	const value = evaluate(state, src, inner[0]!, scopes, depth + 1);
	return value.kind === 'string' ? value.value : null;
}

// ---------------------------------------------------------------------------------------------------------
// Syntax errors

const BRACKETED = new Set([
	'ArgList',
	'ParamList',
	'ParenthesizedExpression',
	'TupleExpression',
	'ComprehensionExpression',
	'ArrayExpression',
	'ArrayComprehensionExpression',
	'DictionaryExpression',
	'DictionaryComprehensionExpression',
	'SetExpression',
	'SetComprehensionExpression',
	'PatternArgList',
	'SequencePattern',
	'MappingPattern',
	'TypeParamList',
	'MemberExpression',
	'ImportStatement',
]);

const CLOSERS: Readonly<Record<string, string>> = {'(': ')', '[': ']', '{': '}'};

function recordError(state: State, src: Source, node: SyntaxNode): void {
	const text = src.text;
	if (isBareYield(text, node.from)) return;
	if (!state.brackets) {
		state.brackets = scanBrackets(text);
		for (const problem of state.brackets.problems) {
			state.errors.push({offset: problem.offset + src.delta, message: problem.message, span: state.span(problem.offset + src.delta, problem.offset + src.delta + 1), priority: 0});
		}
	}
	const brackets = state.brackets;
	if (isRelaxedDecorator(text, node.from)) return;
	const at = (from: number, to: number, message: string): void => {
		state.errors.push({offset: from + src.delta, message, span: state.span(from + src.delta, to + src.delta)});
	};
	// An opening bracket whose node never got its closing one: point at the bracket, as Python does.
	let parent = node.parent;
	for (let level = 0; parent && level < 4; level++, parent = parent.parent) {
		if (!BRACKETED.has(parent.name)) continue;
		for (let child = parent.firstChild; child; child = child.nextSibling) {
			if (child.to - child.from !== 1) continue;
			const open = text[child.from]!;
			const closer = CLOSERS[open];
			if (!closer || child.type.isError) continue;
			if (brackets.unclosed.has(child.from)) {
				at(child.from, child.to, `Unclosed '${open}'.`);
				return;
			}
			break;
		}
	}
	const blockMessage = indentationMessage(text, node.from, (offset) => state.span(offset + src.delta, offset + src.delta + 1).line);
	if (blockMessage) {
		at(blockMessage.from, blockMessage.to, blockMessage.message);
		return;
	}
	if (node.from === node.to) {
		if (node.parent?.name === 'Body' && node.parent.firstChild?.from === node.from && node.prevSibling === null) {
			at(node.from, node.from, "Expected ':'.");
			return;
		}
		let index = node.from;
		while (index < text.length && (text[index] === ' ' || text[index] === '\t')) index++;
		if (index >= text.length) at(Math.max(0, index - 1), index, 'Unexpected end of file.');
		else if (text[index] === '\n') at(index, index, 'Unexpected end of line.');
		else {
			const token = firstToken(text.slice(index, index + 80));
			at(index, index + token.length, unexpected(text, node, index, token));
		}
		return;
	}
	const content = text.slice(node.from, node.to);
	const lead = content.search(/\S/u);
	if (lead === -1) {
		at(node.from, node.to, content.includes('\n') ? 'Unexpected end of line.' : 'Unexpected whitespace.');
		return;
	}
	const token = firstToken(content.slice(lead, lead + 80));
	at(node.from + lead, node.from + lead + token.length, unexpected(text, node, node.from + lead, token));
}

/** "Unexpected 'x'.", with Python 3.10's comma hint when two values meet inside brackets. */
function unexpected(text: string, node: SyntaxNode, offset: number, token: string): string {
	let before = offset;
	while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
	const previous = text[before - 1] ?? '';
	let inside = false;
	let parent = node.parent;
	for (let level = 0; parent && level < 4; level++, parent = parent.parent) if (BRACKETED.has(parent.name) && parent.name !== 'ImportStatement') inside = true;
	if (inside && before < offset && /^[\p{L}\p{N}_"']/u.test(token) && /[\p{L}\p{N}_"')\]}]/u.test(previous) && !/^(?:for|if|else|in|is|and|or|not|as|async|await|lambda)$/u.test(token)) {
		return `Unexpected '${token}'; is a comma missing before it?`;
	}
	return `Unexpected '${token}'.`;
}

function checkString(state: State, src: Source, node: SyntaxNode): void {
	if (state.errors.length >= MAX_ERRORS) return;
	const parts = literalParts(slice(src, node));
	if (!parts || parts.terminated) return;
	const from = node.from + src.delta;
	const long = parts.quote.length === 3;
	const lineEnd = src.text.indexOf('\n', node.from);
	const to = long ? node.from + parts.prefix.length + 3 : lineEnd === -1 ? node.to : Math.min(node.to, lineEnd);
	state.errors.push({
		offset: from,
		message: long ? 'Unterminated triple-quoted string literal.' : 'Unterminated string literal.',
		span: state.span(from, to + src.delta),
	});
}

/**
 * lezer skips a stray indent silently (`x = 1` followed by an indented line parses as two statements). CPython
 * rejects it at import time, so flag statements that start a line at the wrong depth, unless an earlier error
 * already explains the confusion.
 */
function checkIndent(state: State, src: Source, node: SyntaxNode, bodyIndent: Map<number, {width: number; chars: number}>): void {
	const parent = node.parent;
	if (!parent || (parent.name !== 'Script' && parent.name !== 'Body')) return;
	const text = src.text;
	const lineStart = text.lastIndexOf('\n', node.from - 1) + 1;
	if (text.slice(lineStart, node.from).trim() !== '') return;
	const width = indentOf(text, lineStart);
	const chars = /^[ \t\f]*/u.exec(text.slice(lineStart, node.from))![0].length;
	let expected: {width: number; chars: number};
	if (parent.name === 'Script') expected = {width: 0, chars: 0};
	else {
		const known = bodyIndent.get(parent.from);
		if (known === undefined) {
			bodyIndent.set(parent.from, {width, chars});
			return;
		}
		expected = known;
	}
	if (state.errors.length >= MAX_ERRORS) return;
	if (width === expected.width) {
		// CPython's tokenizer measures indentation with tab size 8 and tab size 1; lines of one block that agree on
		// the first and not the second mix tabs and spaces, and the module does not compile (TabError).
		if (chars !== expected.chars) {
			state.errors.push({
				offset: node.from,
				message: 'Inconsistent use of tabs and spaces in indentation.',
				span: state.span(lineStart, node.from),
			});
		}
		return;
	}
	const lastError = state.errors[state.errors.length - 1];
	if (lastError && lastError.offset >= parent.from && lastError.offset <= node.from) return;
	let previous = node.prevSibling;
	while (previous && previous.name === 'Comment') previous = previous.prevSibling;
	let message = 'Unexpected indentation.';
	if (previous) {
		const prevLineStart = text.lastIndexOf('\n', Math.max(0, previous.to - 1) - 1) + 1;
		if (width < indentOf(text, prevLineStart)) message = 'Unindent does not match any outer indentation level.';
	}
	state.errors.push({offset: node.from, message, span: state.span(node.from, Math.min(node.to, endOfLine(text, node.from)))});
}
