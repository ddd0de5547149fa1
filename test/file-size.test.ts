// Keeps source files readable: no file under src/ is over 500 lines (issue 10; split a file along its own sections
// when it grows past that, as src/core/python/model.ts was).
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative, sep} from 'node:path';
import {describe, expect, it} from 'vitest';

const root = join(import.meta.dirname, '..');
const MAX_LINES = 500;


function sources(dir: string): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...sources(path));
		else out.push(path);
	}
	return out;
}

function lineCount(text: string): number {
	if (text === '') return 0;
	return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('file size', () => {
	it(`no file under src/ is over ${MAX_LINES} lines`, () => {
		const offenders: string[] = [];
		for (const file of sources(join(root, 'src'))) {
			const name = relative(root, file).split(sep).join('/');
			const lines = lineCount(readFileSync(file, 'utf8'));
			if (lines > MAX_LINES) offenders.push(`${name}: ${lines} lines`);
		}
		expect(offenders).toEqual([]);
	});

	it('counts lines as wc -l does (so the limit means what it says)', () => {
		expect(lineCount('')).toBe(0);
		expect(lineCount('a\n')).toBe(1);
		expect(lineCount('a\nb')).toBe(2);
		expect(lineCount('a\n'.repeat(501))).toBe(501);
	});
});
