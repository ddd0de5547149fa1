import {mkdir, mkdtemp, rm, symlink, truncate, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {SourceFile, Workspace} from '../../src/core/types.js';
import {parseComponentFile} from '../../src/core/yaml/component.js';
import {
	WorkspaceError,
	decode,
	firstInvalidUtf8,
	readTextFileSafe as readTextFileSafeAsync,
	readTextFileSafeSync,
	readWorkspace as readWorkspaceAsync,
	readWorkspaceSync,
	type ReadOptions,
} from '../../src/runner/read-workspace.js';

const REQUIRE_E2E = process.env.DAPR_LABS_REQUIRE_E2E === '1';
const SECRET = `TOP-SECRET-${process.pid}-never-read`;

let parent: string;
let lab: string;

beforeEach(async () => {
	parent = await mkdtemp(join(tmpdir(), 'dapr-labs-read-'));
	lab = join(parent, 'lab');
	await mkdir(join(lab, 'components'), {recursive: true});
	// Lives next to the lab folder, outside it: its content must never show up in a workspace.
	await writeFile(join(parent, 'secret.yaml'), `kind: Component\nmetadata:\n  name: ${SECRET}\n`);
	await mkdir(join(parent, 'elsewhere'));
	await writeFile(join(parent, 'elsewhere', 'stolen.yaml'), `# ${SECRET}\n`);
});

afterEach(async () => {
	await rm(parent, {recursive: true, force: true});
});

function file(workspace: Workspace, path: string): SourceFile {
	const found = workspace.files.get(path);
	expect(found, `${path} in ${[...workspace.files.keys()].join(', ')}`).toBeDefined();
	return found!;
}

function text(workspace: Workspace, path: string): string {
	const found = file(workspace, path);
	if (found.kind !== 'text') throw new Error(`${path} is unreadable: ${found.reason} ${found.detail}`);
	return found.text;
}

function serialise(workspace: Workspace): string {
	return JSON.stringify([...workspace.files.values()]);
}

// Every case runs against both drivers: the promise-based reader (workbook, watch) and the blocking one (grade
// workers). They share their rules, and this table holds them to the same verdicts, byte for byte.
const READERS = [
	{name: 'readWorkspace', readWorkspace: readWorkspaceAsync, readTextFileSafe: readTextFileSafeAsync},
	{
		name: 'readWorkspaceSync',
		// async wrappers, so that a throw becomes the same rejection the cases expect from the async reader.
		readWorkspace: async (dir: string, options?: ReadOptions) => readWorkspaceSync(dir, options),
		readTextFileSafe: async (dir: string, relPath: string, options?: ReadOptions) => readTextFileSafeSync(dir, relPath, options),
	},
];

describe.each(READERS)('$name', ({readWorkspace, readTextFileSafe}) => {
	describe('readWorkspace: what it reads', () => {
		it('reads components/*.yaml|*.yml, app.py, Dockerfile and requirements*.txt, keyed by POSIX path', async () => {
			await writeFile(join(lab, 'components', 'cron.yaml'), 'kind: Component\n');
			await writeFile(join(lab, 'components', 'http.yml'), 'kind: Component\n');
			await writeFile(join(lab, 'components', 'notes.md'), 'not a component\n');
			await writeFile(join(lab, 'components', 'cron.yaml~'), 'backup\n');
			await writeFile(join(lab, 'components', 'cron.yaml.swp'), 'swap\n');
			await symlink('root@host.1234', join(lab, 'components', '.#cron.yaml')); // an Emacs lock file, dangling
			await mkdir(join(lab, 'components', 'nested'));
			await writeFile(join(lab, 'components', 'nested', 'deep.yaml'), 'kind: Component\n');
			await writeFile(join(lab, 'app.py'), 'print("hi")\n');
			await writeFile(join(lab, 'Dockerfile'), 'FROM python:3.12-slim\n');
			await writeFile(join(lab, 'requirements.txt'), 'fastapi\n');
			await writeFile(join(lab, 'requirements-dev.txt'), 'pytest\n');
			await writeFile(join(lab, 'notes.txt'), 'ignored\n');
			await mkdir(join(lab, 'sub'));
			await writeFile(join(lab, 'sub', 'requirements.txt'), 'ignored\n');

			const workspace = await readWorkspace(lab);
			expect([...workspace.files.keys()]).toEqual([
				'components/cron.yaml',
				'components/http.yml',
				'Dockerfile',
				'app.py',
				'requirements-dev.txt',
				'requirements.txt',
			]);
			expect(file(workspace, 'app.py')).toEqual({path: 'app.py', kind: 'text', text: 'print("hi")\n', size: 12});
			expect(text(workspace, 'components/cron.yaml')).toBe('kind: Component\n');
		});

		it('reads an empty folder (and one without components/) as no files', async () => {
			await rm(join(lab, 'components'), {recursive: true});
			expect((await readWorkspace(lab)).files.size).toBe(0);
		});

		it('strips a BOM and normalises CRLF and lone CR, so YAML positions match the editor', async () => {
			await writeFile(join(lab, 'components', 'crlf.yaml'), '\uFEFFapiVersion: dapr.io/v1alpha1\r\nkind: Component\r\nmetadata:\r\n  name: a\rspec:\r\n  type: bindings.cron\r\n');
			await writeFile(join(lab, 'app.py'), Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('x = 1\r\n')]));
			const workspace = await readWorkspace(lab);
			const yaml = text(workspace, 'components/crlf.yaml');
			expect(yaml).toBe('apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\nspec:\n  type: bindings.cron\n');
			expect(text(workspace, 'app.py')).toBe('x = 1\n');
			expect(file(workspace, 'app.py')).toMatchObject({size: 10});

			const [doc] = parseComponentFile('components/crlf.yaml', yaml).docs;
			expect(doc?.kind).toEqual({value: 'Component', span: {line: 2, column: 7, endLine: 2, endColumn: 15}});
			expect(doc?.name?.span).toMatchObject({line: 4, column: 9});
			expect(doc?.type).toEqual({value: 'bindings.cron', span: {line: 6, column: 9, endLine: 6, endColumn: 21}});
		});
	});

	describe('readWorkspace: files it will not use as text', () => {
		it('reports a binary file', async () => {
			await writeFile(join(lab, 'app.py'), Buffer.from([0x70, 0x72, 0x00, 0x01, 0x02]));
			expect(file(await readWorkspace(lab), 'app.py')).toEqual({
				path: 'app.py',
				kind: 'unreadable',
				reason: 'binary',
				detail: 'The file is binary, not text.',
				size: 5,
			});
		});

		it.each([
			['Latin-1 é on line 2', Buffer.from('a: 1\nb: caf\xe9\n', 'latin1'), 2, 7, 0xe9],
			['after CRLF lines', Buffer.concat([Buffer.from('x\r\ny\r\n'), Buffer.from([0xff])]), 3, 1, 0xff],
			['after a BOM and multi-byte text', Buffer.concat([Buffer.from('\uFEFFé€'), Buffer.from([0xc3, 0x28])]), 1, 3, 0xc3],
			['a truncated sequence at the end', Buffer.concat([Buffer.from('ok\n'), Buffer.from([0xe2, 0x82])]), 2, 1, 0xe2],
			['an encoded surrogate', Buffer.concat([Buffer.from('ab'), Buffer.from([0xed, 0xa0, 0x80])]), 1, 3, 0xed],
		])('reports not-utf8 with the position of the first bad byte: %s', async (_label, bytes, line, column, byte) => {
			await writeFile(join(lab, 'Dockerfile'), bytes);
			const found = file(await readWorkspace(lab), 'Dockerfile');
			expect(found).toMatchObject({kind: 'unreadable', reason: 'not-utf8', line, column, size: bytes.length});
			expect(found.kind === 'unreadable' && found.detail).toContain(`0x${byte.toString(16)} at line ${line}, column ${column}`);
		});

		it('names UTF-16 (what PowerShell writes) instead of calling it binary', async () => {
			await writeFile(join(lab, 'requirements.txt'), Buffer.from('\uFEFFfastapi\r\n', 'utf16le'));
			expect(file(await readWorkspace(lab), 'requirements.txt')).toMatchObject({reason: 'not-utf8', line: 1, column: 1, detail: expect.stringMatching(/UTF-16/)});
		});

		it('reports a 50 MB (sparse) file as too-large without reading it', async () => {
			const big = join(lab, 'components', 'big.yaml');
			await writeFile(big, '');
			await truncate(big, 50 * 1024 * 1024);
			expect(file(await readWorkspace(lab), 'components/big.yaml')).toEqual({
				path: 'components/big.yaml',
				kind: 'unreadable',
				reason: 'too-large',
				detail: 'The file is 50 MB; dapr-labs reads at most 1 MB.',
				size: 50 * 1024 * 1024,
			});
		});

		it('honours maxFileBytes, at the exact boundary', async () => {
			await writeFile(join(lab, 'app.py'), '0123456789');
			await writeFile(join(lab, 'Dockerfile'), '01234567890');
			const workspace = await readWorkspace(lab, {maxFileBytes: 10});
			expect(file(workspace, 'app.py').kind).toBe('text');
			expect(file(workspace, 'Dockerfile')).toMatchObject({reason: 'too-large', size: 11, detail: 'The file is 11 bytes; dapr-labs reads at most 10 bytes.'});
		});

		it('never follows a symlink out of the folder, and never reads its target', async () => {
			await symlink(join(parent, 'secret.yaml'), join(lab, 'components', 'steal.yaml'));
			await symlink('../../secret.yaml', join(lab, 'components', 'relative.yaml'));
			await symlink(join(parent, 'secret.yaml'), join(lab, 'app.py'));
			const workspace = await readWorkspace(lab);
			for (const path of ['components/steal.yaml', 'components/relative.yaml', 'app.py']) {
				const found = file(workspace, path);
				expect(found).toMatchObject({kind: 'unreadable', reason: 'symlink-outside'});
				expect(found.kind === 'unreadable' && found.detail).toBe(`The symbolic link ${path} points outside the lab folder, which dapr-labs does not follow; copy the file into the folder instead.`);
			}
			expect(serialise(workspace)).not.toContain(SECRET);
			expect(serialise(workspace)).not.toContain('secret.yaml');
		});

		it('reads a symlink that stays inside the folder', async () => {
			await mkdir(join(lab, 'src'));
			await writeFile(join(lab, 'src', 'main.py'), 'print(1)\n');
			await symlink('src/main.py', join(lab, 'app.py'));
			await writeFile(join(lab, 'components', 'real.yaml'), 'kind: Component\n');
			await symlink('real.yaml', join(lab, 'components', 'alias.yaml'));
			const workspace = await readWorkspace(lab);
			expect(text(workspace, 'app.py')).toBe('print(1)\n');
			expect(text(workspace, 'components/alias.yaml')).toBe('kind: Component\n');
		});

		it('follows a components/ symlink that stays inside, and refuses one that leaves', async () => {
			await rm(join(lab, 'components'), {recursive: true});
			await mkdir(join(lab, 'dapr'));
			await writeFile(join(lab, 'dapr', 'cron.yaml'), 'kind: Component\n');
			await symlink('dapr', join(lab, 'components'));
			expect(text(await readWorkspace(lab), 'components/cron.yaml')).toBe('kind: Component\n');

			await rm(join(lab, 'components'));
			await symlink(join(parent, 'elsewhere'), join(lab, 'components'));
			const workspace = await readWorkspace(lab);
			expect([...workspace.files.keys()]).toEqual(['components']);
			expect(file(workspace, 'components')).toMatchObject({reason: 'symlink-outside'});
			expect(serialise(workspace)).not.toContain(SECRET);
			expect(serialise(workspace)).not.toContain('stolen');
		});

		it('reports a symlink loop and a dangling symlink', async () => {
			await symlink('loop.yaml', join(lab, 'components', 'loop.yaml'));
			await symlink('b.yaml', join(lab, 'components', 'a.yaml'));
			await symlink('a.yaml', join(lab, 'components', 'b.yaml'));
			await symlink('missing.py', join(lab, 'app.py'));
			const workspace = await readWorkspace(lab);
			for (const path of ['components/loop.yaml', 'components/a.yaml', 'components/b.yaml']) {
				expect(file(workspace, path)).toMatchObject({kind: 'unreadable', reason: 'symlink-loop', detail: `The symbolic link ${path} loops back on itself.`});
			}
			expect(file(workspace, 'app.py')).toMatchObject({reason: 'io-error', detail: 'The symbolic link app.py points to a file that does not exist.'});
		});

		it('reports a folder named app.py as not-a-file', async () => {
			await mkdir(join(lab, 'app.py'));
			await mkdir(join(lab, 'components', 'dir.yaml'));
			const workspace = await readWorkspace(lab);
			expect(file(workspace, 'app.py')).toEqual({path: 'app.py', kind: 'unreadable', reason: 'not-a-file', detail: 'The path app.py is a folder, not a regular file.'});
			expect(file(workspace, 'components/dir.yaml')).toMatchObject({reason: 'not-a-file'});
		});

		it('reports a FIFO as not-a-file without opening it (opening would block)', {timeout: 15_000}, async (context) => {
			const fifo = join(lab, 'Dockerfile');
			const made = await execa('mkfifo', [fifo], {reject: false});
			if (made.failed) {
				const reason = `mkfifo is not available (${made.shortMessage})`;
				if (REQUIRE_E2E) throw new Error(`${reason}, and DAPR_LABS_REQUIRE_E2E=1`);
				console.warn(`skipping FIFO test: ${reason}`);
				context.skip();
				return;
			}
			await symlink('../Dockerfile', join(lab, 'components', 'pipe.yaml'));
			const workspace = await readWorkspace(lab);
			expect(file(workspace, 'Dockerfile')).toEqual({
				path: 'Dockerfile',
				kind: 'unreadable',
				reason: 'not-a-file',
				detail: 'The path Dockerfile is a named pipe (FIFO), not a regular file.',
			});
			expect(file(workspace, 'components/pipe.yaml')).toMatchObject({reason: 'not-a-file'});
		});

		it('strips control characters from names in details', async () => {
			await mkdir(join(lab, 'components', '\u001b[31mred.yaml'));
			const found = file(await readWorkspace(lab), 'components/\u001b[31mred.yaml');
			expect(found.kind === 'unreadable' && found.detail).toBe('The path components/red.yaml is a folder, not a regular file.');
		});
	});

	describe('readWorkspace: the folder itself', () => {
		it('throws WorkspaceError for a missing folder', async () => {
			const missing = join(parent, 'nope');
			await expect(readWorkspace(missing)).rejects.toThrow(WorkspaceError);
			await expect(readWorkspace(missing)).rejects.toThrow(`The folder ${missing} does not exist.`);
		});

		it('throws WorkspaceError for a file', async () => {
			await writeFile(join(parent, 'plain'), 'x');
			await expect(readWorkspace(join(parent, 'plain'))).rejects.toThrow(/is not a folder\.$/);
		});

		it('accepts a lab folder that is itself a symlink', async () => {
			await writeFile(join(lab, 'app.py'), 'x = 1\n');
			await symlink(lab, join(parent, 'link'));
			expect(text(await readWorkspace(join(parent, 'link')), 'app.py')).toBe('x = 1\n');
		});

		it('stops when the signal is aborted', async () => {
			const controller = new AbortController();
			controller.abort(new Error('stop'));
			await expect(readWorkspace(lab, {signal: controller.signal})).rejects.toThrow('stop');
		});
	});

	describe('readTextFileSafe', () => {
		it('reads a file inside, returns null for an absent one, and refuses paths that leave', async () => {
			await mkdir(join(lab, 'deps'));
			await writeFile(join(lab, 'deps', 'prod.txt'), 'dapr\r\n');
			expect(await readTextFileSafe(lab, 'deps/prod.txt')).toEqual({path: 'deps/prod.txt', kind: 'text', text: 'dapr\n', size: 6});
			expect(await readTextFileSafe(lab, './deps/prod.txt')).toMatchObject({path: 'deps/prod.txt', kind: 'text'});
			expect(await readTextFileSafe(lab, 'deps/none.txt')).toBeNull();
			for (const outside of ['../secret.yaml', 'deps/../../secret.yaml', join(parent, 'secret.yaml')]) {
				const found = await readTextFileSafe(lab, outside);
				expect(found).toMatchObject({kind: 'unreadable', reason: 'io-error', detail: expect.stringMatching(/outside the lab folder/)});
				expect(JSON.stringify(found)).not.toContain(SECRET);
			}
		});

		it('refuses a path through a symlinked folder that leaves', async () => {
			await symlink(join(parent, 'elsewhere'), join(lab, 'deps'));
			const found = await readTextFileSafe(lab, 'deps/stolen.yaml');
			expect(found).toMatchObject({kind: 'unreadable', reason: 'symlink-outside'});
			expect(JSON.stringify(found)).not.toContain(SECRET);
		});
	});
});

describe('decode', () => {
	it('agrees with TextDecoder on where UTF-8 breaks', () => {
		const samples = [
			[0x61, 0xc0, 0x80],
			[0xe0, 0x80, 0x80],
			[0xf4, 0x90, 0x80, 0x80],
			[0xf8],
			[0xe2, 0x82, 0xac, 0x80],
			[0x61, 0x62],
		];
		for (const bytes of samples) {
			const array = Uint8Array.from(bytes);
			const offset = firstInvalidUtf8(array);
			let valid = true;
			try {
				new TextDecoder('utf-8', {fatal: true}).decode(array);
			} catch {
				valid = false;
			}
			expect(offset === array.length, `bytes ${bytes.join(',')}`).toBe(valid);
			if (!valid) new TextDecoder('utf-8', {fatal: true}).decode(array.subarray(0, offset)); // the prefix is valid
		}
		expect(decode('x', Uint8Array.from([0x61, 0x0d]))).toEqual({path: 'x', kind: 'text', text: 'a\n', size: 2});
	});
});
