// The layering the house style asks for, kept by grepping the imports: ui draws (no fs, no processes), the session
// core is pure (no fs, no React, no process access).
import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {packageRoot} from '../../src/runner/package-root.js';

async function sources(dir: string): Promise<string[]> {
	const out: string[] = [];
	for (const entry of await readdir(dir, {withFileTypes: true})) {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) out.push(...(await sources(full)));
		else if (/\.tsx?$/.test(entry.name)) out.push(full);
	}
	return out;
}

const importsOf = (text: string) => [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('layering', () => {
	it('src/ui imports no node:fs, execa or child_process, and nothing from runner or commands', async () => {
		for (const file of await sources(join(packageRoot(), 'src', 'ui'))) {
			for (const spec of importsOf(await readFile(file, 'utf8'))) {
				expect(spec, file).not.toMatch(/^(node:)?(fs|child_process)(\/|$)|^execa$|\/runner\/|\/commands\//);
			}
		}
	});

	it('src/core/session imports only core and never touches process', async () => {
		for (const file of await sources(join(packageRoot(), 'src', 'core', 'session'))) {
			const text = await readFile(file, 'utf8');
			for (const spec of importsOf(text)) expect(spec.startsWith('.'), `${file}: ${spec}`).toBe(true);
			expect(text, file).not.toMatch(/\bprocess\.|Date\.now\(|new Date\(\)/);
		}
	});
});
