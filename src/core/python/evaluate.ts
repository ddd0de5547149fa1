/**
 * Evaluation: what an expression is known to hold (strings through constants, f-strings, concatenation, names from other modules).
 */
import type {SyntaxNode} from '@lezer/common';
import type {PyValue} from '../model.js';
import {qualify} from './imports.js';
import {formatLiteralText, literalParts, literalValue} from './literals.js';
import {isLocal} from './scope.js';
import {boundedSlice, calleeText, compact, MAX_DEPTH, other, type Scope, shortText, slice, type Source, type State} from './state.js';

/** What an expression is known to hold; strings resolved through module-level constants. */
export function evaluate(state: State, src: Source, node: SyntaxNode, scopes: readonly Scope[] = [], depth = 0): PyValue {
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
