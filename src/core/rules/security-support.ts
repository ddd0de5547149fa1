/**
 * What the security/* rules read from the app beyond the Python model (core/python): comparisons (`==`, `!=`),
 * string literals assigned to names, and the text of each function (its parameters, decorators and body), from one
 * @lezer/python parse per module text. Plus the two handler sets they judge: the input binding's (cron) handlers
 * and the app's other POST routes (the webhooks). Pure; parses are cached per text.
 */
import {parser} from '@lezer/python';
import type {SyntaxNode} from '@lezer/common';
import type {PyCall, PyRoute, PythonModel} from '../model.js';
import {handlerRef, reachableFrom, type PyFunctionRef} from '../python/project.js';
import {literalParts, literalValue} from '../python/literals.js';
import type {WorkspaceModel} from '../rule.js';
import type {Span} from '../types.js';
import {lineStarts, spanAt} from '../yaml/positions.js';
import {inputHandlers, type Located} from './completeness.js';

/** `a == b` or `a != b` in the app. */
export type PyCompare = {
	readonly op: '==' | '!=';
	readonly left: PyOperand;
	readonly right: PyOperand;
	readonly span: Span;
	readonly inFunction: string | null;
};

export type PyOperand = {
	readonly text: string;
	/** A string, bytes, number, None, True or False literal; `value` is a string literal's value (bytes: its text). */
	readonly literal: {readonly value: string} | null;
};

/** `NAME = <expression>` (annotated or not). `literal` is the value when the expression is a plain string literal. */
export type PyAssign = {
	readonly name: string;
	readonly text: string;
	readonly literal: string | null;
	readonly span: Span;
	readonly inFunction: string | null;
};

/** A function definition: the text of its decorators, parameters and body, for mentions of a header or a call. */
export type PyFunctionText = {readonly name: string; readonly text: string; readonly span: Span};

/** A call to `hmac.new`, `hmac.digest` or `hmac.HMAC`, read from the parse tree (its argument texts as written). */
export type PyHmacCall = {
	readonly args: readonly {readonly keyword: string | null; readonly position: number | null; readonly text: string; readonly literal: boolean; readonly span: Span}[];
	readonly span: Span;
	readonly inFunction: string | null;
};

export type SecurityFacts = {
	readonly compares: readonly PyCompare[];
	readonly hmacCalls: readonly PyHmacCall[];
	readonly assigns: readonly PyAssign[];
	readonly functions: readonly PyFunctionText[];
};

const LITERALS = new Set(['String', 'FormatString', 'Number', 'None', 'Boolean', 'ContinuedString']);
const cache = new Map<string, SecurityFacts>();

function enclosingFunction(node: SyntaxNode, text: string): string | null {
	for (let parent = node.parent; parent; parent = parent.parent) {
		if (parent.name !== 'FunctionDefinition') continue;
		const name = parent.getChild('VariableName');
		return name ? text.slice(name.from, name.to) : null;
	}
	return null;
}

function operand(node: SyntaxNode, text: string): PyOperand {
	const source = text.slice(node.from, node.to);
	if (node.name === 'String' || node.name === 'ContinuedString') {
		const parts = literalParts(source);
		return {text: source, literal: {value: parts ? literalValue(parts) : source}};
	}
	if (LITERALS.has(node.name) || node.name === 'True' || node.name === 'False') return {text: source, literal: {value: node.name === 'FormatString' ? source : ''}};
	return {text: source, literal: null};
}

/** The comparisons, assignments and function texts of one module. */
export function securityFacts(text: string): SecurityFacts {
	const cached = cache.get(text);
	if (cached) return cached;
	const starts = lineStarts(text);
	const span = (from: number, to: number): Span => spanAt(text, starts, from, to);
	const compares: PyCompare[] = [];
	const assigns: PyAssign[] = [];
	const functions: PyFunctionText[] = [];
	const hmacCalls: PyHmacCall[] = [];
	parser.parse(text).iterate({
		enter(ref) {
			const node = ref.node;
			if (node.name === 'BinaryExpression') {
				const op = node.getChild('CompareOp');
				const opText = op ? text.slice(op.from, op.to) : '';
				const left = node.firstChild;
				const right = node.lastChild;
				if ((opText === '==' || opText === '!=') && left && right && left !== op && right !== op) {
					compares.push({op: opText, left: operand(left, text), right: operand(right, text), span: span(node.from, node.to), inFunction: enclosingFunction(node, text)});
				}
			} else if (node.name === 'AssignStatement') {
				const target = node.firstChild;
				const value = node.lastChild;
				if (target?.name === 'VariableName' && value && value !== target && value.name !== 'TypeDef') {
					const source = text.slice(value.from, value.to);
					const parts = value.name === 'String' || value.name === 'ContinuedString' ? literalParts(source) : null;
					assigns.push({name: text.slice(target.from, target.to), text: source, literal: parts ? literalValue(parts) : null, span: span(node.from, node.to), inFunction: enclosingFunction(node, text)});
				}
			} else if (node.name === 'CallExpression') {
				const callee = node.firstChild;
				const list = node.getChild('ArgList');
				if (callee && list && /^(hmac\.)?(new|digest|HMAC)$/u.test(text.slice(callee.from, callee.to)) && text.slice(callee.from, callee.to).startsWith('hmac.')) {
					const args: {keyword: string | null; position: number | null; text: string; literal: boolean; span: Span}[] = [];
					let keyword: string | null = null;
					let position = 0;
					for (let child = list.firstChild; child; child = child.nextSibling) {
						if (['(', ')', ','].includes(child.name)) continue;
						if (child.name === 'VariableName' && child.nextSibling?.name === 'AssignOp') {
							keyword = text.slice(child.from, child.to);
							child = child.nextSibling;
							continue;
						}
						const literal = child.name === 'String' || child.name === 'ContinuedString';
						args.push({keyword, position: keyword === null ? position++ : null, text: text.slice(child.from, child.to), literal, span: span(child.from, child.to)});
						keyword = null;
					}
					hmacCalls.push({args, span: span(node.from, node.to), inFunction: enclosingFunction(node, text)});
				}
			} else if (node.name === 'FunctionDefinition') {
				const name = node.getChild('VariableName');
				const from = node.parent?.name === 'DecoratedStatement' ? node.parent.from : node.from;
				if (name) functions.push({name: text.slice(name.from, name.to), text: text.slice(from, node.to), span: span(name.from, name.to)});
			}
		},
	});
	const facts: SecurityFacts = {compares, hmacCalls, assigns, functions};
	if (cache.size > 32) cache.clear();
	cache.set(text, facts);
	return facts;
}

/** Each Python module of the app with its text: the entry module alone when the model has no module map. */
export function appModules(model: WorkspaceModel, python: PythonModel): ReadonlyMap<string, {readonly model: PythonModel; readonly text: string}> {
	const out = new Map<string, {model: PythonModel; text: string}>();
	const modules = model.pythonModules ?? new Map([[python.file, python]]);
	for (const [file, module] of modules) {
		const source = model.workspace.files.get(file);
		if (source?.kind === 'text') out.set(file, {model: module, text: source.text});
	}
	return out;
}

/** The facts of one module of the app, or empty facts when its text is not at hand. */
export function factsOf(model: WorkspaceModel, file: string): SecurityFacts {
	const source = model.workspace.files.get(file);
	return source?.kind === 'text' ? securityFacts(source.text) : {compares: [], hmacCalls: [], assigns: [], functions: []};
}

/** The functions reachable from these handlers (core/python/project.ts reachableFrom), with their calls. */
export function reachOf(model: WorkspaceModel, python: PythonModel, roots: readonly PyFunctionRef[]): {readonly functions: readonly PyFunctionRef[]; readonly calls: readonly Located[]} {
	const modules = model.pythonModules ?? new Map([[python.file, python]]);
	const extra: PyFunctionRef[] = [];
	// FastAPI dependencies (`Depends(verify_token)` in the parameters or in `dependencies=[...]`) run before the handler.
	for (const root of roots) {
		const fn = factsOf(model, root.file).functions.find((item) => item.name === root.name);
		for (const match of fn?.text.matchAll(/\bDepends\(\s*([A-Za-z_][\w.]*)/gu) ?? []) extra.push({file: root.file, name: match[1]!.split('.').at(-1)!});
	}
	return reachableFrom(modules, [...roots, ...extra]);
}

/** The text of every function in a reach (decorators, parameters and bodies), joined. */
export function reachText(model: WorkspaceModel, functions: readonly PyFunctionRef[]): string {
	return functions.map((ref) => factsOf(model, ref.file).functions.filter((fn) => fn.name === ref.name).map((fn) => fn.text).join('\n')).join('\n');
}

/** The cron (input binding) handlers, as the input-binding rules found them. */
export function cronHandlers(model: WorkspaceModel, python: PythonModel): readonly {readonly route: PyRoute; readonly binding: string}[] {
	return inputHandlers(model, python);
}

/** The app's POST routes that are not an input binding's handler: the webhooks outsiders call. */
export function webhookRoutes(model: WorkspaceModel, python: PythonModel): readonly PyRoute[] {
	const cron = new Set(cronHandlers(model, python).map((item) => item.route));
	return python.routes.filter((route) => route.kind === 'http' && route.mounted !== false && route.methods.includes('POST') && !cron.has(route) && route.handler !== '');
}

/** The handler of a route as a function reference. */
export function handlerOf(route: PyRoute, python: PythonModel): PyFunctionRef {
	return handlerRef(route, python.file);
}

/** Words that make an operand a secret, a signature or a token. */
export const SENSITIVE = /digest|signature|(?:^|[^a-z])sig(?:[^a-z]|$)|token|secret|hmac|api[_-]?key/iu;

/** An operand's text, with the values assigned to it in the same function (or at module level) when it is a name. */
export function operandSource(operandText: string, facts: SecurityFacts, inFunction: string | null): string {
	if (!/^[A-Za-z_]\w*$/u.test(operandText)) return operandText;
	const assigned = facts.assigns.filter((item) => item.name === operandText && (item.inFunction === inFunction || item.inFunction === null)).map((item) => item.text);
	return [operandText, ...assigned].join('\n');
}

/** A call whose method names the constant-time comparison (`hmac.compare_digest`, `secrets.compare_digest`). */
export function isCompareDigest(call: PyCall): boolean {
	return call.method === 'compare_digest';
}

/** An HMAC computation: `hmac.new(key, msg, digestmod)`, `hmac.digest(key, msg, digest)`, `hmac.HMAC(...)`. */
export function isHmac(call: PyCall): boolean {
	const name = call.qualifiedCallee ?? call.callee;
	return /^hmac\.(new|digest|HMAC)$/u.test(name) || (call.qualifiedCallee === undefined && /(^|\.)hmac\.(new|digest|HMAC)$/u.test(call.callee));
}

/** Compares positions: negative when a comes first. */
export function before(a: Span, b: Span): boolean {
	return a.line < b.line || (a.line === b.line && a.column < b.column);
}
