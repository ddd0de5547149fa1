/**
 * Builds dist/ when it is missing or older than src/, under a lock: several test files run the real bin at once,
 * and a rebuild deletes dist/ under the feet of a running one.
 */
import {execFile} from 'node:child_process';
import {readdir, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {promisify} from 'node:util';

const exec = promisify(execFile);

async function newest(dir: string): Promise<number> {
	let latest = 0;
	for (const entry of await readdir(dir, {withFileTypes: true})) {
		const full = join(dir, entry.name);
		latest = Math.max(latest, entry.isDirectory() ? await newest(full) : (await stat(full)).mtimeMs);
	}
	return latest;
}

/** Makes sure `root`/dist is a build of the current sources. */
export async function ensureBuilt(root: string): Promise<void> {
	const fresh = async () => (await stat(join(root, 'dist', 'cli.js')).then((s) => s.mtimeMs, () => 0)) >= (await newest(join(root, 'src')));
	if (await fresh()) return;
	// flock serialises builds; re-check inside the lock so the second waiter does not rebuild again.
	const script = `cd "$1" && if [ ! -f dist/cli.js ] || [ -n "$(find src -newer dist/cli.js -print -quit)" ]; then npm run build; fi`;
	try {
		await exec('flock', ['/tmp/dapr-labs-build.lock', 'sh', '-c', script, 'sh', root], {maxBuffer: 16 * 1024 * 1024});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') await exec('npm', ['run', 'build'], {cwd: root});
		else throw error;
	}
}

/**
 * A private copy of the built package (bin, dist, labs, components, solutions, package.json, node_modules linked)
 * in a temp folder, so a rebuild of the shared tree while a test runs cannot pull dist/ away from it. Returns the
 * copy's root; the caller removes it.
 */
export async function builtSnapshot(root: string, into: string): Promise<string> {
	const {cp, mkdir, rm, symlink} = await import('node:fs/promises');
	await ensureBuilt(root);
	for (let attempt = 1; ; attempt++) {
		const copy = join(into, `pkg-${attempt}`);
		await mkdir(copy, {recursive: true});
		try {
			for (const part of ['bin', 'dist', 'labs', 'components', 'assets', 'package.json']) await cp(join(root, part), join(copy, part), {recursive: true});
			await symlink(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
			// Every chunk must be there: start loads the most of them.
			await exec(process.execPath, [join(copy, 'bin', 'dapr-labs.js'), 'start', '--help']);
			return copy;
		} catch (error) {
			await rm(copy, {recursive: true, force: true});
			if (attempt >= 5) throw error;
			await new Promise((resolve) => setTimeout(resolve, 1000));
			await ensureBuilt(root);
		}
	}
}
