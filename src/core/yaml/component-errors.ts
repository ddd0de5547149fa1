/**
 * YAML errors of a component file, rephrased for a student (what yaml reports, said in the lesson's words) and
 * placed on the span they concern.
 */
import type {YAMLError} from 'yaml';
import type {Span} from '../types.js';
import type {Spanner} from './positions.js';

export function errorSpan(error: YAMLError, at: Spanner): Span {
	const [start, end] = error.pos;
	return at.span(start, Math.max(end, start + 1));
}

/** Rephrases yaml's message for a student; `length` > 0 widens the span (a duplicate key spans the whole key). */
export function explainError(error: YAMLError, text: string): {message: string; length: number} {
	const message = explainMessage(error, text);
	if (error.code !== 'DUPLICATE_KEY') return {message, length: 0};
	return {message, length: duplicateKeyText(error, text).length};
}

function duplicateKeyText(error: YAMLError, text: string): string {
	// yaml points at the first character of a duplicate key; take the key up to its colon.
	const lineEnd = text.indexOf('\n', error.pos[0]);
	const line = text.slice(error.pos[0], lineEnd === -1 ? undefined : lineEnd);
	const quoted = /^("[^"]*"|'[^']*')[ \t]*:(?:\s|$)/.exec(line);
	if (quoted) return quoted[1]!.slice(0, 60);
	// A plain key ends at the first `: ` (or `:` at the end); found with indexOf, since a lazy `[^:#]*?\s*:` retried
	// every space of a long run (a complex key of 300k spaces ran past two minutes).
	const colon = line.indexOf(':');
	if (colon === -1 || (colon + 1 < line.length && !/\s/.test(line[colon + 1]!))) return '';
	const key = line.slice(0, colon);
	return key.includes('#') ? '' : key.trimEnd().slice(0, 60);
}

function explainMessage(error: YAMLError, text: string): string {
	const original = error.message.replace(/\s+/g, ' ').trim().replace(/[.:]$/, '');
	const snippet = error.code === 'DUPLICATE_KEY' ? duplicateKeyText(error, text) : '';
	switch (error.code) {
		case 'TAB_AS_INDENT':
			return 'Tabs are not allowed for indentation in YAML; use spaces.';
		case 'DUPLICATE_KEY':
			return snippet
				? `The key "${snippet}" appears twice in the same map; YAML keys must be unique, so keep only one.`
				: 'A key appears twice in the same map; YAML keys must be unique, so keep only one.';
		case 'BAD_SCALAR_START': {
			const char = /character (.)/.exec(original)?.[1];
			if (char === '@') return `A value cannot start with @ unless it is quoted; write it in double quotes, e.g. "@every 10s" (${original}).`;
			return char
				? `A value cannot start with ${char} unless it is quoted; put the value in double quotes (${original}).`
				: `This value must be quoted (${original}).`;
		}
		case 'BAD_DQ_ESCAPE':
			return `Backslashes inside double quotes start escape sequences (${original}); use single quotes or write \\\\.`;
		case 'BAD_INDENT':
			return `The indentation is wrong here: keys of the same map must line up, using spaces (${original}).`;
		case 'MISSING_CHAR':
			if (/map values/.test(original)) return `A line here has a key without a colon; write "key: value" (${original}).`;
			if (/quote/.test(original)) return `A quoted value is not closed; add the closing quote (${original}).`;
			return `Something is not closed or is missing here (${original}).`;
		case 'BLOCK_AS_IMPLICIT_KEY':
			return `A value cannot hold a second "key: value": a line below may be indented too far, or a value containing ": " needs quotes (${original}).`;
		case 'MULTILINE_IMPLICIT_KEY':
			return `A key must fit on one line: check this line and the next for a missing colon or wrong indentation (${original}).`;
		case 'RESOURCE_EXHAUSTION':
			return 'The YAML is nested too deeply (or is too large) to read.';
		case 'MULTIPLE_ANCHORS':
		case 'MULTIPLE_TAGS':
		case 'ALIAS_PROPS':
		case 'BAD_ALIAS':
			return `This anchor, alias or tag is not valid YAML (${original}).`;
		case 'KEY_OVER_1024_CHARS':
			return 'A key is longer than 1024 characters, which YAML does not allow; check for a missing line break or colon.';
		default:
			return `The YAML does not parse here (${original}).`;
	}
}
