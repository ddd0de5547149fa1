import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {run} from '../../src/commands/catch-up.js';
import {run as init} from '../../src/commands/init.js';
import {UsageError} from '../../src/commands/io.js';
import {checkFolder} from '../../src/runner/check-folder.js';
import {packageRoot} from '../../src/runner/package-root.js';
import {memoryIO} from './io.js';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'dapr-labs-catchup-'));
});
afterEach(async () => rm(dir, {recursive: true, force: true}));

const solution = (lab: string, file: string) => readFile(join(packageRoot(), 'labs', lab, 'solution', file), 'utf8');

describe('dapr-labs catch-up', () => {
	it('backs up the student\'s files, then writes the reference files of the earlier steps', async () => {
		expect(await init(['--lab', 'lab-a'], memoryIO(dir).io)).toBe(0);
		await writeFile(join(dir, 'app.py'), '# my own attempt\n');
		const {io, out} = memoryIO(dir);
		expect(await run(['--lab', 'lab-a', '--step', '3'], io)).toBe(0);
		const backup = /Backed up 2 file\(s\) to (\.dapr-labs\/backup\/[^/]+)\//.exec(out())![1]!;
		expect(await readFile(join(dir, backup, 'app.py'), 'utf8')).toBe('# my own attempt\n');
		expect(await readFile(join(dir, backup, 'components/cron-binding.yaml'), 'utf8')).toContain('*/30 * * * *');
		expect(await readFile(join(dir, 'app.py'), 'utf8')).toBe(await solution('lab-a', 'app.py'));
		expect(await readFile(join(dir, 'components/cron-binding.yaml'), 'utf8')).toBe(await solution('lab-a', 'components/cron-binding.yaml'));
		expect(out()).toContain('You are at step 3: Write the Dockerfile');
		// The folder now passes steps 1 and 2 and fails step 3, which is where the student should be.
		const {result} = await checkFolder(dir, {labs: ['lab-a']});
		expect(result.labs[0]!.steps.slice(0, 3).map((s) => s.status)).toEqual(['pass', 'pass', 'fail']);
	});

	it('into an empty folder writes the missing starter files too, and backs up nothing', async () => {
		const {io, out} = memoryIO(dir);
		expect(await run(['--lab', 'lab-b', '--step', '2'], io)).toBe(0);
		expect(out()).toContain('Nothing to back up');
		expect(await readFile(join(dir, 'components/http-binding.yaml'), 'utf8')).toBe(await solution('lab-b', 'components/http-binding.yaml'));
		expect(await readFile(join(dir, 'app.py'), 'utf8')).toContain('async with DaprClient()');
	});

	it('validates --lab and --step', async () => {
		await expect(run(['--step', '2'], memoryIO(dir).io)).rejects.toBeInstanceOf(UsageError);
		await expect(run(['--lab', 'lab-a'], memoryIO(dir).io)).rejects.toBeInstanceOf(UsageError);
		await expect(run(['--lab', 'lab-a', '--step', '0'], memoryIO(dir).io)).rejects.toThrow(/from 1 to 5/);
		await expect(run(['--lab', 'lab-a', '--step', 'two'], memoryIO(dir).io)).rejects.toBeInstanceOf(UsageError);
	});
});
