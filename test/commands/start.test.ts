import {execFile, spawn} from 'node:child_process';
import {mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {run as init} from '../../src/commands/init.js';
import {run} from '../../src/commands/start.js';
import {packageRoot} from '../../src/runner/package-root.js';
import {builtSnapshot, ensureBuilt} from '../e2e/ensure-built.js';
import {memoryIO} from './io.js';

const exec = promisify(execFile);
const root = packageRoot();
const temps: string[] = [];
async function temp(prefix: string): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), prefix));
	temps.push(dir);
	return dir;
}
afterAll(async () => {
	for (const dir of temps) await rm(dir, {recursive: true, force: true});
});

describe('dapr-labs start (not a TTY)', () => {
	it('prints the lab list, the current step and its checklist once, saves progress, exits 0', async () => {
		const dir = await temp('dapr-labs-start-');
		await init(['--lab', 'lab-a'], memoryIO(dir).io);
		const {io, out} = memoryIO(dir);
		expect(await run([], io)).toBe(0);
		const text = out();
		expect(text).toMatch(/lab-a +Lab A: Cron input binding \(0\/5 steps/);
		expect(text).toContain('Step 1/5: Create the cron component');
		expect(text).toMatch(/✖ components\/cron-binding\.yaml:\d+:\d+ .*\(cron\/five-field\)/);
		expect(text).toContain('Hints:');
		expect(text).not.toMatch(/\u001b\[/);
		const saved = JSON.parse(await readFile(join(dir, '.dapr-labs', 'state.json'), 'utf8'));
		expect(saved.labs['lab-a'].passed).toEqual([]);
	});

	it('--lab picks the lab; a fixed handler shows the next open step', async () => {
		const dir = await temp('dapr-labs-start-');
		await init(['--lab', 'lab-a'], memoryIO(dir).io);
		await writeFile(join(dir, 'components', 'cron-binding.yaml'), await readFile(join(root, 'labs', 'lab-a', 'solution', 'components', 'cron-binding.yaml')));
		const {io, out} = memoryIO(dir);
		expect(await run(['--lab', 'lab-a'], io)).toBe(0);
		expect(out()).toContain('Step 2/5: Write the POST handler');
		expect(out()).toMatch(/app\.py:\d+:\d+ .*\(input-binding\/route-mismatch\)/);
	});

	it('warns about an empty folder, and about a corrupt state file it moved aside', async () => {
		const dir = await temp('dapr-labs-start-');
		await mkdir(join(dir, '.dapr-labs'));
		await writeFile(join(dir, '.dapr-labs', 'state.json'), 'not json');
		const {io, out} = memoryIO(dir);
		expect(await run([], io)).toBe(0);
		expect(out()).toContain('Warning: This folder has no lab files yet. Run `dapr-labs init --lab lab-a`');
		expect(out()).toMatch(/Warning: \.dapr-labs\/state\.json was unreadable; it was moved to \.dapr-labs\/state\.json\.corrupt-/);
		expect((await readdir(join(dir, '.dapr-labs'))).some((f) => f.startsWith('state.json.corrupt-'))).toBe(true);
	});

	it('rejects a --dir that is not a folder', async () => {
		await expect(run(['--dir', join(tmpdir(), 'no-such-dapr-labs-dir')], memoryIO(tmpdir()).io)).rejects.toThrow(/not a folder/);
	});

	it('--watch prints a new block after a save, until interrupted (real process)', async () => {
		const dir = await temp('dapr-labs-start-watch-');
		await init(['--lab', 'lab-a'], memoryIO(dir).io);
		// The real bin, so SIGINT and the watcher are the real ones.
		const pkg = await builtSnapshot(root, await temp('dapr-labs-pkg-'));
		const proc = spawn(process.execPath, [join(pkg, 'bin', 'dapr-labs.js'), 'start', '--watch'], {cwd: dir, stdio: ['ignore', 'pipe', 'pipe']});
		let output = '';
		proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const waitFor = async (predicate: () => boolean) => {
			for (let i = 0; i < 1500 && !predicate(); i++) await new Promise((r) => setTimeout(r, 20));
			expect(predicate(), `output (${output.length} chars):\n${output}`).toBe(true);
		};
		await waitFor(() => output.includes('Step 1/5'));
		await new Promise((r) => setTimeout(r, 300));
		await writeFile(join(dir, 'components', 'cron-binding.yaml'), await readFile(join(root, 'labs', 'lab-a', 'solution', 'components', 'cron-binding.yaml')));
		await waitFor(() => output.includes('Step 2/5: Write the POST handler'));
		const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
		proc.kill('SIGINT');
		expect(await exited).toBe(0);
	});
});

describe('npm pack', () => {
	it('ships labs, components, solutions and dist: the packed bin runs init and start in an empty folder', async () => {
		await ensureBuilt(root);
		const packDir = await temp('dapr-labs-pack-');
		const {stdout} = await exec('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir, '--json'], {cwd: root, maxBuffer: 64 * 1024 * 1024});
		const [info] = JSON.parse(stdout) as {filename: string; files: {path: string}[]}[];
		const paths = info!.files.map((f) => f.path);
		for (const prefix of ['bin/dapr-labs.js', 'dist/cli.js', 'labs/lab-a/lab.yaml', 'labs/quiz.yaml', 'labs/lab-a/starter/app.py', 'components/', 'labs/lab-a/solution/app.py']) {
			expect(paths.some((p) => p.startsWith(prefix)), prefix).toBe(true);
		}
		expect(paths.some((p) => p.startsWith('src/') || p.startsWith('test/'))).toBe(false);
		const extract = join(packDir, 'x');
		await mkdir(extract);
		await exec('tar', ['-xzf', join(packDir, info!.filename), '-C', extract]);
		const pkg = join(extract, 'package');
		await symlink(join(root, 'node_modules'), join(pkg, 'node_modules'), 'dir');
		const lab = await temp('dapr-labs-packed-lab-');
		const initRun = await exec(process.execPath, [join(pkg, 'bin', 'dapr-labs.js'), 'init', '--lab', 'lab-a'], {cwd: lab});
		expect(initRun.stdout).toContain('app.py');
		const startRun = await exec(process.execPath, [join(pkg, 'bin', 'dapr-labs.js'), 'start'], {cwd: lab});
		expect(startRun.stdout).toContain('Step 1/5: Create the cron component');
		expect(startRun.stdout).toContain('(cron/five-field)');
	});
});
