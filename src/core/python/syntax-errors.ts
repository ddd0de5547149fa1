/**
 * Syntax errors CPython would raise at import: lezer's error nodes turned into Python's messages, plus what lezer accepts and CPython does not (stray indentation, tabs mixed with spaces, unterminated strings, `await` outside `async def`).
 */
import type {SyntaxNode} from '@lezer/common';
import {literalParts} from './literals.js';
import {slice, type Source, type State} from './state.js';
import {endOfLine, firstToken, indentationMessage, indentOf, isBareYield, isRelaxedDecorator, MAX_ERRORS, scanBrackets} from './syntax-text.js';

/** `await`, `async with` and `async for` compile only inside `async def` (CPython: SyntaxError at import). */
export function checkAsync(state: State, keyword: SyntaxNode, what: string): void {
	const scope = state.scopes[state.scopes.length - 1];
	// After a parse error the tree's nesting is a guess; do not pile a second-order error on it.
	if (scope?.kind === 'async' || state.budget.firstParseError < keyword.from) return;
	state.errors.push({
		offset: keyword.from,
		message: scope ? `${what} outside async function.` : `${what} outside function.`,
		span: state.span(keyword.from, keyword.to),
	});
}

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

export function recordError(state: State, src: Source, node: SyntaxNode): void {
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

export function checkString(state: State, src: Source, node: SyntaxNode): void {
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
export function checkIndent(state: State, src: Source, node: SyntaxNode, bodyIndent: Map<number, {width: number; chars: number}>): void {
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
