/**
 * Issue 11, item 5: names and paths from student folders are one line of inert text in every output: control
 * sequences stripped, line breaks and tabs made spaces (a newline in a file name broke the Ink checklist), bidi
 * controls shown as <U+202E> markers, and CI workflow-command prefixes broken up.
 */
import {describe, expect, test} from 'vitest';
import {checkWorkspace} from '../../src/core/check.js';
import {markBidi, safeName, safeText} from '../../src/core/text.js';
import type {SourceFile} from '../../src/core/types.js';
import {loadLabs} from '../../src/runner/labs-loader.js';

describe('safeName and safeText', () => {
	test('strip escapes, one line, bidi marked, command prefixes broken', () => {
		expect(safeName('a\u001b]52;c;eA==\u0007b')).toBe('ab');
		expect(safeName('a\nb\r\tc\u2028d')).toBe('a b c d');
		expect(safeName('x\u202Ey\u2066z')).toBe('x<U+202E>y<U+2066>z');
		expect(safeName('::warning title=Grader::x')).toBe(': :warning title=Grader: :x');
		expect(safeName(':::')).toBe(': : :');
		expect(safeName('##[error]x')).toBe('# #[error]x');
		expect(safeName(safeName('::a::'))).toBe(safeName('::a::'));
		expect(safeText('line 1\nline\u202E 2')).toBe('line 1\nline<U+202E> 2');
		expect(markBidi('plain')).toBe('plain');
	});

	test('a finding on a file whose name holds a newline, an escape and a bidi override names it on one clean line', async () => {
		const labs = await loadLabs();
		const path = 'components/cron\n\u001b[31mx\u202E.yaml';
		const files = new Map<string, SourceFile>([[path, {path, kind: 'text', text: 'kind: [\n', size: 8}]]);
		const result = checkWorkspace({files}, labs, {workspaceLabel: '.', version: '0.0.0', now: new Date(Date.UTC(2026, 10, 30))});
		const findings = result.labs.flatMap((lab) => lab.findings).filter((finding) => finding.file.startsWith('components/cron'));
		expect(findings.length).toBeGreaterThan(0);
		for (const finding of findings) {
			expect(finding.file).toBe('components/cron x<U+202E>.yaml');
			expect(finding.message).not.toMatch(/[\n\u001b\u202e]/);
		}
	});
});
