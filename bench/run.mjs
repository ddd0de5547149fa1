// `npm run bench`: runs every bench/*.mjs script in turn (each prints its own ratios against a baseline measured in the
// same run) after the bundle is built. Benchmarks never gate tests; they print numbers.
import {readdirSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const scripts = readdirSync(here)
	.filter((name) => name.endsWith('.mjs') && name !== 'run.mjs' && !name.startsWith('_'))
	.filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
	.sort();
let failed = 0;
for (const name of scripts) {
	console.log(`\n== ${name}`);
	const result = spawnSync(process.execPath, ['--expose-gc', join(here, name)], {stdio: 'inherit', cwd: join(here, '..')});
	if (result.status !== 0) {
		failed++;
		console.log(`(${name} exited with ${result.status ?? result.signal})`);
	}
}
process.exit(failed > 0 ? 1 : 0);
