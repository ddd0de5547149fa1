/**
 * Argument lists of calls and decorators, as nodes (positional and keyword), and literal string lists (`methods=["POST"]`).
 */
import type {SyntaxNode} from '@lezer/common';
import {evaluate} from './evaluate.js';
import {type Scope, slice, type Source, type State} from './state.js';

export type ArgNodes = {readonly positional: SyntaxNode[]; readonly keyword: Map<string, SyntaxNode>};

export function argNodes(src: Source, argList: SyntaxNode | null): ArgNodes {
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
export function argGroups(argList: SyntaxNode): SyntaxNode[][] {
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

export function stringList(state: State, src: Source, node: SyntaxNode, scopes: readonly Scope[]): string[] | null {
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
