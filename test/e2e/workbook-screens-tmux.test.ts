// Issue 12, tried the way a student meets it: the real bin in a real terminal (tmux). Saves by rename (`sed -i`)
// keep being seen; 80x24 and 60x20 show the instructions and the first problem and page through every line; a
// resize from 100 to 80 columns leaves no stale line; `jj` in one burst moves two steps.
import {execFile, execFileSync} from 'node:child_process';
import {copyFile, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {packageRoot} from '../../src/runner/package-root.js';
import {builtSnapshot} from './ensure-built.js';

const exec = promisify(execFile);
const root = packageRoot();

function has(command: string, args: string[]): boolean {
	try {
		execFileSync(command, args, {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

const available = has('tmux', ['-V']) && has('sed', ['--version']);
if (!available) {
	if (process.env['DAPR_LABS_REQUIRE_E2E'] === '1') throw new Error('tmux and GNU sed are required for the workbook screen e2e tests (DAPR_LABS_REQUIRE_E2E=1).');
	console.warn('Skipping the workbook screen e2e tests: tmux or GNU sed is not installed.');
}

let counter = 0;
let session = '';
let pkgDir = '';
let bin = '';
const folders: string[] = [];

function capture(): string {
	try {
		return execFileSync('tmux', ['capture-pane', '-p', '-t', session], {encoding: 'utf8'});
	} catch {
		return '';
	}
}

function alive(): boolean {
	return has('tmux', ['has-session', '-t', session]);
}

async function until(predicate: (screen: string) => boolean, what: string, limitMs = 60_000): Promise<string> {
	for (let waited = 0; waited < limitMs; waited += 50) {
		const screen = capture();
		if (predicate(screen)) return screen;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`Timed out waiting for ${what}. Screen:\n${capture()}`);
}

function leftovers(dir: string): string {
	try {
		return execFileSync('pgrep', ['-af', dir], {encoding: 'utf8'}).trim();
	} catch {
		return ''; // pgrep exits 1 when nothing matches
	}
}

/** Starts the workbook in a fresh tmux session of this size; the folder is in the command line for pgrep. */
function open(dir: string, lab: string, columns: number, rows: number): void {
	session = `dapr-labs-e2e-screens-${process.pid}-${Date.now()}-${++counter}`;
	const command = `cd '${dir}' && exec '${process.execPath}' '${bin}' start --lab ${lab} --dir '${dir}'`;
	execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), command], {env: {...process.env, TERM: 'xterm-256color'}});
}

async function quit(dir: string): Promise<void> {
	execFileSync('tmux', ['send-keys', '-t', session, 'q']);
	await until(() => !alive(), 'the workbook to exit');
	expect(leftovers(dir)).toBe('');
}

async function labFolder(lab: 'lab-a' | 'lab-b'): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), `dapr-labs-e2e-${lab}-`));
	folders.push(dir);
	await exec(process.execPath, [bin, 'init', '--lab', lab], {cwd: dir});
	return dir;
}

/** Lab B on step 2 with two problems: step 1 done, the async-with mistake fixed, "POST" and the dict data left. */
async function labBOnStep2(): Promise<string> {
	const dir = await labFolder('lab-b');
	await copyFile(join(root, 'labs', 'lab-b', 'solution', 'components', 'http-binding.yaml'), join(dir, 'components', 'http-binding.yaml'));
	const app = await readFile(join(dir, 'app.py'), 'utf8');
	await writeFile(join(dir, 'app.py'), app.replace('async with DaprClient()', 'with DaprClient()'));
	return dir;
}

/** Step 2's instructions as the screen shows them in colour: words only, backticks gone. */
async function labBStep2Words(): Promise<string> {
	const lab = parse(await readFile(join(root, 'labs', 'lab-b', 'lab.yaml'), 'utf8')) as {steps: {id: string; instructions: string}[]};
	return lab.steps.find((step) => step.id === 'code')!.instructions.replace(/`/g, '').replace(/\s+/g, ' ').trim();
}

/** The instruction lines of the current page: between the step title and the "… space" line. */
function pageLines(screen: string): string[] {
	const lines = screen.split('\n');
	const from = lines.findIndex((line) => line.startsWith('2. Call the binding'));
	const to = lines.findIndex((line, i) => i > from && line.startsWith('… space:'));
	return lines.slice(from + 1, to);
}

/** Pages through the instructions with space until back on page 1; returns every page's lines, in order. */
async function readAllPages(): Promise<string[]> {
	let screen = await until((s) => /page 1\/\d+/.test(s), 'page 1');
	const pages = Number(/page 1\/(\d+)/.exec(screen)![1]);
	const seen: string[] = [];
	for (let page = 1; page <= pages; page++) {
		seen.push(...pageLines(screen));
		execFileSync('tmux', ['send-keys', '-t', session, 'Space']);
		const next = (page % pages) + 1;
		screen = await until((s) => s.includes(`(page ${next}/${pages})`), `page ${next}`);
	}
	return seen;
}

/** What a screen must be at any size: no line wider than the terminal, none starting with a stray space. */
function tidy(screen: string, columns: number): void {
	for (const line of screen.split('\n')) {
		expect(line.length, line).toBeLessThanOrEqual(columns);
		if (line.startsWith(' ')) expect(line, 'only a fix line is indented').toMatch(/^ {2}→ /);
	}
}

describe.skipIf(!available)('workbook screens in a real terminal (tmux)', () => {
	beforeAll(async () => {
		pkgDir = await mkdtemp(join(tmpdir(), 'dapr-labs-e2e-pkg-'));
		bin = join(await builtSnapshot(root, pkgDir), 'bin', 'dapr-labs.js');
	}, 180_000);

	afterEach(() => {
		if (session && alive()) execFileSync('tmux', ['kill-session', '-t', session]);
	});

	afterAll(async () => {
		for (const dir of folders) await rm(dir, {recursive: true, force: true});
		if (pkgDir) await rm(pkgDir, {recursive: true, force: true});
	});

	it('re-checks after every `sed -i` (a save by rename), several in a row', async () => {
		const dir = await labFolder('lab-a');
		await copyFile(join(root, 'labs', 'lab-a', 'solution', 'components', 'cron-binding.yaml'), join(dir, 'components', 'cron-binding.yaml'));
		open(dir, 'lab-a', 100, 30);
		await until((s) => s.includes('2. Write the POST handler') && s.includes('/cleanup_cron'), 'the handler step with the wrong route');
		// Each sed renames a new app.py over the old one; each must reach the screen.
		for (const [from, to] of [
			['/cleanup_cron', '/cleanup_cron_1'],
			['/cleanup_cron_1', '/cleanup_cron_2'],
			['/cleanup_cron_2', '/cleanup_cron_3'],
		]) {
			execFileSync('sed', ['-i', `s#"${from}"#"${to}"#`, join(dir, 'app.py')]);
			await until((s) => s.includes(`"${to}"`), `the verdict after sed -i to ${to}`);
		}
		execFileSync('sed', ['-i', 's#"/cleanup_cron_3"#"/cleanup-cron"#', join(dir, 'app.py')]);
		await until((s) => s.includes('✔ Step 2 passed'), 'the step to pass after the fourth sed -i');
		await quit(dir);
	}, 180_000);

	for (const [columns, rows] of [
		[80, 24],
		[60, 20],
	] as const) {
		it(`${columns}x${rows}: instructions and the first problem with its fix show, space reaches every line, the footer fits`, async () => {
			const dir = await labBOnStep2();
			open(dir, 'lab-b', columns, rows);
			const screen = await until((s) => s.includes('2. Call the binding') && s.includes('2 problems to fix'), 'lab B step 2 with two problems');
			tidy(screen, columns);
			// Nothing scrolled off the top: the frame fits the height.
			expect(screen.split('\n')[0]).toMatch(/^Lab B: HTTP output binding +step 2\/5$/);
			expect(pageLines(screen).filter(Boolean).length).toBeGreaterThanOrEqual(3);
			expect(screen).toMatch(/✖ app\.py:27 Operation "POST"/);
			expect(screen).toContain('→ Write operation="post".');
			// One footer row at 80 columns.
			if (columns >= 80) expect(screen.split('\n').find((line) => line.startsWith('j/k step'))).toMatch(/q quit$/);
			const seen = await readAllPages();
			const paged = seen.join(' ').replace(/\s+/g, ' ').trim();
			// Space reaches every instruction line, in order, and then the problem that did not fit under the checklist.
			expect(paged.startsWith(await labBStep2Words())).toBe(true);
			const secondProblem = /✖ app\.py:28 The data argument/;
			if (!secondProblem.test(screen)) {
				expect(screen).toContain('…and 1 more: space pages to it.');
				expect(paged).toMatch(secondProblem);
			}
			// A copyable command never breaks inside a word: the one that fits a line is on one line.
			expect(seen.some((line) => line.includes('from dapr.clients import DaprClient'))).toBe(true);
			await quit(dir);
		}, 180_000);
	}

	it('a resize from 100 to 80 columns leaves no stale line', async () => {
		const dir = await labBOnStep2();
		open(dir, 'lab-b', 100, 30);
		await until((s) => s.includes('2 problems to fix') && s.includes('step 2/5'), 'the step at 100 columns');
		execFileSync('tmux', ['resize-window', '-t', session, '-x', '80', '-y', '24']);
		const screen = await until((s) => s.includes('2 problems to fix') && /page 1\/\d+/.test(s), 'the step redrawn at 80 columns');
		const lines = screen.split('\n');
		expect(lines[0]).toMatch(/^Lab B: HTTP output binding +step 2\/5$/);
		expect(lines.filter((line) => line.startsWith('──'))).toHaveLength(1);
		expect(lines.filter((line) => line.includes('2. Call the binding'))).toHaveLength(1);
		tidy(screen, 80);
		await quit(dir);
	}, 180_000);

	it('`jj` sent in one burst moves two steps', async () => {
		const dir = await labFolder('lab-a');
		open(dir, 'lab-a', 80, 24);
		await until((s) => s.includes('1. Create the cron component') && s.includes('to fix'), 'step 1');
		execFileSync('tmux', ['send-keys', '-t', session, 'jj']);
		await until((s) => s.includes('3. Write the Dockerfile'), 'step 3 after jj');
		execFileSync('tmux', ['send-keys', '-t', session, 'kkj']);
		await until((s) => s.includes('2. Write the POST handler'), 'step 2 after kkj');
		await quit(dir);
	}, 180_000);
});
