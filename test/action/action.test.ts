/**
 * The action's script (scripts/action.mjs, what action.yml runs) on copies of real lab folders, the way a runner
 * runs it: a temporary GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, the repository as the working directory. The `result`
 * output is read back the way the runner writes step outputs and decoded the way GitHub Classroom's reporter does
 * (classroom-resources/autograding-grading-reporter v1: base64 → JSON; points = the sum of the tests' `score`,
 * maximum = the document's `max_score`, a runner with no max_score counted out).
 */
import {spawn} from 'node:child_process';
import {cpSync, existsSync, readFileSync, writeFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {LabDef} from '../../src/core/labs.js';
import type {ClassroomResult} from '../../src/report/classroom.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {ensureBuilt} from '../e2e/ensure-built.js';
import {e2ePython, FAKE_DAPR_DIR, missing, ports, PYTHON_SDK_DIR} from '../runner/e2e-helpers.js';
import {ROOT} from './workflow-lint.js';

const SCRIPT = join(ROOT, 'scripts', 'action.mjs');
let scratch: string;
let labs: readonly LabDef[];
let count = 0;

beforeAll(async () => {
	await ensureBuilt(ROOT);
	scratch = await mkdtemp(join(tmpdir(), 'dapr-labs-action-test-'));
	labs = await loadLabs();
});
afterAll(async () => {
	await rm(scratch, {recursive: true, force: true});
});

/** A student repository: a copy of `source` (relative to the project root) in a fresh folder. */
function repoFrom(source: string): string {
	const repo = join(scratch, `repo-${++count}`);
	cpSync(join(ROOT, source), repo, {recursive: true});
	return repo;
}

/** Step outputs as the runner reads $GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` blocks. */
function readOutputs(file: string): Record<string, string> {
	const out: Record<string, string> = {};
	const lines = readFileSync(file, 'utf8').split('\n');
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
		if (heredoc) {
			const body: string[] = [];
			for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]!);
			out[heredoc[1]!] = body.join('\n');
		} else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
	}
	return out;
}

/** What the reporter does with <ID>_RESULTS: decode, parse, add up (notify-classroom.js). */
function asReporter(encoded: string): {results: ClassroomResult; totalPoints: number; maxPoints: number} {
	const results = JSON.parse(Buffer.from(encoded, 'base64').toString('utf-8')) as ClassroomResult;
	if (!results.max_score) return {results, totalPoints: 0, maxPoints: 0};
	return {results, maxPoints: results.max_score, totalPoints: results.tests.reduce((sum, test) => sum + test.score, 0)};
}

type ActionRun = {code: number; stdout: string; stderr: string; outputs: Record<string, string>; summary: string};

async function runAction(repo: string, inputs: Record<string, string>, extraEnv: Record<string, string | undefined> = {}): Promise<ActionRun> {
	const output = join(repo, '..', `${repo.split('/').pop()}.output`);
	const summary = join(repo, '..', `${repo.split('/').pop()}.summary`);
	writeFileSync(output, '');
	writeFileSync(summary, '');
	const env: Record<string, string | undefined> = {...process.env, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: scratch, DAPR_LABS_DIR: '.', ...inputs, ...extraEnv};
	const child = spawn(process.execPath, [SCRIPT], {cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? -1)));
	return {code, stdout, stderr, outputs: readOutputs(output), summary: readFileSync(summary, 'utf8')};
}

function points(lab: string, kind: 'static' | 'runtime'): number {
	return labs.find((def) => def.id === lab)!.steps.filter((step) => step.kind === kind).reduce((sum, step) => sum + step.points, 0);
}

describe('the action in grade mode (GitHub Classroom)', () => {
	it.each(['lab-a', 'lab-b', 'combined'])('%s: the reference solution earns every static point; runtime points need a run', async (lab) => {
		const run = await runAction(repoFrom(`labs/${lab}/solution`), {DAPR_LABS_LAB: lab, DAPR_LABS_MODE: 'grade'});
		expect(run.code, run.stderr).toBe(0);
		const {results, totalPoints, maxPoints} = asReporter(run.outputs['result']!);
		expect(points(lab, 'runtime')).toBeGreaterThan(0);
		expect(maxPoints).toBe(points(lab, 'static') + points(lab, 'runtime'));
		expect(totalPoints).toBe(points(lab, 'static'));
		expect(results.status).toBe('fail');
		for (const test of results.tests.filter((candidate) => candidate.status !== 'pass')) expect(test.message).toContain(`\`dapr-labs run ${lab}\``);
		expect(run.outputs).toMatchObject({points: String(totalPoints), 'max-points': String(maxPoints), 'sarif-file': 'dapr-labs.sarif'});
		expect(run.stdout).toContain(`dapr-labs: Points ${totalPoints}/${maxPoints} (fail)`);
		expect(run.summary).toContain(`### dapr-labs ${lab}: ${totalPoints} / ${maxPoints} points`);
	});

	it('lab-a: the starter earns 0 of 100, with the failing rule ids at file:line and annotations on those lines', async () => {
		const run = await runAction(repoFrom('labs/lab-a/starter'), {DAPR_LABS_LAB: 'lab-a', DAPR_LABS_MODE: 'grade'});
		expect(run.code, run.stderr).toBe(0);
		const {results, totalPoints, maxPoints} = asReporter(run.outputs['result']!);
		expect([totalPoints, maxPoints]).toEqual([0, 100]);
		expect(results.status).toBe('fail');
		const handler = results.tests.find((test) => test.name === 'lab-a: Write the POST handler')!;
		expect(handler).toMatchObject({status: 'fail', score: 0, max_score: 30, filename: 'app.py', line_no: 13});
		expect(handler.message).toMatch(/^app\.py:13:1 input-binding\/route-mismatch: Route "\/cleanup_cron" is not "\/cleanup-cron"/);
		expect(results.tests.find((test) => test.name === 'lab-a: Create the cron component')!.message).toMatch(/^components\/cron-binding\.yaml:11:14 cron\/five-field:/);
		// The student sees the same places as annotations on the push.
		expect(run.stdout).toMatch(/^::error file=app\.py,line=13,col=1,.*title=input-binding\/route-mismatch::/m);
	});

	it('combined: the starter earns less than the solution', async () => {
		const starter = asReporter((await runAction(repoFrom('labs/combined/starter'), {DAPR_LABS_LAB: 'combined', DAPR_LABS_MODE: 'grade'})).outputs['result']!);
		expect(starter.totalPoints).toBeLessThan(points('combined', 'static'));
		expect(starter.maxPoints).toBe(100);
	});

	it('run true, and no dapr on the runner: the runtime tests are errors, the static points stand', async () => {
		const run = await runAction(repoFrom('labs/lab-a/solution'), {DAPR_LABS_LAB: 'lab-a', DAPR_LABS_MODE: 'grade', DAPR_LABS_RUN: 'true', DAPR_LABS_RUN_ARGS: '--timeout 20'}, {PATH: '/usr/bin:/bin'});
		expect(run.code, run.stdout + run.stderr).toBe(0);
		const {results, totalPoints} = asReporter(run.outputs['result']!);
		expect(results.status).toBe('error');
		expect(totalPoints).toBe(points('lab-a', 'static'));
		const runtime = results.tests.filter((test) => test.name === 'lab-a: Build and run with Dapr' || test.name === 'lab-a: Watch the triggers');
		for (const test of runtime) {
			expect(test.status).toBe('error');
			expect(test.message).toMatch(/could not start the lab[\s\S]*env\//);
		}
		expect(run.stdout).toMatch(/::group::dapr-labs run lab-a: not-ready/);
	});

	it('run true, under the fake dapr: the run verifies the runtime steps and the solution earns 100 of 100', async (context) => {
		const python = await e2ePython();
		if (!python) return context.skip(missing('no python3 on this machine imports fastapi and uvicorn'));
		const {appPort, daprHttpPort, daprGrpcPort} = await ports();
		const run = await runAction(
			repoFrom('labs/lab-a/solution'),
			{DAPR_LABS_LAB: 'lab-a', DAPR_LABS_MODE: 'grade', DAPR_LABS_RUN: 'true', DAPR_LABS_PYTHON: python, DAPR_LABS_RUN_ARGS: `--timeout 60 --no-build --app-port ${appPort} --dapr-http-port ${daprHttpPort} --dapr-grpc-port ${daprGrpcPort}`},
			{PATH: `${FAKE_DAPR_DIR}:${process.env['PATH'] ?? ''}`, FAKE_DAPR_STYLE: '1.18', PYTHONPATH: PYTHON_SDK_DIR, DAPR_HEALTH_TIMEOUT: '5'},
		);
		expect(run.code, run.stdout + run.stderr).toBe(0);
		const {results, totalPoints, maxPoints} = asReporter(run.outputs['result']!);
		expect(results.tests.map((test) => [test.name, test.status])).toEqual(labs.find((def) => def.id === 'lab-a')!.steps.map((step) => [`lab-a: ${step.title}`, 'pass']));
		expect([totalPoints, maxPoints, results.status]).toEqual([100, 100, 'pass']);
		expect(run.stdout).toContain('::group::dapr-labs run lab-a: pass');
		// The run's output (the app's lines included) is printed inside a stop-commands guard.
		expect(run.stdout).toMatch(/::group::dapr-labs run lab-a: full output\n::stop-commands::([0-9a-f]{32})\n[\s\S]*\n::\1::\n::endgroup::/);
	});
});

describe('the action in check mode (annotations and SARIF)', () => {
	it('the starter: annotations, a SARIF file with the rule ids, a failed step', async () => {
		const repo = repoFrom('labs/lab-a/starter');
		const run = await runAction(repo, {DAPR_LABS_LAB: 'lab-a', DAPR_LABS_MODE: 'check', DAPR_LABS_SARIF: 'lab.sarif'});
		expect(run.code).toBe(1);
		// A missing file has no line to point at (issue 12): the annotation names the file alone.
		expect(run.stdout).toMatch(/^::error file=Dockerfile,title=lab\/missing-file::/m);
		expect(run.outputs['sarif-file']).toBe('lab.sarif');
		expect(run.outputs['result']).toBeUndefined();
		const sarif = JSON.parse(readFileSync(join(repo, 'lab.sarif'), 'utf8')) as {version: string; runs: {results: {ruleId: string}[]}[]};
		expect(sarif.version).toBe('2.1.0');
		expect(sarif.runs[0]!.results.map((result) => result.ruleId)).toEqual(expect.arrayContaining(['input-binding/route-mismatch', 'cron/five-field', 'lab/missing-file']));
	});

	it('the solution passes; an empty sarif-file writes none', async () => {
		const repo = repoFrom('labs/lab-b/solution');
		const run = await runAction(repo, {DAPR_LABS_LAB: 'lab-b', DAPR_LABS_MODE: 'check', DAPR_LABS_SARIF: ''});
		expect(run.code, run.stdout + run.stderr).toBe(0);
		expect(existsSync(join(repo, 'dapr-labs.sarif'))).toBe(false);
		expect(run.outputs).toEqual({});
	});

	it('bad inputs fail the step with an error annotation', async () => {
		const repo = repoFrom('labs/lab-a/solution');
		const bad = await runAction(repo, {DAPR_LABS_LAB: 'lab-z'});
		expect(bad.code).toBe(2);
		expect(bad.stdout).toMatch(/^::error title=dapr-labs::input lab must be one of lab-a, lab-b, combined(, [a-z0-9-]+)* \(got "lab-z"\)\./m);
		expect((await runAction(repo, {DAPR_LABS_LAB: 'lab-a', DAPR_LABS_MODE: 'score'})).stdout).toMatch(/input mode must be check or grade/);
		expect((await runAction(repo, {DAPR_LABS_LAB: 'lab-a', DAPR_LABS_RUN: 'yes'})).stdout).toMatch(/input run must be true or false/);
	});
});
