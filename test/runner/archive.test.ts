import {existsSync, lstatSync, readFileSync, readdirSync} from 'node:fs';
import {mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import * as tar from 'tar';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {archiveKind, archiveStem, extractArchive, safeEntryPath} from '../../src/runner/archive.js';
import {makeZip} from './zip-writer.js';

let root: string;
beforeEach(async () => {
	root = await mkdtemp(join(tmpdir(), 'dapr-labs-archive-'));
});
afterEach(async () => {
	await rm(root, {recursive: true, force: true});
});

async function zipFile(name: string, entries: Parameters<typeof makeZip>[0]): Promise<string> {
	const path = join(root, name);
	await writeFile(path, makeZip(entries));
	return path;
}

async function extractTo(archive: string, limits = {}) {
	const dest = join(root, 'out-' + Math.random().toString(36).slice(2));
	await mkdir(dest);
	return {dest, outcome: await extractArchive(archive, dest, {limits})};
}

/** Makes a tar(.gz) from a staging folder with node-tar (the same library users' tools are compatible with). */
async function tarFrom(files: Record<string, string>, name: string, gzip = true, links: Record<string, string> = {}): Promise<string> {
	const stage = join(root, 'stage-' + name);
	await mkdir(stage, {recursive: true});
	for (const [path, text] of Object.entries(files)) {
		await mkdir(join(stage, path, '..'), {recursive: true});
		await writeFile(join(stage, path), text);
	}
	for (const [path, target] of Object.entries(links)) await symlink(target, join(stage, path));
	const out = join(root, name);
	await tar.c({file: out, cwd: stage, gzip, portable: true}, readdirSync(stage));
	return out;
}

describe('archive names', () => {
	it('knows zip and tar flavours and strips them for the submission name', () => {
		expect(archiveKind('a.ZIP')).toBe('zip');
		expect(archiveKind('a.tar.gz')).toBe('tar');
		expect(archiveKind('a.tgz')).toBe('tar');
		expect(archiveKind('a.rar')).toBeNull();
		expect(archiveStem('alice.tar.gz')).toBe('alice');
	});
	it('normalises safe paths and refuses escapes', () => {
		expect(safeEntryPath('./lab/components/./c.yaml')).toBe('lab/components/c.yaml');
		expect(safeEntryPath('lab\\app.py')).toBe('lab/app.py');
		expect(() => safeEntryPath('../evil')).toThrow(/zip-slip/);
		expect(() => safeEntryPath('a/../../evil')).toThrow(/zip-slip/);
		expect(() => safeEntryPath('/etc/passwd')).toThrow(/absolute/);
		expect(() => safeEntryPath('C:\\Windows\\x')).toThrow(/absolute/);
		expect(() => safeEntryPath('a\u0000b')).toThrow(/control/);
		expect(() => safeEntryPath('a/'.repeat(20) + 'x')).toThrow(/deep/);
	});
});

describe('extractArchive: zip', () => {
	it('extracts a normal submission', async () => {
		const archive = await zipFile('ok.zip', [
			{name: 'lab/', mode: 0o040755},
			{name: 'lab/app.py', data: 'print(1)\n'},
			{name: 'lab/components/cron.yaml', data: 'kind: Component\n'},
			{name: '__MACOSX/lab/._app.py', data: 'junk'},
		]);
		const {dest, outcome} = await extractTo(archive);
		expect(outcome).toMatchObject({ok: true, files: 2});
		expect(readFileSync(join(dest, 'lab/app.py'), 'utf8')).toBe('print(1)\n');
		expect(existsSync(join(dest, '__MACOSX'))).toBe(false);
		expect(lstatSync(join(dest, 'lab/app.py')).mode & 0o111).toBe(0);
	});

	it('refuses zip-slip entries and writes nothing outside', async () => {
		const archive = await zipFile('slip.zip', [{name: 'app.py', data: 'x'}, {name: '../../escaped.txt', data: 'pwned'}]);
		const {outcome} = await extractTo(archive);
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.reason).toMatch(/\.\.|zip-slip|relative path/);
		expect(existsSync(join(root, 'escaped.txt'))).toBe(false);
		expect(existsSync(join(root, '..', 'escaped.txt'))).toBe(false);
	});

	it('refuses absolute paths', async () => {
		const {outcome} = await extractTo(await zipFile('abs.zip', [{name: '/tmp/dapr-labs-abs-escape', data: 'x'}]));
		expect(outcome.ok).toBe(false);
		expect(existsSync('/tmp/dapr-labs-abs-escape')).toBe(false);
	});

	it('refuses symbolic links', async () => {
		const {dest, outcome} = await extractTo(await zipFile('link.zip', [{name: 'app.py', data: '/etc/passwd', mode: 0o120777, store: true}]));
		expect(outcome).toMatchObject({ok: false});
		if (!outcome.ok) expect(outcome.reason).toMatch(/symbolic link/);
		expect(existsSync(join(dest, 'app.py'))).toBe(false);
	});

	it('refuses a zip bomb whose headers tell the truth (declared size over the limit)', async () => {
		const {outcome} = await extractTo(await zipFile('bomb.zip', [{name: 'zeros.txt', data: Buffer.alloc(6 * 1024 * 1024)}]));
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.reason).toMatch(/at most 5\.0 MB/);
	});

	it('refuses a zip bomb whose headers lie (counted while inflating)', async () => {
		const archive = await zipFile('liar.zip', [{name: 'zeros.txt', data: Buffer.alloc(8 * 1024 * 1024), declaredSize: 10}]);
		const {outcome} = await extractTo(archive);
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.reason).toMatch(/headers declare/);
	});

	it('refuses too many entries and too many bytes in total', async () => {
		const many = Array.from({length: 30}, (_, index) => ({name: `f${index}.txt`, data: 'x'.repeat(100)}));
		const tooMany = await extractTo(await zipFile('many.zip', many), {maxEntries: 10});
		expect(tooMany.outcome).toMatchObject({ok: false});
		const tooBig = await extractTo(await zipFile('big.zip', many), {maxTotalBytes: 1000});
		expect(tooBig.outcome.ok).toBe(false);
		if (!tooBig.outcome.ok) expect(tooBig.outcome.reason).toMatch(/unpacks to more than/);
	});

	it('turns garbage and truncated archives into a reason', async () => {
		const garbage = join(root, 'garbage.zip');
		await writeFile(garbage, Buffer.from(Array.from({length: 4096}, (_, index) => (index * 7919) % 256)));
		const bad = await extractTo(garbage);
		expect(bad.outcome.ok).toBe(false);
		if (!bad.outcome.ok) expect(bad.outcome.reason).toMatch(/^The archive could not be read/);
		const whole = makeZip([{name: 'app.py', data: 'x'.repeat(5000)}]);
		const truncated = join(root, 'truncated.zip');
		await writeFile(truncated, whole.subarray(0, whole.length - 30));
		expect((await extractTo(truncated)).outcome.ok).toBe(false);
	});
});

describe('extractArchive: tar', () => {
	it('extracts .tar.gz and plain .tar', async () => {
		for (const gzip of [true, false]) {
			const archive = await tarFrom({'lab/app.py': 'print(1)\n', 'lab/Dockerfile': 'FROM python:3.12\n'}, gzip ? 'ok.tar.gz' : 'ok.tar', gzip);
			const {dest, outcome} = await extractTo(archive);
			expect(outcome).toMatchObject({ok: true, files: 2});
			expect(readFileSync(join(dest, 'lab/Dockerfile'), 'utf8')).toBe('FROM python:3.12\n');
		}
	});

	it('refuses symbolic links (a link out of the folder)', async () => {
		const archive = await tarFrom({'lab/app.py': 'x'}, 'link.tgz', true, {'lab/secret': '/etc/passwd'});
		const {dest, outcome} = await extractTo(archive);
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.reason).toMatch(/symbolic link.*\/etc\/passwd/);
		expect(existsSync(join(dest, 'lab/secret'))).toBe(false);
	});

	it('refuses a header that declares a 1 GB file before reading it', async () => {
		// A hand-made ustar header: name, mode, uid, gid, size (octal), mtime, checksum, type '0'.
		const header = Buffer.alloc(512);
		header.write('lab/huge.bin', 0);
		header.write('0000644\0', 100);
		header.write('0000000\0', 108);
		header.write('0000000\0', 116);
		header.write((1024 ** 3).toString(8).padStart(11, '0') + '\0', 124);
		header.write('00000000000\0', 136);
		header.write('0', 156);
		header.write('ustar\0', 257);
		header.write('00', 263);
		header.fill(' ', 148, 156);
		let sum = 0;
		for (const byte of header) sum += byte;
		header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
		const archive = join(root, 'huge.tar');
		await writeFile(archive, Buffer.concat([header, Buffer.alloc(4096)]));
		const {outcome} = await extractTo(archive);
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.reason).toMatch(/1\.0 GB/);
	});

	it('refuses `..` entries written by a hostile tool', async () => {
		const archive = join(root, 'slip.tar');
		// node-tar strips `..` when creating, so write the header by hand like the 1 GB test.
		const header = Buffer.alloc(512);
		header.write('../../escaped.txt', 0);
		header.write('0000644\0', 100);
		header.write('0000000\0', 108);
		header.write('0000000\0', 116);
		header.write('00000000005\0', 124);
		header.write('00000000000\0', 136);
		header.write('0', 156);
		header.write('ustar\0', 257);
		header.write('00', 263);
		header.fill(' ', 148, 156);
		let sum = 0;
		for (const byte of header) sum += byte;
		header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
		const body = Buffer.alloc(512);
		body.write('pwned');
		await writeFile(archive, Buffer.concat([header, body, Buffer.alloc(1024)]));
		const {outcome} = await extractTo(archive);
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.reason).toMatch(/zip-slip/);
		expect(existsSync(join(root, 'escaped.txt'))).toBe(false);
	});

	it('turns a gzip bomb and garbage into reasons', async () => {
		const big = await tarFrom({'zeros.txt': '\0'.repeat(3 * 1024 * 1024)}, 'bomb.tgz');
		const {outcome} = await extractTo(big, {maxFileBytes: 1024 * 1024});
		expect(outcome.ok).toBe(false);
		const garbage = join(root, 'garbage.tgz');
		await writeFile(garbage, Buffer.from(Array.from({length: 5000}, (_, index) => (index * 131) % 251)));
		const bad = await extractTo(garbage);
		expect(bad.outcome.ok).toBe(false);
	});
});
