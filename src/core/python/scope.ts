/**
 * Bound names and function scopes: which names a statement binds, and whether a name is a local where it is read.
 */
import type {SyntaxNode} from '@lezer/common';
import {MAX_DEPTH, type Scope, slice, type Source, type State} from './state.js';

/** Records a bound name, in the module's set and as a local of the innermost open function. */
export function bind(state: State, name: string): void {
	state.bound.add(name);
	const scope = state.scopes[state.scopes.length - 1];
	if (!scope) return;
	// Assigning a `global` name inside a function changes the module value at some unknown time.
	if (scope.globals.has(name)) state.uncertain.add(name);
	else scope.locals.add(name);
}

export function bindName(state: State, name: string, scopeDepth: number, moduleDirect: boolean): void {
	bind(state, name);
	if (scopeDepth === 0 && !moduleDirect) state.uncertain.add(name);
}

/** Names a target expression binds (`a`, `a, (b, *c)`, `[x, y]`); attributes and subscripts bind none. */
export function targetNames(src: Source, node: SyntaxNode, out: string[], depth = 0): void {
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

export function readParams(state: State, src: Source, node: SyntaxNode): void {
	let isDefault = false;
	for (let child = node.firstChild; child; child = child.nextSibling) {
		if (child.name === 'AssignOp') isDefault = true;
		else if (child.name === ',') isDefault = false;
		else if (child.name === 'VariableName' && !isDefault) bind(state, slice(src, child));
	}
}

export function readForTargets(state: State, src: Source, node: SyntaxNode, moduleLoop: boolean): void {
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

export function bindAfterAs(state: State, src: Source, node: SyntaxNode): void {
	let afterAs = false;
	for (let child = node.firstChild; child; child = child.nextSibling) {
		if (child.name === 'as') afterAs = true;
		else {
			if (afterAs && child.name === 'VariableName') bind(state, slice(src, child));
			afterAs = false;
		}
	}
}

/** True when the innermost scope that knows the name holds it as a local (not declared global). */
export function isLocal(scopes: readonly Scope[], name: string): boolean {
	for (let index = scopes.length - 1; index >= 0; index--) {
		const scope = scopes[index]!;
		if (scope.globals.has(name)) return false;
		if (scope.locals.has(name)) return true;
	}
	return false;
}
