// Keeps the layers honest (house style): core is pure, ui never runs processes or touches files, report is pure.
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';
import {VERSION} from '../src/version.js';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...sources(path));
		else if (/\.(ts|tsx)$/.test(name)) out.push(path);
	}
	return out;
}

function imports(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

const forbidden: Record<string, RegExp> = {
	'src/core': /^(node:)?(fs|fs\/promises|child_process|net|http|https|worker_threads|os)$|^execa$|^react$|^ink$|^redis$|^tar$|^yauzl$|(^|\/)(runner|ui|report|commands)\//,
	'src/report': /^(node:)?(fs|fs\/promises|child_process|net|http)$|^execa$|^react$|^ink$|(^|\/)(runner|ui|commands)\//,
	'src/ui': /^(node:)?(fs|fs\/promises|child_process)$|^execa$|(^|\/)commands\//,
	'src/runner': /^react$|^ink$|(^|\/)(ui|commands)\//,
};

describe('layering', () => {
	for (const [layer, pattern] of Object.entries(forbidden)) {
		it(`${layer} imports only what its layer may`, () => {
			const offenders: string[] = [];
			for (const file of sources(join(root, layer))) {
				for (const spec of imports(file)) if (pattern.test(spec)) offenders.push(`${relative(root, file)} imports ${spec}`);
			}
			expect(offenders).toEqual([]);
		});
	}

	it('core does not read the process environment or the clock implicitly', () => {
		const offenders: string[] = [];
		for (const file of sources(join(root, 'src/core'))) {
			const text = readFileSync(file, 'utf8');
			if (/\bprocess\.(env|cwd|argv|stdout|exit)\b/.test(text)) offenders.push(relative(root, file));
		}
		expect(offenders).toEqual([]);
	});

	it('the reported version equals package.json', () => {
		const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string};
		expect(VERSION).toBe(manifest.version);
	});
});
