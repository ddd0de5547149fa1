/**
 * `dapr-labs check` end to end: the real built bin as a child process (exit codes, JSON shape), plus in-process runs
 * for the text report.
 */
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {run} from '../../src/commands/check.js';
import type {CommandIO} from '../../src/commands/io.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {packageRoot} from '../../src/runner/package-root.js';
import {APP_PY, CRON_YAML, DOCKERFILE} from '../helpers/rules.js';

const ROOT = packageRoot();
const BIN = join(ROOT, 'bin', 'dapr-labs.js');
const exec = promisify(execFile);

async function bin(args: string[], cwd = ROOT): Promise<{code: number; stdout: string; stderr: string}> {
	try {
		const {stdout, stderr} = await exec(process.execPath, [BIN, ...args], {cwd, env: {...process.env, NO_COLOR: '1'}});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const e = error as {code: number; stdout: string; stderr: string};
		return {code: e.code, stdout: e.stdout, stderr: e.stderr};
	}
}

function memoryIO(cwd: string, isTTY = false, env: Record<string, string | undefined> = {}): CommandIO & {stdout: () => string; stderr: () => string} {
	let out = '';
	let err = '';
	return {out: (t) => void (out += t), err: (t) => void (err += t), cwd, env, isTTY, stdoutColumns: 100, stdout: () => out, stderr: () => err};
}

let dir = '';
beforeAll(async () => {
	if (!existsSync(join(ROOT, 'dist', 'cli.js'))) await exec('npm', ['run', 'build'], {cwd: ROOT});
	dir = await mkdtemp(join(tmpdir(), 'dapr-labs-check-cmd-'));
	await mkdir(join(dir, 'components'));
	await writeFile(join(dir, 'components', 'cron-binding.yaml'), CRON_YAML.replace('@every 30s', '*/30 * * * *'));
	await writeFile(join(dir, 'app.py'), APP_PY.replace('"/cleanup-cron"', '"/cleanup_cron"'));
	await writeFile(join(dir, 'Dockerfile'), DOCKERFILE);
}, 120_000);
afterAll(async () => {
	if (dir) await rm(dir, {recursive: true, force: true});
});

describe('dapr-labs check (real bin)', () => {
	test('a solution passes: exit 0 and the exact JSON shape', async () => {
		const {code, stdout} = await bin(['check', '--lab', 'combined', '--dir', 'labs/combined/solution', '--format', 'json']);
		expect(code).toBe(0);
		const json = JSON.parse(stdout) as Record<string, unknown>;
		expect(Object.keys(json)).toEqual(['tool', 'version', 'workspace', 'labs', 'summary']);
		expect(json['tool']).toBe('dapr-labs');
		expect(json['workspace']).toBe('labs/combined/solution');
		const labs = json['labs'] as Record<string, unknown>[];
		expect(labs).toHaveLength(1);
		expect(Object.keys(labs[0]!)).toEqual(['id', 'title', 'status', 'score', 'maxScore', 'steps', 'findings']);
		expect(labs[0]).toMatchObject({id: 'combined', status: 'pass', score: 100, maxScore: 100});
		// Runtime steps add `verified` (no run on record here: false); static steps keep the three keys.
		for (const step of labs[0]!['steps'] as Record<string, unknown>[]) expect(Object.keys(step)).toEqual('verified' in step ? ['id', 'title', 'status', 'verified'] : ['id', 'title', 'status']);
		expect((labs[0]!['steps'] as Record<string, unknown>[]).filter((step) => 'verified' in step).map((step) => step['verified'])).toEqual([false]);
		expect(json['summary']).toEqual({errors: 0, warnings: 0});
	});
	test('a broken folder: exit 1 and findings with relative forward-slash paths', async () => {
		const {code, stdout} = await bin(['check', '--format', 'json', '--lab', 'lab-a', '--dir', dir]);
		expect(code).toBe(1);
		const json = JSON.parse(stdout) as {workspace: string; labs: {status: string; findings: Record<string, unknown>[]}[]; summary: {errors: number}};
		expect(json.workspace).toBe(dir);
		expect(json.labs[0]!.status).toBe('fail');
		const findings = json.labs[0]!.findings;
		expect(findings.map((f) => f['ruleId'])).toEqual(['input-binding/route-mismatch', 'cron/five-field']);
		expect(findings[1]!['file']).toBe('components/cron-binding.yaml');
		expect(Object.keys(findings[0]!).slice(0, 6)).toEqual(['ruleId', 'severity', 'message', 'file', 'line', 'column']);
		expect(json.summary.errors).toBe(2);
	});
	test('--dir defaults to the current folder, --lab to all', async () => {
		const {code, stdout} = await bin(['check', '--format', 'json'], join(ROOT, 'labs', 'lab-a', 'solution'));
		const json = JSON.parse(stdout) as {workspace: string; labs: {id: string; status: string}[]};
		expect(json.workspace).toBe('.');
		expect(json.labs.map((lab) => lab.id)).toEqual((await loadLabs()).map((lab) => lab.id));
		expect(json.labs.map((lab) => lab.id).slice(0, 3)).toEqual(['lab-a', 'lab-b', 'combined']);
		expect(json.labs[0]!.status).toBe('pass');
		expect(code).toBe(1);
	});
	test('usage errors exit 2', async () => {
		expect((await bin(['check', '--lab', 'lab-z'])).code).toBe(2);
		expect((await bin(['check', '--format', 'xml'])).code).toBe(2);
		expect((await bin(['check', '--bogus'])).code).toBe(2);
		const missing = await bin(['check', '--dir', 'no/such/folder']);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('no/such/folder');
	});
});

describe('dapr-labs check (in-process text report)', () => {
	test('grouped by lab and step with a code frame and hint, no colour off a TTY', async () => {
		const io = memoryIO(ROOT);
		const code = await run(['--lab', 'lab-a', '--dir', dir], io);
		expect(code).toBe(1);
		const text = io.stdout();
		expect(text).not.toContain('\u001b[');
		expect(text).toContain('Lab A: Cron input binding');
		expect(text).toMatch(/✔ Write the Dockerfile {2}20\/20/);
		expect(text).toMatch(/✖ Write the POST handler {2}0\/30/);
		expect(text).toContain('> 12 | @app.post("/cleanup_cron")');
		expect(text).toMatch(/\| \^/);
		expect(text).toContain('hint: ');
		expect(text).toMatch(/2 errors, 0 warnings: lab-a fail 20\/100\n$/);
	});
	test('colour on a TTY unless NO_COLOR', async () => {
		const tty = memoryIO(ROOT, true, {TERM: 'xterm'});
		await run(['--lab', 'lab-a', '--dir', dir], tty);
		expect(tty.stdout()).toContain('\u001b[31m');
		const noColor = memoryIO(ROOT, true, {TERM: 'xterm', NO_COLOR: '1'});
		await run(['--lab', 'lab-a', '--dir', dir], noColor);
		expect(noColor.stdout()).not.toContain('\u001b[');
	});
	test('control sequences in student files never reach the terminal', async () => {
		const evil = await mkdtemp(join(tmpdir(), 'dapr-labs-evil-'));
		try {
			await writeFile(join(evil, 'app.py'), 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.post("/cleanup_cron")  # \u001b]0;pwned\u0007\u001b[2J\ndef f(:\n    pass\n');
			const io = memoryIO(ROOT);
			expect(await run(['--lab', 'lab-a', '--dir', evil], io)).toBe(1);
			expect(io.stdout()).not.toMatch(/[\u001b\u0007]/);
		} finally {
			await rm(evil, {recursive: true, force: true});
		}
	});
});
