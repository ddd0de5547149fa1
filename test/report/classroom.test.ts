/**
 * The classroom JSON field by field against what GitHub Classroom's reporter and runner actions read and write
 * (docs/grading.md names the commits), and Classroom mode's scoring of runtime steps on a run's evidence.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {cpSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {run as grade} from '../../src/commands/grade.js';
import {gradeReport} from '../../src/core/grade.js';
import type {LabDef} from '../../src/core/labs.js';
import {classroomResult, parseRunEvidence, type RunEvidence} from '../../src/report/classroom.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {memoryIO} from '../commands/io.js';
import {realResult} from './fixtures.js';

let labs: readonly LabDef[];
let dir: string;
const ROOT = join(import.meta.dirname, '..', '..');

beforeAll(async () => {
	labs = await loadLabs();
	dir = await mkdtemp(join(tmpdir(), 'dapr-labs-classroom-'));
	cpSync(join(ROOT, 'labs', 'lab-a', 'solution'), join(dir, 'repo'), {recursive: true});
	cpSync(join(ROOT, 'labs', 'lab-a', 'solution'), join(dir, 'class', 'alice'), {recursive: true});
	cpSync(join(ROOT, 'labs', 'lab-a', 'solution'), join(dir, 'class', 'bob'), {recursive: true});
});
afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

/** The Lab A solution graded for Lab A only (realResult checks every lab). */
async function solutionReport(name = 'alice') {
	const result = await realResult('labs/lab-a/solution');
	return gradeReport([{name, result: {...result, labs: result.labs.filter((lab) => lab.id === 'lab-a')}}]);
}

const runtimeNames = ['lab-a: Build and run with Dapr', 'lab-a: Watch the triggers'];
const evidence = (status: RunEvidence['status'], extra: Partial<RunEvidence> = {}): RunEvidence => ({lab: 'lab-a', status, checks: [], findings: [], ...extra});

describe('classroom result', () => {
	it('has the fields the reporter and the command grader use, on every test', async () => {
		const result = classroomResult(await solutionReport(), {labs});
		expect(Object.keys(result)).toEqual(['version', 'status', 'max_score', 'tests']);
		expect(result.version).toBe(1);
		expect(result.max_score).toBe(result.tests.reduce((sum, test) => sum + test.max_score, 0));
		for (const test of result.tests) {
			expect(typeof test.name).toBe('string');
			expect(['pass', 'fail', 'error']).toContain(test.status);
			expect(Number.isInteger(test.score) && Number.isInteger(test.max_score)).toBe(true);
			// The reporter prints " - line N" for any line_no but 0; the command grader writes '' and 0 when there is none.
			expect(typeof test.filename).toBe('string');
			expect(Number.isInteger(test.line_no)).toBe(true);
			expect(test.score).toBe(test.status === 'pass' ? test.max_score : 0);
		}
		expect(result.tests.filter((test) => test.status === 'pass').every((test) => test.line_no === 0 && test.message === null && test.test_code === undefined)).toBe(true);
	});

	it('without a run the runtime steps are not earned and say how to earn them', async () => {
		const result = classroomResult(await solutionReport(), {labs});
		const runtime = result.tests.filter((test) => runtimeNames.includes(test.name));
		expect(runtime).toHaveLength(2);
		for (const test of runtime) {
			expect(test).toMatchObject({status: 'fail', score: 0, test_code: 'dapr-labs run lab-a --dir labs/lab-a/solution'});
			expect(test.message).toMatch(/^Not earned: .*`dapr-labs run lab-a`.*`run: true`/);
		}
		expect(result.status).toBe('fail');
	});

	it('a passed run earns them; a run whose triggers check passed earns that step only', async () => {
		const passed = classroomResult(await solutionReport(), {labs, runs: [evidence('pass')]});
		expect(passed.status).toBe('pass');
		expect(passed.tests.reduce((sum, test) => sum + test.score, 0)).toBe(100);
		const partial = classroomResult(await solutionReport(), {labs, runs: [evidence('fail', {checks: [{id: 'triggers', status: 'pass', message: 'Two triggers.'}, {id: 'app-answer', status: 'fail', message: 'The app answered 500.'}]})]});
		expect(partial.tests.filter((test) => runtimeNames.includes(test.name)).map((test) => [test.status, test.score])).toEqual([
			['fail', 0],
			['pass', 10],
		]);
		const failed = partial.tests.find((test) => test.name === runtimeNames[0])!;
		expect(failed.message).toBe('`dapr-labs run lab-a` did not verify this step.\napp-answer: The app answered 500.');
	});

	it("a failed run's findings become the message, at file:line from the repository root", async () => {
		const finding = {ruleId: 'run/delivery-failed', severity: 'error' as const, message: 'daprd POSTed /cleanup-cron and got 404.', file: 'app.py', line: 14, column: 1};
		const result = classroomResult(await solutionReport(), {labs, runs: [evidence('fail', {findings: [finding]})]});
		const test = result.tests.find((candidate) => candidate.name === runtimeNames[1])!;
		expect(test).toMatchObject({status: 'fail', score: 0, filename: 'labs/lab-a/solution/app.py', line_no: 14});
		expect(test.message).toContain('labs/lab-a/solution/app.py:14:1 run/delivery-failed: daprd POSTed /cleanup-cron and got 404.');
	});

	it('a run that could not start makes the runtime tests errors; a run of another lab counts for nothing', async () => {
		const notReady = classroomResult(await solutionReport(), {labs, runs: [evidence('not-ready', {findings: [{ruleId: 'env/docker-missing', severity: 'error', message: 'Docker is not running.', file: '', line: 0, column: 0}]})]});
		expect(notReady.status).toBe('error');
		const test = notReady.tests.find((candidate) => candidate.name === runtimeNames[0])!;
		expect(test).toMatchObject({status: 'error', score: 0, filename: '', line_no: 0});
		expect(test.message).toBe('`dapr-labs run lab-a` could not start the lab on the runner.\nenv/docker-missing: Docker is not running.');
		const other = classroomResult(await solutionReport(), {labs, runs: [{...evidence('pass'), lab: 'lab-b'}]});
		expect(other.tests.filter((candidate) => runtimeNames.includes(candidate.name)).every((candidate) => candidate.score === 0)).toBe(true);
	});

	it('several submissions: names prefixed, no run evidence applies', async () => {
		const report = gradeReport([{name: 'alice', result: await realResult('labs/lab-a/solution')}, {name: 'bob', result: await realResult('labs/lab-a/starter')}]);
		const result = classroomResult(report, {labs, runs: [evidence('pass')]});
		expect(result.tests.every((test) => test.name.startsWith('alice / ') || test.name.startsWith('bob / '))).toBe(true);
		// The shipped three labs' static points (labs added as data score on their own).
		expect(result.tests.filter((test) => /^alice \/ (lab-a|lab-b|combined):/.test(test.name)).reduce((sum, test) => sum + test.score, 0)).toBe(80);
		// Paths stay relative to each submission's lab folder.
		expect(result.tests.find((test) => test.name === 'bob / lab-a: Write the POST handler')).toMatchObject({filename: 'app.py', line_no: 13});
	});

	it('student text never starts a line of a message or a name (the reporter prints them to the workflow log)', async () => {
		const hostile = {ruleId: 'run/delivery-failed', severity: 'error' as const, message: 'Got 404.\n::error::pwned\r\n::add-mask::x', file: 'a\n::warning::b.py', line: 3, column: 1};
		const checks = [{id: 'docker-build', status: 'fail', message: 'docker build failed:\n::error title=x::y\n'}];
		const result = classroomResult(gradeReport([{name: 'eve\n::error::name', result: (await solutionReport()).submissions[0]!.result}, {name: 'x', result: null, error: 'bad\n::error::z'}]), {labs});
		const single = classroomResult(await solutionReport(), {labs, runs: [evidence('not-ready', {findings: [hostile], checks})]});
		for (const test of [...result.tests, ...single.tests]) {
			for (const line of `${test.name}\n${test.message ?? ''}\n${test.filename}`.split(/\r?\n/)) expect(line, JSON.stringify(test)).not.toMatch(/^\s*::/);
		}
		// On one line, and with every `::` defused as in every other format (core/text.ts safeName).
		expect(single.tests.find((test) => test.name === runtimeNames[0])!.message).toContain('docker-build: docker build failed: / : :error title=x: :y');
	});

	it('parseRunEvidence reads `dapr-labs run --format json` and says what is wrong with anything else', () => {
		const ids = labs.map((lab) => lab.id);
		const parsed = parseRunEvidence(JSON.stringify({tool: 'dapr-labs', lab: 'lab-a', status: 'fail', command: ['dapr'], checks: [{id: 'triggers', status: 'fail', message: 'No trigger \u001B[31min 30 s.'}], notes: [], findings: [], logFile: null, interrupted: null}), ids);
		expect(parsed).toEqual({lab: 'lab-a', status: 'fail', checks: [{id: 'triggers', status: 'fail', message: 'No trigger in 30 s.'}], findings: []});
		expect(() => parseRunEvidence('{"tool": "dapr-labs",', ids)).toThrow(/^not JSON/);
		expect(() => parseRunEvidence('{"tool": "dapr-labs", "lab": "lab-q", "status": "pass"}', ids)).toThrow(/not a `dapr-labs run --format json` result/);
		expect(() => parseRunEvidence('[]', ids)).toThrow(/not a `dapr-labs run/);
	});
});

describe('grade --format classroom --run-result', () => {
	it('takes the run evidence for one submission', async () => {
		await writeFile(join(dir, 'run.json'), JSON.stringify({tool: 'dapr-labs', lab: 'lab-a', status: 'pass', checks: [], findings: []}));
		const memory = memoryIO(dir);
		expect(await grade(['repo', '--lab', 'lab-a', '--format', 'classroom', '--run-result', 'run.json'], memory.io)).toBe(0);
		const result = JSON.parse(memory.out());
		expect([result.status, result.tests.reduce((sum: number, test: {score: number}) => sum + test.score, 0), result.max_score]).toEqual(['pass', 100, 100]);
	});

	it('usage errors name the option and the file', async () => {
		await writeFile(join(dir, 'bad.json'), '{"status": "pass"}');
		await expect(grade(['repo', '--format', 'json', '--run-result', 'run.json'], memoryIO(dir).io)).rejects.toThrow('--run-result goes with --format classroom.');
		await expect(grade(['class', '--format', 'classroom', '--run-result', 'run.json'], memoryIO(dir).io)).rejects.toThrow(/--run-result needs exactly one submission \(got 2\)/);
		await expect(grade(['repo', '--format', 'classroom', '--run-result', 'missing.json'], memoryIO(dir).io)).rejects.toThrow('--run-result missing.json: cannot read it (ENOENT).');
		await expect(grade(['repo', '--format', 'classroom', '--run-result', 'bad.json'], memoryIO(dir).io)).rejects.toThrow(/^--run-result bad\.json: not a `dapr-labs run --format json` result/);
	});
});
