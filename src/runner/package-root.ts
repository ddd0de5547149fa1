/**
 * Finds the installed package's root (where labs/ and components/ ship), from src/ under tests or
 * from the bundle in dist/.
 */
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

let cached: string | undefined;

/** Absolute path of the dapr-labs package root. */
export function packageRoot(): string {
	if (cached) return cached;
	let dir = dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest)) {
			try {
				if ((JSON.parse(readFileSync(manifest, 'utf8')) as {name?: string}).name === 'dapr-labs') return (cached = dir);
			} catch {
				// not ours; keep walking up
			}
		}
		const parent = dirname(dir);
		if (parent === dir) throw new Error('dapr-labs: cannot find the package root (labs/ ships there).');
		dir = parent;
	}
}
