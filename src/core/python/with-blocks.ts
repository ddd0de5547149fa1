/**
 * With-blocks: the context managers a `with` / `async with` opens, including Python 3.10 parenthesised with-items, which lezer does not parse (re-parsed as a snippet).
 */
import type {SyntaxNode, Tree} from '@lezer/common';
import {parser} from '@lezer/python';
import {bind} from './scope.js';
import {MAX_REPARSE, slice, type Source, type State} from './state.js';

/** The walk (walk.ts), passed in so a re-parsed header is walked like the file without an import cycle. */
export type Walk = (state: State, tree: Tree, src: Source, outerFunctions: readonly string[], isSub: boolean) => void;

export function readWith(state: State, src: Source, node: SyntaxNode, functions: readonly string[], isSub: boolean, walk: Walk): boolean {
	let isAsync = false;
	let withKw: SyntaxNode | null = null;
	let body: SyntaxNode | null = null;
	for (let child = node.firstChild; child; child = child.nextSibling) {
		if (child.name === 'async') isAsync = true;
		else if (child.name === 'with' && !withKw) withKw = child;
		else if (child.name === 'Body') body = child;
	}
	if (!isSub && withKw && body && state.budget.reparses < MAX_REPARSE && reparseParenthesisedWith(state, src, node, withKw, body, isAsync, functions, walk)) return true;
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
	walk: Walk,
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
