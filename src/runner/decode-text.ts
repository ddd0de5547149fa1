/**
 * Bytes to text for readWorkspace: UTF-8 only (a bad byte is reported with its line and column, UTF-16 is named),
 * binary files refused, newlines normalised to LF. No file access: the readers hand it the bytes they read.
 */
import type {SourceFile} from '../core/types.js';

/** Bytes looked at for a NUL when telling binary from text. */
const BINARY_SNIFF_BYTES = 8 * 1024;

/** Turns bytes into LF-normalised text, or explains why they are not text. */
export function decode(relPath: string, bytes: Uint8Array): SourceFile {
	const size = bytes.length;
	// UTF-16 (what Windows PowerShell 5 writes with `>`) would otherwise look binary; say what it is.
	if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
		return {
			path: relPath,
			kind: 'unreadable',
			reason: 'not-utf8',
			detail: 'The file is saved as UTF-16; save it as UTF-8 (in PowerShell use Out-File -Encoding utf8, or your editor\'s "Save with encoding").',
			line: 1,
			column: 1,
			size,
		};
	}
	const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
	if (sniff.includes(0)) {
		return {path: relPath, kind: 'unreadable', reason: 'binary', detail: 'The file is binary, not text.', size};
	}
	let text: string;
	try {
		// fatal: a bad byte is a finding, not a U+FFFD that silently changes a value; ignoreBOM false strips the BOM.
		text = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(bytes);
	} catch {
		const offset = firstInvalidUtf8(bytes);
		const {line, column} = positionOfByte(bytes, offset);
		const byte = bytes[offset] ?? 0;
		return {
			path: relPath,
			kind: 'unreadable',
			reason: 'not-utf8',
			detail: `The file is not valid UTF-8 (byte 0x${byte.toString(16).padStart(2, '0')} at line ${line}, column ${column}); save it as UTF-8.`,
			line,
			column,
			size,
		};
	}
	return {path: relPath, kind: 'text', text: normaliseNewlines(text), size};
}

function normaliseNewlines(text: string): string {
	return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Offset of the first byte that breaks UTF-8 (overlongs, surrogates and values past U+10FFFF included). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	let index = 0;
	while (index < bytes.length) {
		const first = bytes[index]!;
		if (first < 0x80) {
			index++;
			continue;
		}
		let need: number;
		let low = 0x80;
		let high = 0xbf;
		if (first >= 0xc2 && first <= 0xdf) need = 1;
		else if (first >= 0xe0 && first <= 0xef) {
			need = 2;
			if (first === 0xe0) low = 0xa0;
			if (first === 0xed) high = 0x9f;
		} else if (first >= 0xf0 && first <= 0xf4) {
			need = 3;
			if (first === 0xf0) low = 0x90;
			if (first === 0xf4) high = 0x8f;
		} else return index;
		for (let k = 1; k <= need; k++) {
			const next = bytes[index + k];
			if (next === undefined) return index;
			const min = k === 1 ? low : 0x80;
			const max = k === 1 ? high : 0xbf;
			if (next < min || next > max) return index;
		}
		index += need + 1;
	}
	return bytes.length;
}

/** 1-based line and column of a byte offset, counted as an editor shows the decoded, LF-normalised text. */
function positionOfByte(bytes: Uint8Array, offset: number): {line: number; column: number} {
	const prefix = normaliseNewlines(new TextDecoder('utf-8', {ignoreBOM: false}).decode(bytes.subarray(0, offset)));
	const lastBreak = prefix.lastIndexOf('\n');
	let line = 1;
	for (let index = prefix.indexOf('\n'); index !== -1; index = prefix.indexOf('\n', index + 1)) line++;
	return {line, column: prefix.length - lastBreak};
}
