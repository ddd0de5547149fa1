/**
 * The attack findings of issue 11, each reproduced through the REAL bin (`node bin/dapr-labs.js ...`) as the
 * attack was described: links and special files where lab files belong, read-only folders (as the unprivileged
 * user `nobody`, since root writes anywhere), two graders at once, CI workflow commands in folder names, FIFOs and
 * devices in `.dapr-labs/`. Each asserts nothing was lost or written outside, nothing hung, and the message names
 * the path.
 */
import {execFile, spawn, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {existsSync} from 'node:fs';
import {chmod, chown, cp, lstat, mkdir, mkdtemp, readFile, readlink, readdir, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {packageRoot} from '../../src/runner/package-root.js';
import {cronComponent, e2ePython, fakeEnv, LAB_A_APP, makeLab, ports, removeLab, REQUIRE_E2E} from '../runner/e2e-helpers.js';

const ROOT = packageRoot();
const BIN = join(ROOT, 'bin', 'dapr-labs.js');
let scratch = '';

beforeAll(async () => {
	if (!existsSync(join(ROOT, 'dist', 'cli.js'))) spawnSync('npm', ['run', 'build'], {cwd: ROOT});
	scratch = await mkdtemp(join(tmpdir(), 'dapr-labs-attacks-'));
	// `nobody` must reach its folders inside.
	await chmod(scratch, 0o755);
}, 120_000);

afterAll(async () => {
	// GNU rm removes trees deeper than PATH_MAX (the 3,000 nested folders); fs.rm does not.
	if (scratch) spawnSync('rm', ['-rf', scratch]);
});

type Run = {code: number | null; signal: string | null; stdout: string; stderr: string};

/** Runs the bin; `nobody` drops to the unprivileged user with setpriv (util-linux). */
export function bin(args: readonly string[], options: {cwd?: string; nobody?: boolean; timeoutMs?: number; env?: Record<string, string>} = {}): Promise<Run> {
	const argv = options.nobody ? ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, ...args] : [BIN, ...args];
	const file = options.nobody ? 'setpriv' : process.execPath;
	return new Promise((resolve) => {
		execFile(
			file,
			argv,
			{cwd: options.cwd ?? ROOT, timeout: options.timeoutMs ?? 60_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, env: {...process.env, NO_COLOR: '1', HOME: '/tmp', ...options.env}},
			(error, stdout, stderr) => {
				const failure = error as (Error & {code?: number | string; signal?: string}) | null;
				resolve({code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0, signal: failure?.signal ?? null, stdout: String(stdout), stderr: String(stderr)});
			},
		);
	});
}

async function folder(name: string): Promise<string> {
	const dir = join(scratch, name);
	await mkdir(dir, {recursive: true});
	return dir;
}

/** Every file under a folder, with its content, for "nothing changed" checks. */
async function snapshot(dir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	const walk = async (rel: string) => {
		for (const entry of await readdir(join(dir, rel), {withFileTypes: true})) {
			const path = rel ? `${rel}/${entry.name}` : entry.name;
			if (entry.isSymbolicLink()) out[path] = `-> ${await readlink(join(dir, path))}`;
			else if (entry.isDirectory()) await walk(path);
			else if (entry.isFile()) out[path] = await readFile(join(dir, path), 'utf8');
		}
	};
	await walk('');
	return out;
}

describe('1, 2, 13: catch-up and init never write through a link, never lose a file', () => {
	test('1: catch-up with components/cron-binding.yaml -> ../my-cron.yaml keeps the student file and says why', async () => {
		const dir = await folder('catchup-link-inside');
		await cp(join(ROOT, 'labs', 'lab-a', 'starter'), dir, {recursive: true});
		await rm(join(dir, 'components', 'cron-binding.yaml'));
		await writeFile(join(dir, 'my-cron.yaml'), 'my own work\n');
		await symlink('../my-cron.yaml', join(dir, 'components', 'cron-binding.yaml'));
		const result = await bin(['catch-up', '--lab', 'lab-a', '--step', '3', '--dir', dir]);
		expect(await readFile(join(dir, 'my-cron.yaml'), 'utf8')).toBe('my own work\n');
		expect((await lstat(join(dir, 'components', 'cron-binding.yaml'))).isSymbolicLink()).toBe(true);
		expect(result.stdout).toMatch(/components\/cron-binding\.yaml is a symbolic link/);
		expect(result.code).toBe(1);
		// app.py (a regular file) was backed up and then replaced.
		const backups = await readdir(join(dir, '.dapr-labs', 'backup'));
		expect(await readFile(join(dir, '.dapr-labs', 'backup', backups[0]!, 'app.py'), 'utf8')).toBe(await readFile(join(ROOT, 'labs', 'lab-a', 'starter', 'app.py'), 'utf8'));
	});

	test('2: catch-up never writes or backs up through links that leave the folder', async () => {
		const outside = await folder('outside-catchup');
		await mkdir(join(outside, 'comps'));
		await writeFile(join(outside, 'app.py'), 'outside app\n');
		await writeFile(join(outside, 'comps', 'secret.yaml'), 'outside secret\n');
		const before = await snapshot(outside);
		const dir = await folder('catchup-links-out');
		await symlink(join(outside, 'app.py'), join(dir, 'app.py'));
		await symlink(join(outside, 'missing', 'Dockerfile'), join(dir, 'Dockerfile'));
		await symlink(join(outside, 'comps'), join(dir, 'components'));
		const result = await bin(['catch-up', '--lab', 'lab-a', '--step', '4', '--dir', dir]);
		expect(result.code, result.stderr).toBe(1);
		expect(await snapshot(outside)).toEqual(before);
		expect(existsSync(join(outside, 'missing'))).toBe(false);
		expect(existsSync(join(outside, 'comps', 'cron-binding.yaml'))).toBe(false);
		// Nothing from outside was copied in.
		expect(existsSync(join(dir, '.dapr-labs', 'backup'))).toBe(false);
		expect(result.stdout).toMatch(/app\.py is a symbolic link/);
		expect(result.stdout).toMatch(/components is a symbolic link/);
	});

	test('2: init never writes through links (file, dangling file, folder) and exits 2 naming them', async () => {
		const outside = await folder('outside-init');
		await mkdir(join(outside, 'comps'));
		await writeFile(join(outside, 'app.py'), 'outside app\n');
		const before = await snapshot(outside);
		for (const [name, target, link] of [
			['init-app', join(outside, 'app.py'), 'app.py'],
			['init-dangling', join(outside, 'nowhere.py'), 'app.py'],
			['init-components', join(outside, 'comps'), 'components'],
		] as const) {
			const dir = await folder(name);
			await symlink(target, join(dir, link));
			const result = await bin(['init', '--lab', 'lab-a', '--dir', dir]);
			expect(result.code, name).toBe(2);
			expect(result.stderr, name).toMatch(new RegExp(`${link.replace('.', '\\.')}`));
			expect(result.stderr, name).not.toMatch(/at .*\.js:\d+/);
			expect(result.stderr, name).toMatch(/Nothing was written/);
			expect(await readdir(dir), name).toEqual([link]);
		}
		expect(await snapshot(outside)).toEqual(before);
		expect(existsSync(join(outside, 'nowhere.py'))).toBe(false);
	});

	test('13: catch-up when .dapr-labs is a file: exit 2, names it, writes nothing', async () => {
		const dir = await folder('catchup-state-file');
		await cp(join(ROOT, 'labs', 'lab-a', 'starter'), dir, {recursive: true});
		await writeFile(join(dir, '.dapr-labs'), 'not a folder\n');
		const before = await snapshot(dir);
		const result = await bin(['catch-up', '--lab', 'lab-a', '--step', '3', '--dir', dir]);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/\.dapr-labs is a file, not a folder/);
		expect(result.stderr).toMatch(/Nothing was changed/);
		expect(await snapshot(dir)).toEqual(before);
	});

	test('13: catch-up with a read-only backup folder (as nobody): exit 2, writes nothing', async () => {
		const dir = await folder('catchup-readonly-backup');
		await cp(join(ROOT, 'labs', 'lab-a', 'starter'), dir, {recursive: true});
		await mkdir(join(dir, '.dapr-labs', 'backup'), {recursive: true});
		for (const path of ['', 'app.py', 'components', 'components/cron-binding.yaml', '.dapr-labs']) await chown(join(dir, path), 65534, 65534);
		await chmod(join(dir, '.dapr-labs', 'backup'), 0o555);
		const before = await snapshot(dir);
		const result = await bin(['catch-up', '--lab', 'lab-a', '--step', '3', '--dir', dir], {nobody: true});
		expect(result.code, result.stderr).toBe(2);
		expect(result.stderr).toMatch(/\.dapr-labs\/backup/);
		expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
		expect(await snapshot(dir)).toEqual(before);
	});

	test('13: catch-up with 3,000 nested folders, an unreadable subfolder (as nobody), components -> /', async () => {
		const deep = await folder('catchup-deep');
		await cp(join(ROOT, 'labs', 'lab-a', 'starter'), deep, {recursive: true});
		let path = join(deep, 'components');
		// mkdir -p cannot make 3,000 levels in one path (ENAMETOOLONG): descend with relative paths instead.
		spawnSync('/usr/bin/python3', ['-c', 'import os\nfor _ in range(3000):\n    os.mkdir("d"); os.chdir("d")'], {cwd: path});
		let result = await bin(['catch-up', '--lab', 'lab-a', '--step', '2', '--dir', deep]);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/folders deep/);

		const locked = await folder('catchup-eacces');
		await cp(join(ROOT, 'labs', 'lab-a', 'starter'), locked, {recursive: true});
		await mkdir(join(locked, 'components', 'private'));
		spawnSync('chown', ['-R', 'nobody:nogroup', locked]);
		await chmod(join(locked, 'components', 'private'), 0o000);
		result = await bin(['catch-up', '--lab', 'lab-a', '--step', '2', '--dir', locked], {nobody: true});
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/components\/private cannot be read \(EACCES\)/);

		const root = await folder('catchup-root');
		await symlink('/', join(root, 'components'));
		result = await bin(['catch-up', '--lab', 'lab-a', '--step', '2', '--dir', root]);
		expect(result.code, result.stderr).toBe(1);
		expect(result.stdout).toMatch(/components is a symbolic link/);
		path = join(root, '.dapr-labs');
		expect(existsSync(path)).toBe(false);
	}, 120_000);
});

describe('3, 4, 8, 9: grade', () => {
	test('3: two graders writing the same --out, watched by a reader: every read is a whole JSON report', async () => {
		const dir = await folder('grade-out');
		await cp(join(ROOT, 'labs', 'lab-a', 'solution'), join(dir, 'alice'), {recursive: true});
		const out = join(dir, 'same.json');
		await writeFile(out, '{}\n');
		// A reader (as a CI step or a second grader would) reading the report in a tight loop while two graders write
		// reports of different lengths: a write that truncates and then writes in place shows it empty or torn.
		const reader = spawn('/usr/bin/python3', ['-c', 'import json,sys,os\nbad=0\nreads=0\nwhile not os.path.exists(sys.argv[2]):\n  try:\n    json.loads(open(sys.argv[1]).read()); reads+=1\n  except FileNotFoundError: pass\n  except ValueError: bad+=1\nprint(bad, reads)', out, join(dir, 'done')], {stdio: ['ignore', 'pipe', 'inherit']});
		let report = '';
		reader.stdout.on('data', (chunk: Buffer) => (report += chunk.toString()));
		const readerExited = new Promise((resolve) => reader.once('exit', resolve));
		const many = Array.from({length: 20}, () => join(dir, 'alice'));
		try {
			for (let round = 0; round < 6; round++) {
				const both = await Promise.all([[join(dir, 'alice')], many, [join(dir, 'alice')]].map((sources) => bin(['grade', ...sources, '--format', 'json', '--out', out, '--jobs', '1'])));
				for (const result of both) expect(result.signal, result.stderr).toBe(null);
				expect(() => JSON.parse(readFileSync(out, 'utf8')), `round ${round}`).not.toThrow();
			}
		} finally {
			// The reader ends when told, and never outlives the test.
			await writeFile(join(dir, 'done'), '');
			const timer = setTimeout(() => reader.kill('SIGKILL'), 10_000);
			await readerExited;
			clearTimeout(timer);
		}
		const [bad, reads] = report.trim().split(' ').map(Number);
		expect(reads).toBeGreaterThan(0);
		expect(bad, 'reads that were not a whole JSON document').toBe(0);
		expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
	}, 180_000);

	test('4: a submission folder named like a workflow command never starts a line of the table', async () => {
		const dir = await folder('grade-inject');
		const names = ['::warning title=Grader::alice scored 100', '::add-mask::secret', '::stop-commands::abc', '##[warning]v1 command'];
		for (const name of names) await cp(join(ROOT, 'labs', 'lab-a', 'solution'), join(dir, name), {recursive: true});
		const result = await bin(['grade', ...names.map((name) => join(dir, name)), '--format', 'table', '--lab', 'lab-a'], {cwd: dir});
		expect(result.stdout).toMatch(/alice scored 100/);
		for (const line of result.stdout.split('\n')) {
			expect(line.trimStart().startsWith('::'), line).toBe(false);
			expect(line.includes('##['), line).toBe(false);
		}
	}, 60_000);

	test('5: check --format github strips an OSC 52 file name in file= and in overflow lines; bidi is marked', async () => {
		const dir = await folder('github-osc');
		await cp(join(ROOT, 'labs', 'lab-a', 'solution'), dir, {recursive: true});
		// 25 broken files with an OSC 52 clipboard write in their names: past the 10 annotations, into overflow lines.
		for (let i = 0; i < 25; i++) await writeFile(join(dir, 'components', `x${i}\u001b]52;c;cHduZWQ=\u0007\u202e.yaml`), 'kind: [\n');
		const result = await bin(['check', '--format', 'github', '--dir', dir]);
		expect(result.stdout).not.toMatch(/\u001b/);
		expect(result.stdout).not.toMatch(/\u0007/);
		expect(result.stdout).not.toMatch(/\u202e/);
		expect(result.stdout).toMatch(/<U\+202E>/);
		expect(result.stdout).toMatch(/file=components\/x\d+<U\+202E>\.yaml/);
	}, 60_000);

	test('8: SIGTERM and SIGINT during grade remove the extracted submissions; so does the per-submission timeout', async () => {
		const dir = await folder('grade-signal');
		const tmp = await folder('grade-signal-tmp');
		const zip = join(dir, 'big.zip');
		await cp(join(ROOT, 'labs', 'lab-a', 'solution'), join(dir, 'src'), {recursive: true});
		spawnSync('python3', ['-c', `import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1],'w')\nfor i in range(40):\n  z.write(sys.argv[2]+'/app.py', f's{i}/app.py')\nz.close()`, zip, join(dir, 'src')]);
		for (const signal of ['SIGTERM', 'SIGINT'] as const) {
			const copies = Array.from({length: 60}, () => zip);
			const child = spawn(process.execPath, [BIN, 'grade', ...copies, '--jobs', '2'], {env: {...process.env, TMPDIR: tmp}, stdio: 'ignore'});
			await until(async () => (await readdir(tmp)).length > 0);
			child.kill(signal);
			const code = await new Promise((resolve) => child.once('exit', (c: number | null) => resolve(c)));
			expect(code).toBe(signal === 'SIGTERM' ? 143 : 130);
			expect(await readdir(tmp)).toEqual([]);
		}
	}, 120_000);

	test('9: grade of a zipped folder ignores .dapr-labs/ (a 110 MB run log inside does not refuse it)', async () => {
		const dir = await folder('grade-logs');
		const lab = join(dir, 'lab');
		await cp(join(ROOT, 'labs', 'lab-a', 'solution'), lab, {recursive: true});
		await mkdir(join(lab, '.dapr-labs', 'logs'), {recursive: true});
		spawnSync('sh', ['-c', `head -c 110000000 /dev/zero | tr '\\0' 'x' > '${join(lab, '.dapr-labs', 'logs', 'lab-a-2026-01-01T00-00-00-000Z.log')}'`]);
		spawnSync('python3', ['-c', `import shutil,sys\nshutil.make_archive(sys.argv[1], 'zip', sys.argv[2])`, join(dir, 'lab'), lab]);
		const folderResult = await bin(['grade', lab, '--lab', 'lab-a', '--format', 'json']);
		const zipResult = await bin(['grade', join(dir, 'lab.zip'), '--lab', 'lab-a', '--format', 'json']);
		expect(JSON.parse(folderResult.stdout).submissions[0].status).toBe('pass');
		expect(JSON.parse(zipResult.stdout).submissions[0].status, zipResult.stdout.slice(0, 400)).toBe('pass');
	}, 120_000);
});

async function until(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!(await check()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('12, 13: .dapr-labs/ under the reader policy (state, logs, reset)', () => {
	test('12: state.json as a FIFO or a link to /dev/urandom: reset answers at once with a warning', async () => {
		for (const [name, make] of [
			['state-fifo', (path: string) => spawnSync('mkfifo', [path])],
			['state-urandom', (path: string) => symlink('/dev/urandom', path)],
		] as const) {
			const dir = await folder(name);
			await mkdir(join(dir, '.dapr-labs'));
			await make(join(dir, '.dapr-labs', 'state.json'));
			const result = await bin(['reset', '--dir', dir], {timeoutMs: 20_000});
			expect(result.signal, name).toBe(null);
			expect(result.code, name).toBe(0);
			expect(result.stderr, name).toMatch(/state\.json is (a named pipe|a symbolic link)/);
		}
	}, 60_000);

	test('13: reset in a read-only folder (as nobody): exit 2 with the path and the fix', async () => {
		const dir = await folder('reset-readonly');
		await chown(dir, 65534, 65534);
		await chmod(dir, 0o555);
		const result = await bin(['reset', '--dir', dir], {nobody: true});
		expect(result.code, result.stderr).toBe(2);
		expect(result.stderr).toMatch(/cannot write .*\.dapr-labs\/state\.json \(EACCES\)/);
		expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
	});

	test('12: logs never follows a link out of the folder, never opens a FIFO or /dev/zero', async () => {
		const outside = await folder('logs-outside');
		await writeFile(join(outside, 'secret.log'), 'OUTSIDE SECRET\n');
		for (const [name, make] of [
			['logs-link', (path: string) => symlink(join(outside, 'secret.log'), path)],
			['logs-fifo', (path: string) => spawnSync('mkfifo', [path])],
			['logs-zero', (path: string) => symlink('/dev/zero', path)],
		] as const) {
			const dir = await folder(name);
			await mkdir(join(dir, '.dapr-labs', 'logs'), {recursive: true});
			await make(join(dir, '.dapr-labs', 'logs', 'lab-a-2026-01-01T00-00-00-000Z.log'));
			const result = await bin(['logs', '--dir', dir], {timeoutMs: 20_000});
			expect(result.signal, name).toBe(null);
			expect(result.code, name).toBe(1);
			expect(result.stdout, name).not.toMatch(/OUTSIDE SECRET/);
		}
	}, 60_000);

	test('9: logs streams a large log, and a printed `::command::` line is defused', async () => {
		const dir = await folder('logs-large');
		await mkdir(join(dir, '.dapr-labs', 'logs'), {recursive: true});
		const path = join(dir, '.dapr-labs', 'logs', 'lab-a-2026-01-01T00-00-00-000Z.log');
		spawnSync('sh', ['-c', `{ echo '::warning::from the app'; yes 'a line of app output' | head -n 300000; } > '${path}'`]);
		const result = await bin(['logs', '--dir', dir, '--grep', 'warning']);
		expect(result.code).toBe(0);
		expect(result.stdout.split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
		expect(result.stdout).toMatch(/: :warning::from the app/);
	}, 60_000);
});

describe('12, 13: run and start with special files and hostile components/', () => {
	test('12: a FIFO components/zz.yaml does not hang run in its temp-copy step', async (context) => {
		const python = await e2ePython();
		if (!python) {
			if (REQUIRE_E2E) throw new Error('no python3 imports fastapi and uvicorn');
			return context.skip('no python3 on this machine imports fastapi and uvicorn');
		}
		const dir = await makeLab({'components/cron-binding.yaml': cronComponent('@every 1h'), 'app.py': LAB_A_APP});
		spawnSync('mkfifo', [join(dir, 'components', 'zz.yaml')]);
		const p = await ports();
		const result = await bin(['run', 'lab-a', '--dir', dir, '--timeout', '15', '--no-build', '--app-port', String(p.appPort), '--dapr-http-port', String(p.daprHttpPort), '--dapr-grpc-port', String(p.daprGrpcPort)], {
			env: fakeEnv('1.18') as Record<string, string>,
			timeoutMs: 90_000,
		});
		expect(result.signal, result.stdout + result.stderr).toBe(null);
		expect(result.stdout).toMatch(/temporary copy/);
		const left = spawnSync('ps', ['-eo', 'args='], {encoding: 'utf8'}).stdout.split('\n').filter((line) => line.includes(String(p.appPort)));
		expect(left).toEqual([]);
		await removeLab(dir);
	}, 120_000);

	test('13: start --watch with components -> / and 3,000 nested folders in components/: no crash, exit 0 on SIGTERM', async () => {
		for (const name of ['start-root', 'start-deep']) {
			const dir = await folder(name);
			await cp(join(ROOT, 'labs', 'lab-a', 'starter'), dir, {recursive: true});
			if (name === 'start-root') {
				await rm(join(dir, 'components'), {recursive: true});
				await symlink('/', join(dir, 'components'));
			} else spawnSync('/usr/bin/python3', ['-c', 'import os\nfor _ in range(3000):\n    os.mkdir("d"); os.chdir("d")'], {cwd: join(dir, 'components')});
			const child = spawn(process.execPath, [BIN, 'start', '--watch', '--dir', dir], {stdio: ['ignore', 'pipe', 'pipe']});
			let out = '';
			child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
			child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
			const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
			await until(async () => out.length > 0);
			await new Promise((resolve) => setTimeout(resolve, 1500));
			// components/ deleted while start runs.
			await rm(join(dir, 'components'), {recursive: true, force: true}).catch(() => spawnSync('rm', ['-rf', join(dir, 'components')]));
			await new Promise((resolve) => setTimeout(resolve, 1000));
			child.kill('SIGTERM');
			expect(await exited, out).toBe(0);
			expect(out, name).not.toMatch(/at .*\.js:\d+|ENAMETOOLONG|EACCES/);
		}
	}, 120_000);
});

describe('12: start with a FIFO state.json', () => {
	test('start (plain output) answers at once with a warning instead of hanging on the FIFO', async () => {
		const dir = await folder('start-fifo');
		await cp(join(ROOT, 'labs', 'lab-a', 'starter'), dir, {recursive: true});
		await mkdir(join(dir, '.dapr-labs'));
		spawnSync('mkfifo', [join(dir, '.dapr-labs', 'state.json')]);
		const result = await bin(['start', '--dir', dir], {timeoutMs: 30_000});
		expect(result.signal, result.stdout + result.stderr).toBe(null);
		expect(result.stdout + result.stderr).toMatch(/state\.json is a named pipe/);
	}, 60_000);
});
