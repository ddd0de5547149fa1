/**
 * Calls: each call with its callee, receiver and arguments (values evaluated, the text that built them kept).
 */
import type {SyntaxNode} from '@lezer/common';
import type {PyArg, PyCall, PyValue} from '../model.js';
import {argGroups} from './args.js';
import {evaluate} from './evaluate.js';
import {qualify} from './imports.js';
import {boundedSlice, calleeText, compact, other, type RawCall, shortText, slice, type Source, type State} from './state.js';

export function buildCall(state: State, raw: RawCall): PyCall {
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
