/**
 * Broken and hostile inputs through the REAL bin (`node bin/dapr-labs.js check`), each in its own temp folder and
 * with a timeout: every case ends with exit 1 (or 0 where the folder is valid), valid JSON and the expected finding
 * ids; never exit 2, never a hang, never student bytes such as ESC or another file's content on stdout. Then the
 * same checker in-process under random line mutations of the reference solutions: it must never throw.
 */
import {execFile} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {cp, mkdir, mkdtemp, open, readdir, readFile, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {analyzeWorkspace} from '../../src/core/analyze.js';
import {checkWorkspace} from '../../src/core/check.js';
import type {LabDef} from '../../src/core/labs.js';
import type {CheckResult} from '../../src/core/result.js';
import type {SourceFile, Workspace} from '../../src/core/types.js';
import {checkFolder} from '../../src/runner/check-folder.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {packageRoot} from '../../src/runner/package-root.js';

/** Rules whose findings have no position (line and column 0): the thing they report is missing. */
const NO_POSITION_RULES = ['lab/missing-file', 'lab/missing-component'];

const ROOT = packageRoot();
const BIN = join(ROOT, 'bin', 'dapr-labs.js');
const SOLUTION = join(ROOT, 'labs', 'combined', 'solution');
const TIMEOUT_MS = 60_000;
const LAB_IDS = (await loadLabs()).map((def) => def.id);
/**
 * Labs the combined solution is not written for (secure-triggers asks the app to check the sidecar's token): the
 * untouched solution fails them, so their verdicts say nothing about a mutation. Every lab is still checked (a rule
 * of theirs must not crash or print escapes on hostile input); the exit code and ids below are those of the others.
 */
const OTHER_LABS: ReadonlySet<string> = new Set((await checkFolder(SOLUTION)).result.labs.filter((lab) => lab.status !== 'pass').map((lab) => lab.id));

let scratch = '';

beforeAll(async () => {
	if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
		await new Promise<void>((resolve, reject) => {
			execFile('npm', ['run', 'build'], {cwd: ROOT}, (error) => (error ? reject(error) : resolve()));
		});
	}
	scratch = await mkdtemp(join(tmpdir(), 'dapr-labs-hostile-'));
}, 120_000);

afterAll(async () => {
	if (scratch) await rm(scratch, {recursive: true, force: true});
});

type Run = {code: number | null; signal: string | null; stdout: Buffer; stderr: string};

function run(dir: string, format: 'json' | 'text' = 'json'): Promise<Run> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			[BIN, 'check', '--format', format, '--dir', dir],
			{cwd: ROOT, timeout: TIMEOUT_MS, killSignal: 'SIGKILL', encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, env: {...process.env, NO_COLOR: '1'}},
			(error, stdout, stderr) => {
				const failure = error as (Error & {code?: number | string; signal?: string}) | null;
				resolve({
					code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
					signal: failure?.signal ?? null,
					stdout,
					stderr: stderr.toString('utf8'),
				});
			},
		);
	});
}

/** A fresh copy of the combined reference solution (it passes every lab). */
async function solutionDir(name: string): Promise<string> {
	const dir = join(scratch, name);
	await cp(SOLUTION, dir, {recursive: true});
	return dir;
}

/** A deterministic byte stream (xorshift), so a failure can be reproduced. */
function bytes(length: number, seed: number): Buffer {
	const out = Buffer.alloc(length);
	let x = seed >>> 0 || 1;
	for (let i = 0; i < length; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		out[i] = x & 0xff;
	}
	// Guarantee bytes that are never valid UTF-8, whatever the seed gave.
	out[0] = 0xff;
	out[length >> 1] = 0xc0;
	return out;
}

type Report = {labs: {id: string; status: string; findings: {ruleId: string; severity: string; file: string; line: number; column: number; message: string}[]}[]; summary: {errors: number; warnings: number}};

/** Runs the bin and checks the invariants every case shares; returns the parsed report. */
async function checkJson(dir: string, expectedCode: 0 | 1): Promise<Report & {ids: string[]; raw: string}> {
	const result = await run(dir);
	const raw = result.stdout.toString('utf8');
	expect(result.signal, `killed (hang?) ${result.stderr}`).toBeNull();
	const report = JSON.parse(raw) as Report;
	expect(report.labs.length).toBe(LAB_IDS.length);
	const judged = report.labs.filter((lab) => !OTHER_LABS.has(lab.id));
	const code = judged.some((lab) => lab.status !== 'pass') ? 1 : 0;
	expect(code, `${result.stderr}\n${raw.slice(0, 2000)}`).toBe(expectedCode);
	expect(result.code, result.stderr).toBe(code === 1 || OTHER_LABS.size > 0 ? 1 : 0);
	for (const lab of report.labs) {
		for (const finding of lab.findings) {
			// A position is 1-based, or 0/0 for "no position" (a missing file or component: NO_POSITION), never half of each.
			if (finding.line === 0) expect([finding.column, NO_POSITION_RULES.includes(finding.ruleId)]).toEqual([0, true]);
			else {
				expect(finding.line).toBeGreaterThanOrEqual(1);
				expect(finding.column).toBeGreaterThanOrEqual(1);
			}
			expect(finding.file).not.toMatch(/\\|^\//);
		}
	}
	expect(result.stdout.includes(0x1b)).toBe(false);
	const ids = [...new Set(judged.flatMap((lab) => lab.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)))].sort();
	return {...report, ids, raw};
}

describe('hostile inputs through the real bin', () => {
	test('the untouched solution passes (exit 0)', async () => {
		const report = await checkJson(await solutionDir('valid'), 0);
		expect(report.ids).toEqual([]);
	}, TIMEOUT_MS);

	test.each([
		['app.py', 1],
		['Dockerfile', 2],
		['components/cron-binding.yaml', 3],
	] as const)('random bytes as %s: file/unreadable on that file', async (file, seed) => {
		const dir = await solutionDir(`random-${seed}`);
		await writeFile(join(dir, file), bytes(4096, seed));
		const report = await checkJson(dir, 1);
		expect(report.ids).toContain('file/unreadable');
		expect(report.labs.flatMap((lab) => lab.findings).some((f) => f.ruleId === 'file/unreadable' && f.file === file)).toBe(true);
	}, TIMEOUT_MS);

	test('a 50 MB sparse app.py is a finding, not a crash', async () => {
		const dir = await solutionDir('sparse');
		const handle = await open(join(dir, 'app.py'), 'w');
		await handle.truncate(50 * 1024 * 1024);
		await handle.close();
		const report = await checkJson(dir, 1);
		expect(report.ids).toContain('file/unreadable');
	}, TIMEOUT_MS);

	test('a UTF-16 app.py is not UTF-8: file/unreadable', async () => {
		const dir = await solutionDir('utf16');
		const text = readFileSync(join(SOLUTION, 'app.py'), 'utf8');
		await writeFile(join(dir, 'app.py'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
		const report = await checkJson(dir, 1);
		expect(report.ids).toEqual(['file/unreadable']);
	}, TIMEOUT_MS);

	test('BOM + CRLF everywhere is valid (exit 0)', async () => {
		const dir = await solutionDir('bom-crlf');
		const files = ['app.py', 'Dockerfile', ...(await readdir(join(dir, 'components'))).map((name) => `components/${name}`)];
		for (const file of files) {
			const text = await readFile(join(dir, file), 'utf8');
			await writeFile(join(dir, file), `\ufeff${text.replace(/\r?\n/g, '\r\n')}`);
		}
		expect((await checkJson(dir, 0)).ids).toEqual([]);
	}, TIMEOUT_MS);

	test('a billion-laughs YAML is a finding on that file', async () => {
		const dir = await solutionDir('laughs');
		let yaml = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
		for (let i = 1; i <= 9; i++) yaml += `a${i}: &a${i} [${Array.from({length: 9}, () => `*a${i - 1}`).join(',')}]\n`;
		await writeFile(join(dir, 'components', 'bomb.yaml'), yaml);
		const report = await checkJson(dir, 1);
		expect(report.labs[0]!.findings.some((f) => f.file === 'components/bomb.yaml' && f.severity === 'error')).toBe(true);
	}, TIMEOUT_MS);

	test('10k-deep nested YAML is a finding on that file', async () => {
		const dir = await solutionDir('deep-yaml');
		await writeFile(join(dir, 'components', 'deep.yaml'), `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
		const report = await checkJson(dir, 1);
		expect(report.labs[0]!.findings.some((f) => f.file === 'components/deep.yaml' && f.severity === 'error')).toBe(true);
	}, TIMEOUT_MS);

	test('10k-deep Python brackets: python/syntax (CPython refuses more than 200 nested parentheses)', async () => {
		const dir = await solutionDir('deep-python');
		const text = readFileSync(join(SOLUTION, 'app.py'), 'utf8');
		await writeFile(join(dir, 'app.py'), `${text}\nDEEP = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`);
		const report = await checkJson(dir, 1);
		expect(report.ids).toEqual(['python/syntax']);
	}, TIMEOUT_MS);

	test('a 100k-line app.py that is otherwise the solution passes', async () => {
		const dir = await solutionDir('long-python');
		const text = readFileSync(join(SOLUTION, 'app.py'), 'utf8');
		// 100k short lines stay under the 1 MB read cap, so this is a parser stress, not a size finding.
		const filler = Array.from({length: 100_000}, (_, i) => (i % 2 === 0 ? 'x = 1' : 'x += 1')).join('\n');
		await writeFile(join(dir, 'app.py'), `${text}\n${filler}\n`);
		expect((await checkJson(dir, 0)).ids).toEqual([]);
	}, TIMEOUT_MS);

	test('a Dockerfile of ~1 MB of backslash continuations: dockerfile/syntax alone', async () => {
		const dir = await solutionDir('continuations');
		await writeFile(join(dir, 'Dockerfile'), `FROM python:3.12-slim\nRUN ${'\\\n'.repeat(450_000)}true\n`);
		const report = await checkJson(dir, 1);
		expect(report.ids).toEqual(['dockerfile/syntax']);
	}, TIMEOUT_MS);

	test('unterminated strings in every file: each file\'s syntax rule', async () => {
		const dir = await solutionDir('unterminated');
		await writeFile(join(dir, 'app.py'), `${readFileSync(join(SOLUTION, 'app.py'), 'utf8')}\nBROKEN = "never closed\n`);
		await writeFile(join(dir, 'components', 'broken.yaml'), 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: "broken\n');
		const docker = readFileSync(join(SOLUTION, 'Dockerfile'), 'utf8').replace(/^CMD .*$/m, 'CMD uvicorn app:app --host "0.0.0.0 --port 8000');
		await writeFile(join(dir, 'Dockerfile'), docker);
		const report = await checkJson(dir, 1);
		for (const id of ['python/syntax', 'yaml/syntax', 'dockerfile/syntax']) expect(report.ids).toContain(id);
	}, TIMEOUT_MS);

	test('app.py as a symlink to /etc/passwd: unreadable, and its content never printed', async () => {
		if (!existsSync('/etc/passwd')) return void console.log('skipped: no /etc/passwd on this machine');
		const dir = await solutionDir('passwd');
		await rm(join(dir, 'app.py'));
		await symlink('/etc/passwd', join(dir, 'app.py'));
		const report = await checkJson(dir, 1);
		expect(report.ids).toContain('file/unreadable');
		const firstLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;
		expect(report.raw).not.toContain(firstLine);
		const text = await run(dir, 'text');
		expect(text.stdout.toString('utf8')).not.toContain(firstLine);
	}, TIMEOUT_MS);

	test('components/ as a symlink loop: the lab has no components', async () => {
		const dir = await solutionDir('loop');
		await rm(join(dir, 'components'), {recursive: true});
		await symlink('components-b', join(dir, 'components'));
		await symlink('components', join(dir, 'components-b'));
		const report = await checkJson(dir, 1);
		expect(report.ids).toContain('lab/missing-component');
	}, TIMEOUT_MS);

	test('components/ as a file: the lab has no components', async () => {
		const dir = await solutionDir('components-file');
		await rm(join(dir, 'components'), {recursive: true});
		await writeFile(join(dir, 'components'), 'not a folder\n');
		const report = await checkJson(dir, 1);
		expect(report.ids).toContain('lab/missing-component');
	}, TIMEOUT_MS);

	test('a FIFO named app.py is never opened for reading (no hang)', async () => {
		const dir = await solutionDir('fifo');
		await rm(join(dir, 'app.py'));
		const made = await new Promise<boolean>((resolve) => execFile('mkfifo', [join(dir, 'app.py')], (error) => resolve(!error)));
		if (!made) return void console.log('skipped: mkfifo is not available');
		const report = await checkJson(dir, 1);
		expect(report.ids).toContain('file/unreadable');
	}, TIMEOUT_MS);

	test('terminal escapes in YAML values and Python strings never reach stdout (json and text)', async () => {
		const dir = await solutionDir('escapes');
		const esc = '\u001b]0;pwned\u0007\u001b[31m';
		const cron = readFileSync(join(SOLUTION, 'components', 'cron-binding.yaml'), 'utf8').replace('"@every 30s"', `"${esc}@every 30s"`);
		await writeFile(join(dir, 'components', 'cron-binding.yaml'), cron);
		const app = readFileSync(join(SOLUTION, 'app.py'), 'utf8').replaceAll('binding_name="monitoring-webhook"', `binding_name="${esc}monitoring-webhook"`);
		await writeFile(join(dir, 'app.py'), app);
		const report = await checkJson(dir, 1);
		expect(report.ids).toEqual(expect.arrayContaining(['cron/schedule-invalid', 'output-binding/unknown-binding']));
		expect(report.raw).not.toMatch(/\\u001b|\\u0007/i);
		const text = await run(dir, 'text');
		expect(text.code).toBe(1);
		expect(text.stdout.length).toBeGreaterThan(0);
		expect(text.stdout.includes(0x1b)).toBe(false);
		expect(text.stdout.includes(0x07)).toBe(false);
	}, TIMEOUT_MS);

	test('a component name of 10k characters: a component/name warning (self-hosted daprd loads it), short output', async () => {
		const dir = await solutionDir('long-name');
		const http = readFileSync(join(SOLUTION, 'components', 'http-binding.yaml'), 'utf8').replace(/name: monitoring-webhook/, `name: ${'a'.repeat(10_000)}`);
		await writeFile(join(dir, 'components', 'extra.yaml'), http);
		const report = await checkJson(dir, 0);
		const warnings = report.labs.flatMap((lab) => lab.findings).filter((f) => f.severity === 'warning');
		expect(warnings.map((f) => f.ruleId)).toContain('component/name');
		for (const finding of warnings) expect(finding.message.length).toBeLessThan(400);
		expect(report.raw.length).toBeLessThan(50_000);
	}, TIMEOUT_MS);

	test('500 component files with distinct names still pass', async () => {
		const dir = await solutionDir('many');
		const http = readFileSync(join(SOLUTION, 'components', 'http-binding.yaml'), 'utf8');
		await mkdir(join(dir, 'components'), {recursive: true});
		for (let i = 0; i < 500; i++) await writeFile(join(dir, 'components', `hook-${i}.yaml`), http.replace(/name: monitoring-webhook/, `name: hook-${i}`));
		expect((await checkJson(dir, 0)).ids).toEqual([]);
	}, TIMEOUT_MS);
});

// ---------------------------------------------------------------------------------------------------------
// In-process: random line mutations of every reference solution

function random(seed: number): () => number {
	let x = seed >>> 0 || 1;
	return () => {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		return (x >>> 0) / 0x1_0000_0000;
	};
}

function mutate(text: string, next: () => number): string {
	const lines = text.split('\n');
	const edits = 1 + Math.floor(next() * 3);
	for (let e = 0; e < edits && lines.length > 0; e++) {
		const i = Math.floor(next() * lines.length);
		const pick = next();
		if (pick < 0.4) lines.splice(i, 1);
		else if (pick < 0.8) lines.splice(i, 0, lines[i]!);
		else if (pick < 0.9) lines[i] = lines[i]!.slice(0, Math.floor(next() * lines[i]!.length));
		else lines.splice(i, 0, lines[Math.floor(next() * lines.length)]!);
	}
	return lines.join('\n');
}

async function solutionFiles(lab: string): Promise<Map<string, string>> {
	const dir = join(ROOT, 'labs', lab, 'solution');
	const files = new Map<string, string>();
	// A lab may have no app (bindings-or-pubsub is components only): mutate the files its solution has.
	for (const name of ['app.py', 'Dockerfile']) {
		const text = await readFile(join(dir, name), 'utf8').catch(() => null);
		if (text !== null) files.set(name, text);
	}
	for (const name of await readdir(join(dir, 'components'))) files.set(`components/${name}`, await readFile(join(dir, 'components', name), 'utf8'));
	return files;
}

function workspaceOf(files: ReadonlyMap<string, string>): Workspace {
	const map = new Map<string, SourceFile>();
	for (const [path, text] of files) map.set(path, {path, kind: 'text', text, size: text.length});
	return {files: map};
}

describe('mutations of the solutions never make the checker throw', () => {
	let labs: readonly LabDef[] = [];
	beforeAll(async () => {
		labs = await loadLabs();
	});
	// Every lab folder (a lab added as data is covered with no change here).
	test.each(LAB_IDS)('%s: 150 mutated folders', async (lab) => {
		const original = await solutionFiles(lab);
		const next = random(lab.length * 7919);
		const paths = [...original.keys()];
		let failing = 0;
		for (let round = 0; round < 150; round++) {
			const files = new Map(original);
			const count = 1 + Math.floor(next() * paths.length);
			for (let k = 0; k < count; k++) {
				const path = paths[Math.floor(next() * paths.length)]!;
				files.set(path, mutate(files.get(path)!, next));
			}
			let result: CheckResult | undefined;
			expect(() => {
				analyzeWorkspace(workspaceOf(files));
				result = checkWorkspace(workspaceOf(files), labs, {workspaceLabel: 'x', version: '0.0.0', now: new Date(Date.UTC(2026, 10, 30))});
			}).not.toThrow();
			for (const labResult of result!.labs) {
				if (labResult.status === 'fail') failing++;
				for (const finding of labResult.findings) {
					expect(finding.line >= 1 || (finding.line === 0 && NO_POSITION_RULES.includes(finding.ruleId))).toBe(true);
					expect(finding.message).toMatch(/^\S/);
				}
			}
		}
		// The mutations are real: some of them must break something.
		expect(failing).toBeGreaterThan(0);
	}, 120_000);
});

describe('hostile texts in every file slot, in-process, never make the checker throw', () => {
	const laughs = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({length: 9}, (_, i) => `a${i + 1}: &a${i + 1} [${Array.from({length: 9}, () => `*a${i}`).join(',')}]`)].join('\n');
	const payloads: Readonly<Record<string, string>> = {
		'random text': bytes(4096, 42).toString('latin1'),
		'deep brackets': `x = ${'('.repeat(10_000)}${')'.repeat(10_000)}\nmetadata: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
		'deep indentation': Array.from({length: 3000}, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
		'unterminated strings': 'x = "abc\nname: \'abc\nCMD "uvicorn\nRUN echo \'x\n"""never\n',
		'escapes': '\u001b]0;pwned\u0007\u001b[31m\nname: "\u001b[2J"\nCMD ["\u001b[31m"]\n',
		'long line': `name: ${'a'.repeat(100_000)}\n`,
		'billion laughs': laughs,
		'continuations': `FROM python\nRUN ${'\\\n'.repeat(20_000)}true\n`,
		'NUL bytes': '\u0000'.repeat(1000),
	};
	let labs: readonly LabDef[] = [];
	beforeAll(async () => {
		labs = await loadLabs();
	});
	test.each(Object.keys(payloads))('%s', async (name) => {
		const original = await solutionFiles('combined');
		for (const slot of ['app.py', 'Dockerfile', 'components/cron-binding.yaml', 'components/extra.yml']) {
			const files = new Map(original);
			files.set(slot, payloads[name]!);
			let result: CheckResult | undefined;
			expect(() => {
				result = checkWorkspace(workspaceOf(files), labs, {workspaceLabel: 'x', version: '0.0.0', now: new Date(Date.UTC(2026, 10, 30))});
			}, slot).not.toThrow();
			for (const finding of result!.labs.flatMap((lab) => lab.findings)) {
				expect(finding.message, slot).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
				expect(finding.hint ?? '', slot).not.toMatch(/\u001b/);
			}
		}
	}, 120_000);
});


/** Any command through the real bin, with the same timeout and capture as `run`. */
function runBin(args: readonly string[]): Promise<Run> {
	return new Promise((resolve) => {
		execFile(process.execPath, [BIN, ...args], {cwd: ROOT, timeout: TIMEOUT_MS, killSignal: 'SIGKILL', encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, env: {...process.env, NO_COLOR: '1'}}, (error, stdout, stderr) => {
			const failure = error as (Error & {code?: number | string; signal?: string}) | null;
			resolve({code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0, signal: failure?.signal ?? null, stdout, stderr: stderr.toString('utf8')});
		});
	});
}

/** What no command may print: raw escapes, bidi overrides, a line a CI runner takes as a command, a stack trace. */
function expectInert(result: Run, what: string): void {
	const text = result.stdout.toString('utf8') + result.stderr;
	expect(result.signal, what).toBe(null);
	expect(text, what).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
	expect(text, what).not.toMatch(/^\s*(::|##\[)/m);
	expect(text, what).not.toMatch(/\n\s+at .*\.js:\d+/);
}

describe('hostile inputs through catch-up, init, logs, reset, review and grade --format table', () => {
	const hostileName = '::warning title=x::\u001b]52;c;cHduZWQ=\u0007\u202eevil';
	test('catch-up and init: hostile file names, links and FIFOs in components/', async () => {
		const dir = await solutionDir('hostile-catchup');
		await writeFile(join(dir, 'components', `${hostileName}.yaml`), 'kind: Component\n');
		await symlink('/etc/passwd', join(dir, 'components', 'passwd.yaml'));
		await new Promise((resolve) => execFile('mkfifo', [join(dir, 'components', 'fifo.yaml')], resolve));
		const catchUp = await runBin(['catch-up', '--lab', 'lab-a', '--step', '2', '--dir', dir]);
		expectInert(catchUp, 'catch-up');
		expect(catchUp.code).toBe(0);
		expect(catchUp.stdout.toString()).toMatch(/passwd\.yaml is a symbolic link/);
		const init = await runBin(['init', '--lab', 'lab-a', '--dir', dir]);
		expectInert(init, 'init');
		expect(init.code).toBe(2);
	});

	test('logs and reset: a hostile log line, a FIFO state.json', async () => {
		const dir = await solutionDir('hostile-logs');
		await mkdir(join(dir, '.dapr-labs', 'logs'), {recursive: true});
		await writeFile(join(dir, '.dapr-labs', 'logs', 'lab-a-2026-01-01T00-00-00-000Z.log'), `${hostileName}\n##[error]x\n`);
		await new Promise((resolve) => execFile('mkfifo', [join(dir, '.dapr-labs', 'state.json')], resolve));
		const logs = await runBin(['logs', '--dir', dir]);
		expectInert(logs, 'logs');
		expect(logs.code).toBe(0);
		const reset = await runBin(['reset', '--dir', dir]);
		expectInert(reset, 'reset');
		expect(reset.code).toBe(0);
	});

	test('review: exponential and quadratic answers end, and stay inert', async () => {
		const dir = join(scratch, 'hostile-review');
		await mkdir(dir, {recursive: true});
		const answers: Record<string, string> = {
			'indented.md': `\`\`\`yaml\nkind: Component\nmetadata:\n${'    a\n'.repeat(30)}`,
			'spaces.md': `\`\`\`yaml\napiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: "cron${' '.repeat(200_000)}x"\n\`\`\`\n`,
			'python.md': `\`\`\`python\n${'x = 1\n'.repeat(300_000)}`,
			'names.md': `${hostileName}\n\`\`\`yaml\nkind: Component\nmetadata:\n  name: "${hostileName}"\n\`\`\`\n`,
		};
		for (const [name, text] of Object.entries(answers)) {
			await writeFile(join(dir, name), text);
			const review = await runBin(['review', join(dir, name)]);
			expectInert(review, name);
			expect([0, 1], name).toContain(review.code);
		}
	}, 120_000);

	test('grade --format table: submissions named like workflow commands, with escapes and bidi', async () => {
		const dir = join(scratch, 'hostile-grade');
		await mkdir(dir, {recursive: true});
		const names = [hostileName, '::add-mask::x', '##[group]y', 'line\nbreak'];
		for (const name of names) await cp(SOLUTION, join(dir, name), {recursive: true});
		// The lab the solution is for: every submission passes it, so the exit code says the names broke nothing.
		const grade = await runBin(['grade', ...names.map((name) => join(dir, name)), '--format', 'table', '--lab', 'combined']);
		expectInert(grade, 'grade');
		expect(grade.code).toBe(0);
		expect(grade.stdout.toString()).toMatch(/<U\+202E>evil/);
	}, 120_000);
});
