import type {PyCall} from '../../model.js';
import {defineRule} from '../../rule.js';
import {argOf, readyPython} from '../support.js';

/** Offset of (line, column) in text, both 1-based; -1 when out of range. */
function offsetOf(text: string, line: number, column: number): number {
	let offset = 0;
	for (let current = 1; current < line; current++) {
		const next = text.indexOf('\n', offset);
		if (next === -1) return -1;
		offset = next + 1;
	}
	return offset + column - 1;
}

/**
 * The source text of one Python expression starting at `start`: up to the first `,` `)` `]` `}` or newline at
 * bracket depth 0, skipping string literals. Bounded (4,000 characters), one pass.
 */
function expressionAt(text: string, start: number): string {
	let depth = 0;
	let quote = '';
	const end = Math.min(text.length, start + 4000);
	for (let i = start; i < end; i++) {
		const ch = text[i]!;
		if (quote !== '') {
			if (ch === '\\') i++;
			else if (ch === quote) quote = '';
			continue;
		}
		if (ch === '"' || ch === "'") quote = ch;
		else if (ch === '(' || ch === '[' || ch === '{') depth++;
		else if (ch === ')' || ch === ']' || ch === '}') {
			if (depth === 0) return text.slice(start, i);
			depth--;
		} else if ((ch === ',' || ch === '\n') && depth === 0) return text.slice(start, i);
	}
	return text.slice(start, end);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DATA_KEY = /["']data["']\s*:/;
const METADATA_KEY = /["']metadata["']\s*:/;

/** The text of the nearest `name = <expr>` above `beforeLine` (a plain assignment at any indent), or null. */
function assignedText(text: string, name: string, beforeLine: number): string | null {
	const lines = text.split('\n');
	for (let index = Math.min(beforeLine, lines.length) - 2; index >= 0; index--) {
		const line = lines[index]!;
		const trimmed = line.trimStart();
		if (!trimmed.startsWith(name)) continue;
		const rest = trimmed.slice(name.length).trimStart();
		if (!rest.startsWith('=') || rest.startsWith('==')) continue;
		const start = offsetOf(text, index + 1, line.length - rest.length + 2);
		return start < 0 ? null : expressionAt(text, start);
	}
	return null;
}

/** Whether an expression's text builds the HTTP-API envelope: a dict with both "data" and "metadata" keys. */
export function looksLikeEnvelope(expression: string): boolean {
	return expression.includes('{') && DATA_KEY.test(expression) && METADATA_KEY.test(expression);
}

function envelopeOf(source: string, call: PyCall): {readonly text: string; readonly via: string | null} | null {
	const arg = argOf(call, 'data', 2);
	if (!arg) return null;
	const kind = arg.value.kind;
	if (kind !== 'dict' && kind !== 'call' && kind !== 'name' && kind !== 'other') return null;
	const start = offsetOf(source, arg.span.line, arg.span.column);
	if (start < 0) return null;
	let text = expressionAt(source, start).trim();
	if (arg.keyword !== null && text.startsWith(arg.keyword)) text = text.slice(arg.keyword.length).trimStart().replace(/^=/, '').trim();
	if (NAME.test(text)) {
		const assigned = assignedText(source, text, arg.span.line);
		return assigned !== null && looksLikeEnvelope(assigned) ? {text: assigned.trim(), via: text} : null;
	}
	return looksLikeEnvelope(text) ? {text, via: null} : null;
}

export default defineRule({
	id: 'output-binding/envelope-in-sdk-data',
	meta: {
		description: 'Disallow the HTTP API\'s {"data", "metadata"} envelope as the SDK\'s invoke_binding data',
		severity: 'error',
		messages: {
			envelope: 'The data argument{{via}} is the HTTP API\'s envelope with "data" and "metadata" keys; the SDK sends it as the body itself, so the target receives the envelope and the binding never sees the metadata.',
		},
		docs: 'The HTTP API (`POST /v1.0/bindings/<name>`) takes a JSON envelope `{"data": ..., "operation": ..., "metadata": {...}}` and daprd unpacks it. The Python SDK\'s `invoke_binding(binding_name, operation, data, binding_metadata)` does not: `data` (str or bytes) becomes the request\'s payload as it is, and the binding metadata (for bindings.http: `path`, headers) travels only in `binding_metadata`. Passing the envelope as `data` posts `{"data": ..., "metadata": ...}` to the target and drops the metadata.',
		symptom: 'The webhook receives `{"data": ..., "metadata": ...}` instead of your payload; a `path` or header in that metadata has no effect.',
		fix: 'Pass the payload alone as `data` and the metadata as `binding_metadata`.',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python) return;
		const file = model.workspace.files.get(python.file);
		if (!file || file.kind !== 'text') return;
		for (const call of python.calls) {
			if (call.method !== 'invoke_binding') continue;
			const found = envelopeOf(file.text, call);
			if (!found) continue;
			const arg = argOf(call, 'data', 2)!;
			report({
				messageId: 'envelope',
				data: {via: found.via === null ? '' : ` (${found.via})`},
				file: python.file,
				at: arg.span,
				hint: 'Pass the payload alone as data=json.dumps(payload) and the metadata as binding_metadata={...}.',
			});
		}
	},
});
