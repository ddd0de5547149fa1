/**
 * Assignments: module constants (see model.ts), the texts assigned to names (raw-HTTP URLs) and the app/router constructions decorators refer to.
 */
import type {SyntaxNode} from '@lezer/common';
import {evaluate} from './evaluate.js';
import {bind, targetNames} from './scope.js';
import {boundedSlice, compact, shortText, slice, type Source, type State} from './state.js';

export function readAssign(state: State, src: Source, node: SyntaxNode, scopeDepth: number, inFunction: boolean, functionName: string): void {
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
