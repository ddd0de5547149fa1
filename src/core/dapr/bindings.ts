/**
 * Dapr's bindings as daprd treats them: which side (input, output) a binding component is registered for, and the
 * path an input binding's events are delivered to. Checked against dapr/dapr v1.18.0-rc.1,
 * pkg/runtime/processor/binding/binding.go (isBindingOfDirection, initInputBinding); see docs/rules.md.
 */
import type {ComponentDoc, MetadataItem} from '../model.js';
import type {WorkspaceModel} from '../rule.js';
import type {Span} from '../types.js';
import {entryOf} from './components.js';

export type Direction =
	| {readonly present: false}
	| {
			readonly present: true;
			/** null when the value comes from envRef/secretKeyRef and cannot be read statically. */
			readonly raw: string | null;
			/** Lower-cased, trimmed, non-empty parts. */
			readonly parts: readonly string[];
			readonly item: MetadataItem;
			readonly span: Span;
	  };

/**
 * `direction` as daprd reads it (binding.go isBindingOfDirection): the key is case-insensitive, the value is split
 * on commas, each part trimmed and lower-cased. Only the first item is returned; daprd ORs all of them.
 */
export function directionOf(doc: ComponentDoc): Direction {
	const items = (doc.metadata ?? []).filter((item) => item.name?.value.toLowerCase() === 'direction');
	if (items.length === 0) return {present: false};
	const item = items[0]!;
	if (items.some((i) => !i.value)) {
		const known = items.find((i) => i.value) ?? item;
		if (!known.value) return {present: true, raw: null, parts: [], item, span: item.span};
	}
	const raw = items.map((i) => i.value?.value ?? '').join(',');
	const parts = raw
		.split(',')
		.map((part) => part.trim().toLowerCase())
		.filter((part) => part !== '');
	return {present: true, raw, parts, item, span: item.value?.span ?? item.span};
}

/** Whether daprd would register the side (`input` / `output`) for this document's direction. */
export function directionAllows(doc: ComponentDoc, side: 'input' | 'output'): boolean {
	const direction = directionOf(doc);
	if (!direction.present) return true;
	// A value we cannot read (envRef/secretKeyRef) is given the benefit of the doubt.
	if (direction.raw === null) return true;
	return direction.parts.includes(side);
}

/** Components that daprd starts as input bindings: an input-capable binding type whose direction allows input. */
export function inputBindings(model: WorkspaceModel): readonly ComponentDoc[] {
	return model.components.filter((doc) => doc.name && doc.name.value !== '' && entryOf(doc)?.binding?.input === true && directionAllows(doc, 'input'));
}

/** Components that daprd registers as output bindings. */
export function outputBindings(model: WorkspaceModel): readonly ComponentDoc[] {
	return model.components.filter((doc) => doc.name && doc.name.value !== '' && entryOf(doc)?.binding?.output === true && directionAllows(doc, 'output'));
}

/**
 * The path daprd POSTs an input binding's events to (and sends its OPTIONS probe to): the first `route` metadata
 * item (exact key) else `/<metadata.name>` (dapr/dapr pkg/runtime/processor/binding/binding.go initInputBinding,
 * AddInputBindingRoute; the HTTP app channel adds the leading `/`). The value is trimmed here; daprd does not trim it.
 */
export function expectedPath(doc: ComponentDoc): {readonly path: string; readonly fromRoute: boolean} {
	const route = (doc.metadata ?? []).find((item) => item.name?.value === 'route');
	const value = route?.value?.value.trim();
	if (value) return {path: value.startsWith('/') ? value : `/${value}`, fromRoute: true};
	return {path: `/${doc.name?.value ?? ''}`, fromRoute: false};
}
