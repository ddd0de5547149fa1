/**
 * The shared state of one analysis and the small text helpers every part of it uses (one parse, many readers).
 */
import type {SyntaxNode} from '@lezer/common';
import type {PyImport, PyNameUse, PyRouteSource, PyValue} from '../model.js';
import type {Span} from '../types.js';
import type {BracketScan} from './syntax-text.js';

/** One parsed text: the main file, or a re-parsed snippet whose offsets map back by `delta`. */
export type Source = {readonly text: string; readonly delta: number};

/**
 * A function (or lambda) scope: names assigned in it are locals everywhere in it, so a module constant of the same
 * name does not reach it. `kind` tells whether `await` / `async with` are allowed.
 */
export type Scope = {readonly locals: Set<string>; readonly globals: Set<string>; readonly kind: 'async' | 'sync' | 'lambda'};

export type RawCall = {readonly node: SyntaxNode; readonly src: Source; readonly inFunction: string | null; readonly scopes: readonly Scope[]};

export type RawDecorated = {
	readonly decorators: readonly SyntaxNode[];
	readonly handler: string;
	readonly async: boolean;
	readonly src: Source;
	readonly scopes: readonly Scope[];
};

export type RawWith = {readonly async: boolean; readonly expr: SyntaxNode; readonly asName: string | null; readonly from: number; readonly to: number; readonly src: Source};

/** One assignment to a name that may be an app or router: the call it was assigned (null: something else). */
export type Construction = {readonly call: SyntaxNode | null; readonly src: Source; readonly at: number};

export type State = {
	readonly text: string;
	readonly span: (from: number, to: number) => Span;
	/** priority 0: certain (tokenizer-level) messages, preferred over lezer's guess at the same place. */
	readonly errors: {offset: number; message: string; span: Span; priority?: number}[];
	/** Bracket matching of the whole text, computed on the first parse error only. */
	brackets: BracketScan | null;
	readonly imports: PyImport[];
	/** Local name → what it stands for, fully qualified (`DC` → `dapr.clients.DaprClient`, `dc` → `dapr.clients`). */
	readonly aliases: Map<string, string>;
	readonly starModules: string[];
	readonly calls: RawCall[];
	readonly withs: RawWith[];
	readonly decorated: RawDecorated[];
	readonly bound: Set<string>;
	readonly calledNames: PyNameUse[];
	readonly constants: Map<string, string>;
	/** Names bound at module level inside a branch or by `global` in a function: their value is not certain. */
	readonly uncertain: Set<string>;
	/** `app = FastAPI()` and friends: the last call assigned to each plain name. */
	readonly constructions: Map<string, Construction[]>;
	/** Offset ranges of the main text whose lezer nodes are replaced by a re-parse (parenthesised with-items). */
	readonly skip: {from: number; to: number}[];
	/** reparses: parenthesised with-headers re-parsed; firstParseError: offset of lezer's first error node. */
	readonly budget: {reparses: number; firstParseError: number; skipCursor: number};
	/** Open function/lambda scopes of the walk, innermost last. */
	readonly scopes: Scope[];
	/** Names imported from other modules of the folder, resolved by the project (core/python/project.ts). */
	readonly resolve: ((qualified: string) => string | undefined) | undefined;
	/** Source texts assigned to plain names, by innermost function ('' for module level): raw-HTTP URLs in variables. */
	readonly assigned: Map<string, Map<string, string[]>>;
	readonly functionNames: Set<string>;
	readonly routeSources: PyRouteSource[];
	readonly file: string;
};

export const MAX_DEPTH = 60;
export const MAX_TEXT = 160;

/** Python 3.10 parenthesised with-headers re-parsed at most this many times (a bound on work for odd input). */
export const MAX_REPARSE = 100_000;

export function slice(src: Source, node: {from: number; to: number}): string {
	return src.text.slice(node.from, node.to);
}

/** Dotted text of a callee (`client.invoke_binding`, `DaprClient().invoke_binding`), whitespace removed. */
export function calleeText(src: Source, node: SyntaxNode): string {
	return compact(boundedSlice(src, node));
}

/** Source text of a node, cut long before it matters: values nest, and copying whole subtrees would be quadratic. */
export function boundedSlice(src: Source, node: {from: number; to: number}): string {
	return src.text.slice(node.from, Math.min(node.to, node.from + MAX_TEXT * 3));
}

export function compact(text: string): string {
	const out = /^[\w.\s]+$/u.test(text) ? text.replace(/\s+/gu, '') : text.replace(/\s+/gu, ' ').trim();
	return out.length > MAX_TEXT ? `${out.slice(0, MAX_TEXT)}…` : out;
}

export function shortText(src: Source, node: SyntaxNode): string {
	const text = boundedSlice(src, node).replace(/\s+/gu, ' ').trim();
	return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

export function other(text: string): PyValue {
	return {kind: 'other', text};
}
