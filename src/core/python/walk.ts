/**
 * The walk: one pass over the lezer tree that hands each node to the reader of its section (scope, imports, with-blocks, routes, syntax errors).
 */
import type {Tree} from '@lezer/common';
import {readAssign} from './assign.js';
import {readImport} from './imports.js';
import {readDecorated} from './routes.js';
import {bind, bindAfterAs, bindName, readForTargets, readParams} from './scope.js';
import {slice, type Source, type State} from './state.js';
import {checkAsync, checkIndent, checkString, recordError} from './syntax-errors.js';
import {MAX_ERRORS} from './syntax-text.js';
import {readWith} from './with-blocks.js';

export function walk(state: State, tree: Tree, src: Source, outerFunctions: readonly string[], isSub: boolean): void {
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
					return readWith(state, src, ref.node, functions, isSub, walk);
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

/** Ranges are pushed in document order and the walk visits in document order, so a cursor suffices. */
function inSkip(state: State, from: number, to: number): boolean {
	const ranges = state.skip;
	while (state.budget.skipCursor < ranges.length - 1 && ranges[state.budget.skipCursor]!.to <= from) state.budget.skipCursor++;
	const range = ranges[state.budget.skipCursor];
	return range !== undefined && from >= range.from && to <= range.to;
}
