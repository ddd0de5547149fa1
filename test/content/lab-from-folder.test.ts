/**
 * A lab is a folder: test/fixtures/labs/tiny-cron (lab.yaml, starter/, solution/, an id no code names) is copied
 * into a private copy of the built package, after the build, and the package's real code paths find it, validate
 * it and run on it: `check`, `grade` and `start` through bin/dapr-labs.js, and the workbook's Ink app on the labs
 * loaded from that copy. No source file changes for it; a bad lab.yaml is refused with its file and line.
 */
import {execFile} from 'node:child_process';
import {cp, mkdir, mkdtemp, readFile, rm, utimes, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {cleanup} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {parse} from 'yaml';
import {checkWorkspace} from '../../src/core/check.js';
import type {LabDef} from '../../src/core/labs.js';
import {initialState} from '../../src/core/session/reducer.js';
import {labsJsonPath, loadLabsFrom} from '../../src/runner/labs-loader.js';
import {packageRoot} from '../../src/runner/package-root.js';
import {readWorkspace} from '../../src/runner/read-workspace.js';
import {builtSnapshot} from '../e2e/ensure-built.js';
import {fakeEffects, renderApp, waitForFrame} from '../ui/helpers.js';

const exec = promisify(execFile);
const ROOT = packageRoot();
const FIXTURE = join(ROOT, 'test', 'fixtures', 'labs', 'tiny-cron');
const ID = 'tiny-cron';

let tmp = '';
let pkg = '';
let lab: LabDef;
let declared: {readonly id: string; readonly starterFails?: readonly string[]}[];

/** Runs the copy's CLI; never throws on a non-zero exit. */
async function cli(args: readonly string[]): Promise<{code: number; stdout: string; stderr: string}> {
	try {
		const {stdout, stderr} = await exec(process.execPath, [join(pkg, 'bin', 'dapr-labs.js'), ...args], {cwd: pkg, env: {...process.env, NO_COLOR: '1', CI: '1'}, maxBuffer: 16 * 1024 * 1024});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const failed = error as {code?: number; stdout?: string; stderr?: string};
		return {code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? ''};
	}
}

beforeAll(async () => {
	tmp = await mkdtemp(join(tmpdir(), 'dapr-labs-lab-folder-'));
	pkg = await builtSnapshot(ROOT, tmp);
	// The build knows nothing of this lab: it is added to the copy afterwards, as an instructor would.
	expect(Object.keys(JSON.parse(await readFile(labsJsonPath(pkg), 'utf8')) as object)).not.toContain(ID);
	await cp(FIXTURE, join(pkg, 'labs', ID), {recursive: true});
	const labs = await loadLabsFrom(pkg);
	lab = labs.find((candidate) => candidate.id === ID)!;
	declared = (parse(await readFile(join(FIXTURE, 'lab.yaml'), 'utf8')) as {steps: typeof declared}).steps;
}, 180_000);

afterAll(async () => {
	if (tmp) await rm(tmp, {recursive: true, force: true});
});

afterEach(() => cleanup());

describe('a lab added as a folder, after the build', () => {
	test('is loaded, validated and listed by its order: key', async () => {
		expect(lab).toBeDefined();
		expect(lab.order).toBe(15);
		expect(lab.runtime?.probes.map((probe) => probe.kind)).toEqual(['cron-triggers']);
		const ids = (await loadLabsFrom(pkg)).map((candidate) => candidate.id);
		expect(ids.indexOf(ID)).toBe(ids.indexOf('lab-a') + 1);
		// The default check covers every lab, in that order.
		const all = await cli(['check', '--dir', join('labs', ID, 'solution'), '--format', 'json']);
		expect(all.stderr).toBe('');
		const result = JSON.parse(all.stdout) as {labs: {id: string}[]};
		expect(result.labs.map((entry) => entry.id)).toEqual(ids);
	});

	test('check: the solution passes and the starter fails each step with exactly its starterFails', async () => {
		const pass = await cli(['check', '--lab', ID, '--dir', join('labs', ID, 'solution'), '--format', 'json']);
		expect(pass.code, pass.stderr).toBe(0);
		const passed = JSON.parse(pass.stdout) as {labs: {id: string; status: string; score: number; maxScore: number}[]};
		expect(passed.labs).toMatchObject([{id: ID, status: 'pass', score: 100, maxScore: 100}]);

		const fail = await cli(['check', '--lab', ID, '--dir', join('labs', ID, 'starter'), '--format', 'json']);
		expect(fail.code, fail.stderr).toBe(1);
		const failed = JSON.parse(fail.stdout) as {labs: {id: string; status: string; steps: {id: string; status: string}[]; findings: {ruleId: string; severity: string; file: string}[]}[]};
		const only = failed.labs[0]!;
		expect(only).toMatchObject({id: ID, status: 'fail'});
		const errors = new Set(only.findings.filter((finding) => finding.severity === 'error').map((finding) => finding.ruleId));
		const expected = declared.flatMap((step) => step.starterFails ?? []);
		expect([...errors].sort()).toEqual([...expected].sort());
		for (const step of declared.filter((entry) => entry.starterFails)) expect(only.steps.find((entry) => entry.id === step.id)?.status, step.id).toBe('fail');

		const text = await cli(['check', '--lab', ID, '--dir', join('labs', ID, 'starter')]);
		expect(text.stdout).toContain('Tiny: a heartbeat trigger');
		expect(text.stdout).toContain(`\`dapr-labs run ${ID}\``);
	});

	test('grade: a folder of submissions, scored by the new lab', async () => {
		const submissions = join(tmp, 'submissions');
		await mkdir(submissions, {recursive: true});
		await cp(join(pkg, 'labs', ID, 'solution'), join(submissions, 'alice'), {recursive: true});
		await cp(join(pkg, 'labs', ID, 'starter'), join(submissions, 'bob'), {recursive: true});
		const graded = await cli(['grade', submissions, '--lab', ID, '--format', 'json']);
		expect(graded.stderr).toBe('');
		const report = JSON.parse(graded.stdout) as {submissions: {name: string; status: string; result: {labs: {id: string; score: number}[]}}[]};
		expect(report.submissions.map((entry) => [entry.name, entry.status, entry.result.labs.map((one) => [one.id, one.score])])).toEqual([
			['alice', 'pass', [[ID, 100]]],
			['bob', 'fail', [[ID, 0]]],
		]);
	});

	test('the workbook: `start` (plain text) through the package, and the Ink app on the loaded labs', async () => {
		const plain = await cli(['start', '--lab', ID, '--dir', join('labs', ID, 'starter')]);
		expect(plain.stderr).toBe('');
		expect(plain.stdout).toMatch(new RegExp(`${ID}\\s+Tiny: a heartbeat trigger \\(0/3 steps`));
		expect(plain.stdout).toContain('Step 1/3: Write the heartbeat component');
		expect(plain.stdout).toContain('(cron/five-field)');

		const labs = await loadLabsFrom(pkg);
		const options = {version: '0.0.0', now: new Date(Date.UTC(2026, 10, 30, 12))};
		const starter = checkWorkspace(await readWorkspace(join(pkg, 'labs', ID, 'starter')), labs, {...options, workspaceLabel: 'starter'});
		const solution = checkWorkspace(await readWorkspace(join(pkg, 'labs', ID, 'solution')), labs, {...options, workspaceLabel: 'solution'});
		const effects = fakeEffects(starter);
		const app = renderApp(initialState({labs, now: 0, lab: ID}), effects.deps, {columns: 100, rows: 30});
		let frame = await waitForFrame(app, (f) => f.includes('components/heartbeat.yaml:10'), 'the starter checklist');
		expect(frame).toContain('Write the heartbeat component');
		expect(frame).toContain('(cron/five-field)');
		effects.save(solution);
		frame = await waitForFrame(app, (f) => !f.includes('components/heartbeat.yaml:10') && f.includes('Answer the heartbeat'), 'the next step after a save');
		expect(frame).not.toContain('(cron/five-field)');
	});

	test('a lab.yaml edited after the build is read from its YAML, not from the stale dist copy', async () => {
		const file = join(pkg, 'labs', 'lab-a', 'lab.yaml');
		const text = await readFile(file, 'utf8');
		await writeFile(file, text.replace(/^title: .*$/m, 'title: "Lab A, edited after the build"'));
		const later = new Date(Date.now() + 5_000);
		await utimes(file, later, later);
		const shown = await cli(['check', '--lab', 'lab-a', '--dir', join('labs', 'lab-a', 'solution'), '--format', 'json']);
		expect((JSON.parse(shown.stdout) as {labs: {title: string}[]}).labs[0]!.title).toBe('Lab A, edited after the build');
		await writeFile(file, text);
	});

	test('a bad lab.yaml is refused with file:line:column, exit 2', async () => {
		const dir = join(pkg, 'labs', 'broken-lab');
		await mkdir(dir, {recursive: true});
		const text = (await readFile(join(FIXTURE, 'lab.yaml'), 'utf8')).replace('order: 15', 'order: soon').replace('    points: 40\n', '    pointz: 40\n');
		await writeFile(join(dir, 'lab.yaml'), text);
		const result = await cli(['check', '--dir', join('labs', ID, 'solution')]);
		expect(result.code).toBe(2);
		const lines = text.split('\n');
		const orderLine = lines.findIndex((line) => line.startsWith('order:')) + 1;
		const pointzLine = lines.findIndex((line) => line.includes('pointz:')) + 1;
		expect(result.stderr).toContain(`${join(dir, 'lab.yaml')}:${orderLine}:8: order must be a number`);
		expect(result.stderr).toContain(`${join(dir, 'lab.yaml')}:${pointzLine}:13: steps[0].pointz is not a key of this mapping`);
		expect(result.stderr).toMatch(/steps\[0\]\.points must be a non-negative integer/);
		expect(result.stderr).not.toContain('internal error');
		await rm(dir, {recursive: true, force: true});
	});
});
