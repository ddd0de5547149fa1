import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {run} from '../../src/commands/init.js';
import {UsageError} from '../../src/commands/io.js';
import {packageRoot} from '../../src/runner/package-root.js';
import {listFiles} from '../../src/runner/workspace-writer.js';
import {memoryIO} from './io.js';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'dapr-labs-init-'));
});
afterEach(async () => rm(dir, {recursive: true, force: true}));

describe('dapr-labs init', () => {
	it('writes the lab-a starter by default, byte for byte', async () => {
		const {io, out} = memoryIO(dir);
		expect(await run([], io)).toBe(0);
		const starter = join(packageRoot(), 'labs', 'lab-a', 'starter');
		const files = await listFiles(starter);
		expect(await listFiles(dir)).toEqual(files);
		for (const file of files) expect(await readFile(join(dir, file), 'utf8')).toBe(await readFile(join(starter, file), 'utf8'));
		expect(out()).toContain('components/cron-binding.yaml');
	});

	it('does not say "cd into the folder" when it wrote into the current folder', async () => {
		const {io, out} = memoryIO(dir);
		expect(await run([], io)).toBe(0);
		expect(out()).toContain('Next: run `dapr-labs start` here.');
		expect(out()).not.toContain('cd ');
	});

	it('writes another lab into --dir, creating it, and says to cd there', async () => {
		const {io, out} = memoryIO(dir);
		expect(await run(['--lab', 'lab-b', '--dir', 'sub/lab'], io)).toBe(0);
		expect(out()).toContain('Next: `cd sub/lab` and run `dapr-labs start`.');
		expect(await listFiles(join(dir, 'sub/lab'))).toEqual(await listFiles(join(packageRoot(), 'labs', 'lab-b', 'starter')));
	});

	it('never overwrites: exits 2 naming the files and writes nothing', async () => {
		await writeFile(join(dir, 'app.py'), 'mine\n');
		const {io, err} = memoryIO(dir);
		expect(await run(['--lab', 'lab-a'], io)).toBe(2);
		expect(err()).toContain('app.py');
		expect(await readFile(join(dir, 'app.py'), 'utf8')).toBe('mine\n');
		expect(await listFiles(dir)).toEqual(['app.py']);
	});

	it('a folder with other files is fine', async () => {
		await writeFile(join(dir, 'notes.md'), 'mine\n');
		expect(await run([], memoryIO(dir).io)).toBe(0);
	});

	it('rejects an unknown lab', async () => {
		await expect(run(['--lab', 'lab-z'], memoryIO(dir).io)).rejects.toBeInstanceOf(UsageError);
	});
});
