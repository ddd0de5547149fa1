// The workbook the way a student uses it: the real bin in a real terminal (tmux), a real save, a real quit.
import {execFile, execFileSync} from 'node:child_process';
import {copyFile, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {packageRoot} from '../../src/runner/package-root.js';
import {builtSnapshot} from './ensure-built.js';

const exec = promisify(execFile);
const root = packageRoot();

function hasTmux(): boolean {
	try {
		execFileSync('tmux', ['-V'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

const available = hasTmux();
if (!available) {
	if (process.env['DAPR_LABS_REQUIRE_E2E'] === '1') throw new Error('tmux is required for the workbook e2e test (DAPR_LABS_REQUIRE_E2E=1).');
	console.warn('Skipping the workbook tmux e2e test: tmux is not installed.');
}

const session = `dapr-labs-e2e-${process.pid}-${Date.now()}`;
let dir = '';
let pkgDir = '';
let bin = '';

function capture(): string {
	try {
		return execFileSync('tmux', ['capture-pane', '-p', '-t', session], {encoding: 'utf8'});
	} catch {
		return '';
	}
}

function sessionAlive(): boolean {
	try {
		execFileSync('tmux', ['has-session', '-t', session], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

async function until(predicate: () => boolean, what: string, limitMs = 60_000): Promise<void> {
	for (let waited = 0; waited < limitMs; waited += 50) {
		if (predicate()) return;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`Timed out waiting for ${what}. Screen:\n${capture()}`);
}

function leftovers(): string {
	try {
		return execFileSync('pgrep', ['-af', dir], {encoding: 'utf8'}).trim();
	} catch {
		return ''; // pgrep exits 1 when nothing matches
	}
}

describe.skipIf(!available)('workbook in a real terminal (tmux)', () => {
	beforeAll(async () => {
		pkgDir = await mkdtemp(join(tmpdir(), 'dapr-labs-e2e-pkg-'));
		bin = join(await builtSnapshot(root, pkgDir), 'bin', 'dapr-labs.js');
		dir = await mkdtemp(join(tmpdir(), 'dapr-labs-e2e-lab-'));
		await exec(process.execPath, [bin, 'init', '--lab', 'lab-a'], {cwd: dir});
		// Step 1 done, so the workbook opens on step 2 with the starter's broken route.
		await copyFile(join(root, 'labs', 'lab-a', 'solution', 'components', 'cron-binding.yaml'), join(dir, 'components', 'cron-binding.yaml'));
	}, 180_000);

	afterAll(async () => {
		if (sessionAlive()) execFileSync('tmux', ['kill-session', '-t', session]);
		if (dir) await rm(dir, {recursive: true, force: true});
		if (pkgDir) await rm(pkgDir, {recursive: true, force: true});
	});

	it('turns the checklist green on a save, moves on, and quits leaving no process behind', async () => {
		// The folder path is in the command line, so pgrep can find exactly this run's processes.
		// CI=true on purpose: Ink alone would then draw only the last frame; `start` on a terminal must draw anyway.
		const command = `cd '${dir}' && exec env CI=true '${process.execPath}' '${bin}' start --lab lab-a --dir '${dir}'`;
		execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '80', '-y', '24', command], {env: {...process.env, TERM: 'xterm-256color'}});
		await until(() => capture().includes('2. Write the POST handler') && capture().includes('problem to fix'), 'the handler step with its failing checklist');
		const before = capture();
		expect(before).toMatch(/app\.py:\d+ .*cleanup_cron/);
		expect(before).toContain('input-binding/route-mismatch');
		expect(before.split('\n').every((line) => line.length <= 80)).toBe(true);

		// The student fixes the route and saves.
		const app = await readFile(join(dir, 'app.py'), 'utf8');
		await writeFile(join(dir, 'app.py'), app.replace('@app.post("/cleanup_cron")', '@app.post("/cleanup-cron")'));
		await until(() => capture().includes('✔ Step 2 passed'), 'the step to pass');
		const after = capture();
		expect(after).toContain('3. Write the Dockerfile');
		expect(after).toMatch(/✔1 ✔2/);

		// h reveals a hint on the new step.
		execFileSync('tmux', ['send-keys', '-t', session, 'h']);
		await until(() => capture().includes('Hint 1:'), 'a hint');

		execFileSync('tmux', ['send-keys', '-t', session, 'q']);
		await until(() => !sessionAlive(), 'the workbook to exit and the tmux session to close');
		expect(leftovers()).toBe('');
		const state = JSON.parse(await readFile(join(dir, '.dapr-labs', 'state.json'), 'utf8'));
		expect(state.labs['lab-a'].passed).toEqual(['component', 'handler']);
		expect(state.labs['lab-a'].hints.dockerfile).toBe(1);
	}, 180_000);
});
