/**
 * `init --lab <id> --classroom`: the starter plus .github/workflows/classroom.yml and a README, written through
 * init's writer (all or nothing, never overwriting), and a workflow that GitHub's parser and actionlint accept.
 */
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parse as parseYaml} from 'yaml';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {run} from '../../src/commands/init.js';
import {UsageError} from '../../src/commands/io.js';
import {packageRoot} from '../../src/runner/package-root.js';
import {listFiles} from '../../src/runner/workspace-writer.js';
import {memoryIO} from '../commands/io.js';
import {actionlint, workflowParserErrors} from './workflow-lint.js';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'dapr-labs-init-classroom-'));
});
afterEach(async () => rm(dir, {recursive: true, force: true}));

async function stagingFolders(): Promise<string[]> {
	return (await readdir(tmpdir())).filter((name) => name.startsWith('dapr-labs-classroom-'));
}

describe('init --classroom', () => {
	it.each(['lab-a', 'lab-b', 'combined'])('%s: the starter, the Classroom workflow and the README', async (lab) => {
		const {io, out} = memoryIO(dir);
		expect(await run(['--lab', lab, '--classroom'], io)).toBe(0);
		const starter = await listFiles(join(packageRoot(), 'labs', lab, 'starter'));
		expect(await listFiles(dir)).toEqual([...starter, '.github/workflows/classroom.yml', 'README.md'].sort());
		for (const file of starter) expect(await readFile(join(dir, file), 'utf8')).toBe(await readFile(join(packageRoot(), 'labs', lab, 'starter', file), 'utf8'));
		const workflow = await readFile(join(dir, '.github', 'workflows', 'classroom.yml'), 'utf8');
		expect(workflow).not.toMatch(/__[A-Z]+__/);
		const parsed = parseYaml(workflow) as {name: string; permissions: Record<string, string>; jobs: Record<string, {steps: {id?: string; uses?: string; with?: Record<string, string>; env?: Record<string, string>}[]}>};
		expect(parsed.name).toBe('Autograding Tests');
		expect(parsed.permissions).toEqual({checks: 'write', actions: 'read', contents: 'read'});
		const steps = parsed.jobs['run-autograding-tests']!.steps;
		expect(steps.find((step) => step.id === 'daprlabs')).toMatchObject({uses: 'dapr-labs/dapr-labs@v1', with: {lab, mode: 'grade', run: 'true'}});
		expect(steps.at(-1)).toMatchObject({uses: 'classroom-resources/autograding-grading-reporter@v1', env: {DAPRLABS_RESULTS: '${{ steps.daprlabs.outputs.result }}'}, with: {runners: 'daprlabs'}});
		expect(await workflowParserErrors('classroom.yml', workflow)).toEqual([]);
		expect(await actionlint('classroom.yml', workflow)).toEqual([]);
		const readme = await readFile(join(dir, 'README.md'), 'utf8');
		expect(readme).toContain('Template repository');
		expect(readme).toContain(`dapr-labs check --lab ${lab}`);
		expect(readme).toContain('Points N/100');
		expect(readme).not.toMatch(/__[A-Z]+__/);
		expect(out()).toContain('.github/workflows/classroom.yml');
	});

	it('--action names the action the workflow uses', async () => {
		expect(await run(['--lab', 'lab-b', '--classroom', '--action', 'my-school/dapr-labs@v1.2.0'], memoryIO(dir).io)).toBe(0);
		const workflow = await readFile(join(dir, '.github', 'workflows', 'classroom.yml'), 'utf8');
		expect(workflow).toContain('uses: my-school/dapr-labs@v1.2.0');
		expect(await readFile(join(dir, 'README.md'), 'utf8')).toContain('`my-school/dapr-labs@v1.2.0`');
	});

	it('never overwrites: an existing workflow stops it before anything is written', async () => {
		await mkdir(join(dir, '.github', 'workflows'), {recursive: true});
		await writeFile(join(dir, '.github', 'workflows', 'classroom.yml'), 'mine\n');
		const before = await stagingFolders();
		const {io, err} = memoryIO(dir);
		expect(await run(['--lab', 'lab-a', '--classroom'], io)).toBe(2);
		expect(err()).toContain('.github/workflows/classroom.yml');
		expect(await listFiles(dir)).toEqual(['.github/workflows/classroom.yml']);
		expect(await readFile(join(dir, '.github', 'workflows', 'classroom.yml'), 'utf8')).toBe('mine\n');
		// The staging folder is gone.
		expect((await stagingFolders()).filter((name) => !before.includes(name))).toEqual([]);
	});

	it('without --classroom nothing changes; bad --action values are usage errors', async () => {
		expect(await run(['--lab', 'lab-a'], memoryIO(dir).io)).toBe(0);
		expect(await listFiles(dir)).toEqual(await listFiles(join(packageRoot(), 'labs', 'lab-a', 'starter')));
		await expect(run(['--action', 'a/b@v1'], memoryIO(dir).io)).rejects.toThrow(UsageError);
		for (const bad of ['a b', 'owner/repo', 'owner/repo@', '../x/y@v1', 'o/r@v1\n  evil: 1']) {
			await expect(run(['--classroom', '--action', bad, '--dir', 'other'], memoryIO(dir).io), bad).rejects.toThrow(/--action must be an action reference/);
		}
	});
});
