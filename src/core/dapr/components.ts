/**
 * How daprd reads a component document: its type (through the catalog of component types) and its metadata keys.
 */
import {lookupComponentType} from '../catalog/index.js';
import type {CatalogEntry, ComponentDoc, MetadataItem} from '../model.js';

/** The first metadata item named `key` (case-insensitive, as Dapr's metadata decoding and `direction` lookup are). */
export function metadataItem(doc: ComponentDoc, key: string): MetadataItem | undefined {
	const lower = key.toLowerCase();
	return (doc.metadata ?? []).find((item) => item.name?.value.toLowerCase() === lower);
}

/** The catalog entry of a document's spec.type, or null. Never throws. */
export function entryOf(doc: ComponentDoc): CatalogEntry | null {
	if (!doc.type) return null;
	try {
		return lookupComponentType(doc.type.value.trim());
	} catch {
		return null;
	}
}
