/**
 * Reads one file under components/ into ComponentDocs with 1-based positions for every key and value.
 *
 * The AST is read node by node and never turned into JS objects (no toJS), so an alias bomb costs nothing until an
 * alias is followed; aliases are followed only where a scalar is needed, and a document whose aliases would expand
 * beyond a cap is reported as a YAML error (Go's yaml.v2, which daprd uses, rejects such documents too).
 *
 * Values follow what daprd sees: it decodes YAML with yaml.v2 (YAML 1.1), turns it into JSON and reads metadata
 * values as strings, so `5` → '5', `true` and `yes` → 'true', `null` / empty → ''.
 */
import {LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments} from 'yaml';
import type {Alias, Document, Node, Pair, Scalar, YAMLMap} from 'yaml';
import type {ComponentDoc, ComponentFileResult, Located, MetadataItem, YamlSyntaxError} from '../model.js';
import {didYouMean, editDistance, stripControl} from '../text.js';
import type {Span} from '../types.js';
import {spanner, type Spanner} from './positions.js';
import {errorSpan, explainError} from './component-errors.js';

/** Largest number of nodes a document may expand to through aliases before it is treated as an alias bomb. */
export const MAX_ALIAS_EXPANSION = 10_000;
/** At most this many YAML errors per file: after the first few, the rest are usually echoes of the first. */
const MAX_ERRORS_PER_FILE = 20;
/** Guard for the recursive walks; the yaml parser itself gives up well before this on deeper nesting. */
const MAX_DEPTH = 2_000;

const METADATA_ITEM_KEYS = ['name', 'value', 'secretKeyRef', 'envRef'] as const;
const VALUE_KEYS = ['value', 'secretKeyRef', 'envRef'] as const;

// YAML 1.1 booleans that yaml.v2 (daprd's decoder) reads as true/false where YAML 1.2 keeps a string.
// (y/n are left alone: a one-letter value is far more often meant as text.)
const YAML11_TRUE = new Set(['yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const YAML11_FALSE = new Set(['no', 'No', 'NO', 'off', 'Off', 'OFF']);

type Ctx = {
	readonly text: string;
	readonly at: Spanner;
	/** Alias → the node its anchor names (null when no such anchor precedes it). */
	readonly aliases: Map<Alias, Node | null>;
};

/** Parses one component file. Never throws: anything unexpected becomes a YamlSyntaxError at line 1. */
export function parseComponentFile(file: string, text: string): ComponentFileResult {
	try {
		return parse(file, text);
	} catch (error) {
		const reason = error instanceof RangeError ? 'it is nested too deeply' : 'the YAML reader failed';
		return {
			file,
			docs: [],
			errors: [{file, message: `The file could not be read as YAML: ${reason}.`, span: {line: 1, column: 1}}],
			skipped: [],
		};
	}
}

function parse(file: string, text: string): ComponentFileResult {
	const lineCounter = new LineCounter();
	const documents = parseAllDocuments(text, {
		lineCounter,
		prettyErrors: false,
		// Non-strict yaml.v2 (daprd's loader) quietly keeps the last of two equal keys; a student never means that.
		uniqueKeys: true,
		// maxAliasCount is a toJS option; toJS is never called here, checkAliases bounds alias expansion instead.
	});
	const at = spanner(text, lineCounter.lineStarts.length > 0 ? lineCounter.lineStarts : [0]);
	const docs: ComponentDoc[] = [];
	const errors: YamlSyntaxError[] = [];
	const skipped: {kind: string; span: Span}[] = [];
	const seenErrors = new Set<string>();
	const addError = (message: string, span: Span) => {
		// One mistake often yields the same complaint at several columns of a line; once per line is enough.
		const key = `${span.line}:${message}`;
		if (seenErrors.has(key) || errors.length >= MAX_ERRORS_PER_FILE) return;
		seenErrors.add(key);
		// Messages quote student text (keys, names, yaml's own excerpt); findings must carry no control sequences.
		errors.push({file, message: stripControl(message), span});
	};

	// An empty stream is an array-like EmptyStream; iterate it the same way.
	const list: Document.Parsed[] = Array.from(documents);
	list.forEach((document, index) => {
		if (document.errors.length > 0) {
			for (const error of document.errors) {
				const explained = explainError(error, text);
				addError(explained.message, explained.length > 0 ? at.span(error.pos[0], error.pos[0] + explained.length) : errorSpan(error, at));
			}
			return;
		}
		const contents = document.contents as Node | null;
		if (contents === null || (isScalar(contents) && contents.value === null)) return; // empty document
		const ctx: Ctx = {text, at, aliases: new Map()};
		const aliasProblem = checkAliases(contents, ctx);
		if (aliasProblem) {
			addError(aliasProblem.message, aliasProblem.span);
			return;
		}
		const root = deref(contents, ctx);
		if (!isMap(root)) {
			const what = describe(root);
			addError(
				`This document is ${what}, not a Dapr component; a component is a map with apiVersion, kind, metadata and spec.`,
				rangeSpan(contents, ctx),
			);
			return;
		}
		const kindPair = pairOf(root, 'kind', ctx);
		const kindNode = kindPair ? deref(kindPair.value as Node | null, ctx) : null;
		const kind = isScalar(kindNode) && typeof kindNode.value === 'string' ? scalarAt(root, 'kind', ctx) : null;
		const spec = pairOf(root, 'spec', ctx);
		const specMap = spec ? deref(spec.value as Node | null, ctx) : null;
		const hasType = isMap(specMap) && pairOf(specMap, 'type', ctx) !== undefined;
		if (kind && kind.value !== 'Component' && kind.value !== '' && !hasType && !nearComponent(kind.value)) {
			skipped.push({kind: kind.value, span: kind.span});
			return;
		}
		docs.push(readComponent(file, index, root, contents, ctx));
	});
	return {file, docs, errors, skipped};
}

/** `kind: component` or `kind: Compnent` is a student's Component, not another Dapr resource. */
function nearComponent(kind: string): boolean {
	return editDistance(kind.toLowerCase(), 'component', 2) <= 2;
}

// ---------------------------------------------------------------------------------------------------------
// Aliases

/**
 * Registers anchors in document order (an anchor counts from the end of its node, so `&a [*a]` is an unknown
 * alias rather than a cycle), checks every alias names an earlier anchor, and measures how far the aliases expand.
 */
function checkAliases(contents: Node, ctx: Ctx): {message: string; span: Span} | null {
	const anchors = new Map<string, Node>();
	const aliasesInOrder: Alias[] = [];
	let unknown: Alias | null = null;
	const walk = (node: unknown, depth: number): void => {
		if (depth > MAX_DEPTH) throw new RangeError('too deep');
		if (isAlias(node)) {
			const target = anchors.get(node.source) ?? null;
			ctx.aliases.set(node, target);
			aliasesInOrder.push(node);
			if (!target && !unknown) unknown = node;
			return;
		}
		if (isPair(node)) {
			walk(node.key, depth + 1);
			walk(node.value, depth + 1);
			return;
		}
		if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item, depth + 1);
		if (node && typeof node === 'object' && 'anchor' in node && typeof node.anchor === 'string' && node.anchor) {
			anchors.set(node.anchor, node as Node);
		}
	};
	walk(contents, 0);
	if (unknown) {
		const alias: Alias = unknown;
		return {
			message: `The alias "*${alias.source}" names no anchor "&${alias.source}" defined before it.`,
			span: rangeSpan(alias, ctx),
		};
	}
	if (aliasesInOrder.length === 0) return null;

	// Expanded size with memoisation, saturating just past the cap: linear in the document, whatever the aliases do.
	const cap = MAX_ALIAS_EXPANSION + 1;
	const sizes = new Map<unknown, number>();
	const size = (node: unknown, depth: number): number => {
		if (depth > MAX_DEPTH) return cap;
		if (isAlias(node)) return size(ctx.aliases.get(node) ?? null, depth + 1);
		if (isPair(node)) return Math.min(cap, size(node.key, depth + 1) + size(node.value, depth + 1));
		if (!isMap(node) && !isSeq(node)) return 1;
		const known = sizes.get(node);
		if (known !== undefined) return known;
		let total = 1;
		for (const item of node.items) {
			total = Math.min(cap, total + size(item, depth + 1));
			if (total >= cap) break;
		}
		sizes.set(node, total);
		return total;
	};
	if (size(contents, 0) < cap) return null;
	let worst = aliasesInOrder[0]!;
	let worstSize = -1;
	for (const alias of aliasesInOrder) {
		const s = size(ctx.aliases.get(alias) ?? null, 0);
		if (s > worstSize) {
			worst = alias;
			worstSize = s;
		}
	}
	return {
		message: `The aliases in this document expand to more than ${MAX_ALIAS_EXPANSION} values (an "alias bomb"), so it is not read; write the values out instead of nesting aliases.`,
		span: rangeSpan(worst, ctx),
	};
}

/** Follows an alias (one hop is enough: anchors register only complete nodes, and an alias cannot carry an anchor). */
function deref(node: Node | null | undefined, ctx: Ctx): Node | null {
	if (node === null || node === undefined) return null;
	if (isAlias(node)) return ctx.aliases.get(node) ?? null;
	return node;
}

// ---------------------------------------------------------------------------------------------------------
// Reading the component

function readComponent(file: string, index: number, root: YAMLMap, contents: Node, ctx: Ctx): ComponentDoc {
	const docSpan = rangeSpan(contents, ctx);
	const docStart: Span = {line: docSpan.line, column: docSpan.column};
	const metadata = pairOf(root, 'metadata', ctx);
	const metadataMap = metadata ? deref(metadata.value as Node | null, ctx) : null;
	const spec = pairOf(root, 'spec', ctx);
	const specMap = spec ? deref(spec.value as Node | null, ctx) : null;
	const items = isMap(specMap) ? pairOf(specMap, 'metadata', ctx) : undefined;
	const list = readMetadataList(items, ctx);
	return {
		file,
		index,
		span: docSpan,
		apiVersion: scalarAt(root, 'apiVersion', ctx),
		kind: scalarAt(root, 'kind', ctx),
		name: isMap(metadataMap) ? scalarAt(metadataMap, 'name', ctx) : null,
		metadataSpan: metadata ? keySpan(metadata, ctx) : docStart,
		type: isMap(specMap) ? scalarAt(specMap, 'type', ctx) : null,
		version: isMap(specMap) ? scalarAt(specMap, 'version', ctx) : null,
		specSpan: spec ? keySpan(spec, ctx) : docStart,
		metadata: list.items,
		metadataShapeError: list.error,
		ignoreErrors: isMap(specMap) ? isTrue(scalarAt(specMap, 'ignoreErrors', ctx, true)) : false,
		scopes: readScopes(root, ctx),
	};
}

// `scopes:` sits at the top level of a Component (beside metadata and spec); daprd compares each entry with its
// app id exactly. Only a list of scalars is read; any other shape is left to daprd (null here).
function readScopes(root: YAMLMap, ctx: Ctx): ComponentDoc['scopes'] {
	const pair = pairOf(root, 'scopes', ctx);
	if (!pair) return null;
	const node = deref(pair.value as Node | null, ctx);
	if (!isSeq(node)) return null;
	const items: Located<string>[] = [];
	for (const raw of node.items) {
		const item = deref(raw as Node | null, ctx);
		if (!isScalar(item) || item.value === null || typeof item.value === 'object') continue;
		items.push({value: daprString(item), span: hasExtent(raw as Node) ? rangeSpan(raw as Node, ctx) : keySpan(pair, ctx)});
	}
	return {items, span: keySpan(pair, ctx)};
}

function isTrue(located: Located<string> | null): boolean {
	return located?.value === 'true';
}

function readMetadataList(
	pair: Pair | undefined,
	ctx: Ctx,
): {items: MetadataItem[] | null; error: {message: string; span: Span} | null} {
	if (!pair) return {items: null, error: null};
	const raw = pair.value as Node | null;
	const node = deref(raw, ctx);
	// `metadata:` with nothing after it decodes to null in Go, which daprd treats as no metadata.
	if (node === null || (isScalar(node) && node.value === null)) return {items: [], error: null};
	if (!isSeq(node)) {
		const example = isMap(node) ? ' (it is a map: turn each "key: value" into "- name: key" and "value: ...")' : ` (it is ${describe(node)})`;
		return {
			items: [],
			error: {
				message: `The spec.metadata value must be a list of entries like "- name: schedule" with "value: ..."${example}.`,
				span: raw ? rangeSpan(raw, ctx) : keySpan(pair, ctx),
			},
		};
	}
	const items = node.items.map((item) => readMetadataItem(item as Node | null, ctx));
	return {items, error: null};
}

function readMetadataItem(raw: Node | null, ctx: Ctx): MetadataItem {
	const span = raw ? rangeSpan(raw, ctx) : {line: 1, column: 1};
	const node = deref(raw, ctx);
	const problems: {message: string; span: Span}[] = [];
	if (!isMap(node)) {
		problems.push({
			message: `Each spec.metadata entry must be a map with "name" and "value"; this one is ${describe(node)}.`,
			span,
		});
		return {name: null, value: null, secretKeyRef: null, envRef: null, span, shapeProblems: problems};
	}

	const namePair = pairOf(node, 'name', ctx);
	let name: Located<string> | null = null;
	if (!namePair) {
		problems.push({message: 'This metadata entry has no "name"; add "name: <key>" to it.', span});
	} else {
		const value = deref(namePair.value as Node | null, ctx);
		name = scalarAt(node, 'name', ctx);
		if (!isScalar(value) || value.value === null) {
			problems.push({
				message: `The name of this metadata entry must be a string; it is ${describe(value)}.`,
				span: name?.span ?? keySpan(namePair, ctx),
			});
		} else if (typeof value.value !== 'string') {
			problems.push({
				message: `The name of this metadata entry must be a string; it is ${describe(value)} (${String(value.value)}).`,
				span: name?.span ?? keySpan(namePair, ctx),
			});
		}
	}
	const label = name ? `"${name.value}"` : 'entry';

	const present = VALUE_KEYS.filter((key) => pairOf(node, key, ctx) !== undefined);
	if (present.length === 0) {
		problems.push({
			message: `The metadata ${label} has no value; add "value: ..." (or "secretKeyRef" / "envRef").`,
			span,
		});
	} else if (present.length > 1) {
		problems.push({
			message: `The metadata ${label} sets ${present.map((key) => `"${key}"`).join(' and ')}; use only one of them.`,
			span,
		});
	}

	for (const item of node.items) {
		const key = keyText(item.key as Node | null, ctx);
		if (key !== null && (METADATA_ITEM_KEYS as readonly string[]).includes(key)) continue;
		const suggestion = key === null ? null : didYouMean(key, METADATA_ITEM_KEYS);
		const shown = key ?? describe(deref(item.key as Node | null, ctx));
		problems.push({
			message: suggestion
				? `The metadata ${label} has an unknown key "${shown}"; did you mean "${suggestion}"?`
				: `The metadata ${label} has an unknown key "${shown}"; an entry holds only name, value, secretKeyRef or envRef.`,
			span: keySpan(item as Pair, ctx),
		});
	}

	let secretKeyRef: Span | null = null;
	const secretPair = pairOf(node, 'secretKeyRef', ctx);
	if (secretPair) {
		const value = deref(secretPair.value as Node | null, ctx);
		secretKeyRef = secretPair.value ? rangeSpan(secretPair.value as Node, ctx) : keySpan(secretPair, ctx);
		if (!isMap(value)) {
			problems.push({
				message: `The secretKeyRef of this entry must be a map with "name" (the secret) and "key"; it is ${describe(value)}.`,
				span: secretKeyRef,
			});
		} else if (!pairOf(value, 'name', ctx)) {
			problems.push({message: 'The secretKeyRef of this entry needs a "name": the name of the secret in the secret store.', span: secretKeyRef});
		}
	}

	let envRef: Located<string> | null = null;
	const envPair = pairOf(node, 'envRef', ctx);
	if (envPair) {
		envRef = scalarAt(node, 'envRef', ctx);
		const value = deref(envPair.value as Node | null, ctx);
		if (!isScalar(value) || value.value === null) {
			problems.push({
				message: `The envRef of this entry must name an environment variable; it is ${describe(value)}.`,
				span: envRef?.span ?? keySpan(envPair, ctx),
			});
		}
	}

	const shapeProblems = problems.map((problem) => ({message: stripControl(problem.message), span: problem.span}));
	return {name, value: scalarAt(node, 'value', ctx, true), secretKeyRef, envRef, span, shapeProblems};
}

// ---------------------------------------------------------------------------------------------------------
// Node helpers

/** The pair whose key is exactly `key` (case-sensitive, as daprd's field names are written). */
function pairOf(map: YAMLMap, key: string, ctx: Ctx): Pair | undefined {
	for (const item of map.items) if (keyText(item.key as Node | null, ctx) === key) return item as Pair;
	return undefined;
}

function keyText(key: Node | null, ctx: Ctx): string | null {
	const node = deref(key, ctx);
	if (!isScalar(node) || node.value === null || typeof node.value === 'object') return null;
	return String(node.value);
}

/**
 * The value under `key` as the string daprd would see, spanning the value (or the key, when the value is empty).
 * A map or list where a scalar belongs is given as its source text, so a message can quote what was written.
 */
function scalarAt(map: YAMLMap, key: string, ctx: Ctx, dynamic = false): Located<string> | null {
	const pair = pairOf(map, key, ctx);
	if (!pair) return null;
	const raw = pair.value as Node | null;
	const node = deref(raw, ctx);
	const span = raw && hasExtent(raw) ? rangeSpan(raw, ctx) : keySpan(pair, ctx);
	if (node === null) return {value: '', span};
	if (isScalar(node)) return {value: daprString(node, dynamic), span};
	const source = raw?.range ? ctx.text.slice(raw.range[0], raw.range[1]) : '';
	return {value: source.replace(/\s+/g, ' ').trim().slice(0, 120), span};
}

/**
 * A scalar as daprd reads it after yaml.v2 → JSON → string. `dynamic` is for fields daprd decodes without a string
 * type (metadata values, ignoreErrors): there yaml.v2's YAML 1.1 booleans (yes/no/on/off) arrive as true/false.
 */
export function daprString(node: Scalar, dynamic = false): string {
	const value: unknown = node.value;
	if (value === null || value === undefined) return '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'number') {
		const source = node.source ?? String(value);
		if (!Number.isFinite(value)) return source;
		if (Number.isInteger(value) && !Number.isSafeInteger(value)) return source;
		return String(value);
	}
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'string') {
		if (dynamic && node.type === 'PLAIN') {
			if (YAML11_TRUE.has(value)) return 'true';
			if (YAML11_FALSE.has(value)) return 'false';
		}
		return value;
	}
	return node.source ?? String(value);
}

function hasExtent(node: Node): boolean {
	return Boolean(node.range && node.range[1] > node.range[0]);
}

function rangeSpan(node: Node, ctx: Ctx): Span {
	const range = node.range;
	if (!range) return {line: 1, column: 1};
	return ctx.at.span(range[0], range[1]);
}

function keySpan(pair: Pair, ctx: Ctx): Span {
	const key = pair.key as Node | null;
	if (key && key.range) return ctx.at.span(key.range[0], key.range[1]);
	const value = pair.value as Node | null;
	return value ? rangeSpan(value, ctx) : {line: 1, column: 1};
}

function describe(node: Node | null | undefined): string {
	if (node === null || node === undefined) return 'empty';
	if (isMap(node)) return 'a map';
	if (isSeq(node)) return 'a list';
	if (isScalar(node)) {
		const value: unknown = node.value;
		if (value === null) return 'empty';
		if (typeof value === 'number' || typeof value === 'bigint') return 'a number';
		if (typeof value === 'boolean') return 'a boolean';
		return 'a string';
	}
	return 'not a plain value';
}
