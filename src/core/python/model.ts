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
 *
 * This file runs the analysis; its sections live beside it: state.ts (the shared state and text helpers), walk.ts
 * (the one pass over the tree), scope.ts and assign.ts (bound names, scopes, constants), imports.ts, with-blocks.ts,
 * routes.ts and starlette.ts (routes and router mounts; the framework facts they use are in frameworks.ts), calls.ts,
 * args.ts, evaluate.ts (values) and syntax-errors.ts.
 */
import {parser} from '@lezer/python';
import type {PySyntaxError, PythonModel, PyWith} from '../model.js';
import type {Span} from '../types.js';
import {lineStarts, spanAt} from '../yaml/positions.js';
import {buildCall} from './calls.js';
import {qualify} from './imports.js';
import {buildRouters, buildRoutes} from './routes.js';
import {calleeText, shortText, type State} from './state.js';
import {walk} from './walk.js';

/** How analyzePython reads names that come from other modules of the lab folder. */
export type AnalyzeOptions = {
	/** The string value of a qualified name (`config.ROUTE`, `.settings.PREFIX`) another module defines, if known. */
	readonly resolve?: (qualified: string) => string | undefined;
};

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
