import {execFile} from 'node:child_process';
import {cpSync, existsSync, readFileSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {parse as parseCsv} from 'csv-parse/sync';
import {XMLParser} from 'fast-xml-parser';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {run} from '../../src/commands/grade.js';
import {UsageError} from '../../src/commands/io.js';
import {requireOrSkip} from '../helpers/e2e.js';
import {makeZip} from '../runner/zip-writer.js';
import {memoryIO} from './io.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'dapr-labs.js');
let dir: string;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'dapr-labs-grade-cmd-'));
	cpSync(join(ROOT, 'labs', 'lab-a', 'solution'), join(dir, 'class', 'alice'), {recursive: true});
	cpSync(join(ROOT, 'labs', 'lab-a', 'starter'), join(dir, 'class', 'bob'), {recursive: true});
	await writeFile(join(dir, 'class', 'zoe.zip'), makeZip([{name: '../evil.py', data: 'x'}]));
	cpSync(join(ROOT, 'labs', 'lab-a', 'solution'), join(dir, 'good', 'alice'), {recursive: true});
	cpSync(join(ROOT, 'labs', 'lab-a', 'solution'), join(dir, 'good', 'carol'), {recursive: true});
});
afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('grade (in-process)', () => {
	it('json: one entry per submission with the check JSON; exit 1 when any fails', async () => {
		const memory = memoryIO(dir);
		expect(await run(['class', '--lab', 'lab-a', '--format', 'json'], memory.io)).toBe(1);
		const parsed = JSON.parse(memory.out());
		expect(parsed.submissions.map((entry: {name: string; status: string}) => [entry.name, entry.status])).toEqual([
			['alice', 'pass'],
			['bob', 'fail'],
			['zoe', 'error'],
		]);
		expect(parsed.submissions[0].result.labs.map((lab: {id: string}) => lab.id)).toEqual(['lab-a']);
		expect(parsed.submissions[0].result.workspace).toBe('class/alice');
		expect(parsed.summary).toMatchObject({submissions: 3, passed: 1, failed: 1, errored: 1});
	});

	it('exit 0 when every submission passes; --out writes the report to a file', async () => {
		const memory = memoryIO(dir);
		expect(await run(['good', '--lab', 'lab-a', '--format', 'csv', '--out', 'grades.csv'], memory.io)).toBe(0);
		expect(memory.out()).toBe('');
		const rows = parseCsv(readFileSync(join(dir, 'grades.csv'), 'utf8')) as string[][];
		expect(rows.slice(1).map((row) => row[1])).toEqual(['pass', 'pass']);
	});

	it('usage errors', async () => {
		await expect(run([], memoryIO(dir).io)).rejects.toThrow(UsageError);
		await expect(run(['class', '--format', 'xml'], memoryIO(dir).io)).rejects.toThrow(/--format must be one of/);
		await expect(run(['class', '--jobs', '0'], memoryIO(dir).io)).rejects.toThrow(/--jobs/);
		await expect(run(['missing-folder'], memoryIO(dir).io)).rejects.toThrow(/does not exist/);
	});
});

describe('grade (the built bin, worker threads)', () => {
	const built = existsSync(join(ROOT, 'dist', 'cli.js')) && existsSync(join(ROOT, 'dist', 'grade-worker.js'));
	it('grades a class in every format; exit codes 1 and 2', async (context) => {
		if (!requireOrSkip(built, 'the built bundle (dist/cli.js and dist/grade-worker.js; run `npm run build`)')) return context.skip();
		const exec = promisify(execFile);
		const grade = async (...args: string[]) => {
			try {
				const {stdout, stderr} = await exec(process.execPath, [BIN, 'grade', ...args], {cwd: dir, env: {...process.env, NO_COLOR: '1'}});
				return {code: 0, stdout, stderr};
			} catch (error) {
				const failed = error as {code: number; stdout: string; stderr: string};
				return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr};
			}
		};
		const json = await grade('class', '--lab', 'lab-a', '--format', 'json', '--jobs', '2');
		expect(json.code).toBe(1);
		expect(JSON.parse(json.stdout).submissions.map((entry: {status: string}) => entry.status)).toEqual(['pass', 'fail', 'error']);
		const junit = await grade('class', '--lab', 'lab-a', '--format', 'junit');
		const xml = new XMLParser({ignoreAttributes: false, isArray: (name) => name === 'testsuite'}).parse(junit.stdout);
		expect(xml.testsuites.testsuite.map((suite: {'@_name': string}) => suite['@_name'])).toEqual(['alice', 'bob', 'zoe']);
		const classroom = await grade('good', '--lab', 'lab-a', '--format', 'classroom');
		expect(classroom.code).toBe(0);
		// Classroom mode: the runtime steps are not earned without a run's evidence (test/report/classroom*.test.ts).
		expect(JSON.parse(classroom.stdout)).toMatchObject({version: 1, status: 'fail', max_score: 200});
		const table = await grade('class', '--lab', 'lab-a');
		expect(table.stdout).toMatch(/^SUBMISSION/);
		expect(table.stderr).toBe('');
		const markdown = await grade('class', '--lab', 'lab-a', '--format', 'markdown');
		expect(markdown.stdout).toContain('# dapr-labs class report');
		expect((await grade('class', '--lab', 'lab-z')).code).toBe(2);
		expect((await grade()).code).toBe(2);
	});
});
