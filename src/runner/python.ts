/**
 * Finds the Python interpreters a student may have and which of fastapi, uvicorn and dapr each one imports. A
 * pyenv or venv python3 first on PATH often lacks the packages the system one has, so every candidate is probed
 * (in parallel, each with a short timeout) and the run uses the first that can serve the app.
 */
import {realpath, access} from 'node:fs/promises';
import {constants} from 'node:fs';
import {delimiter, dirname, join} from 'node:path';
import {execa} from 'execa';
import type {PythonProbe} from '../core/doctor.js';

/** One interpreter and what it can import (the doctor judges the same shape). */
export type PythonCandidate = PythonProbe;

export type FindPythonsOptions = {
	readonly env?: Readonly<Record<string, string | undefined>>;
	readonly timeoutMs?: number;
	/** `--python PATH`: probe only this interpreter. */
	readonly override?: string;
	/** The lab folder: its `.venv` (then `venv`) interpreter comes first, as an activated venv would. */
	readonly dir?: string;
};

/** The virtual environments a lab folder may hold, in the order they are tried (the advice creates `.venv`). */
export const VENV_DIRS = ['.venv', 'venv'] as const;

const MINORS = ['3.14', '3.13', '3.12', '3.11', '3.10', '3.9', '3.8'];

// find_spec instead of a real import: importing fastapi costs a second or more on a busy machine, and the probe
// must stay within the doctor's 3 s budget. A spec that exists but fails to import shows up when the app starts.
const PROBE = [
	'import json, os, sys, sysconfig, importlib.util',
	'r = {"version": sys.version.split()[0], "venv": sys.prefix != sys.base_prefix}',
	'try:',
	'    r["managed"] = os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))',
	'except Exception:',
	'    pass',
	'for m in ("fastapi", "uvicorn", "dapr"):',
	'    try:',
	'        r[m] = importlib.util.find_spec(m) is not None',
	'    except Exception:',
	'        r[m] = False',
	'print(json.dumps(r))',
].join('\n');

async function isFile(path: string): Promise<boolean> {
	try {
		await access(path, constants.R_OK);
		return true;
	} catch {
		return false;
	}
}

async function isExecutable(path: string): Promise<boolean> {
	try {
		await access(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** Candidate paths in the order a student's shell would find them, then the usual system locations; deduplicated. */
export async function pythonCandidatePaths(env: Readonly<Record<string, string | undefined>> = process.env, labDir?: string): Promise<string[]> {
	const dirs = (env['PATH'] ?? '').split(delimiter).filter(Boolean);
	const names: string[] = [];
	// A venv in the lab folder is what the advice creates (Debian 12 refuses a system-wide pip install: PEP 668).
	if (labDir) for (const venv of VENV_DIRS) names.push(join(labDir, venv, 'bin', 'python3'), join(labDir, venv, 'bin', 'python'));
	for (const dir of dirs) names.push(join(dir, 'python3'));
	names.push('/usr/bin/python3', '/usr/local/bin/python3');
	// pyenv/asdf shim folders hold a dispatcher per version name; python3 there already reaches the active one, and
	// each extra shim costs a slow shell round-trip.
	for (const dir of [...dirs, '/usr/bin', '/usr/local/bin']) if (!/[/\\]shims$/.test(dir)) for (const minor of MINORS) names.push(join(dir, `python${minor}`));
	const seen = new Set<string>();
	const out: string[] = [];
	for (const name of names) {
		if (!(await isExecutable(name))) continue;
		let key = name;
		try {
			key = await realpath(name);
		} catch {
			// keep the name itself
		}
		// A venv's python links to the system one but imports other packages: keep it apart from the system python.
		const home = dirname(dirname(name));
		if (await isFile(join(home, 'pyvenv.cfg'))) key = `${home}|${key}`;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(name);
	}
	return out;
}

/** Probes one interpreter; never throws. */
export async function probePython(path: string, options: {readonly env?: Readonly<Record<string, string | undefined>>; readonly timeoutMs?: number} = {}): Promise<PythonCandidate> {
	const none = {fastapi: false, uvicorn: false, dapr: false};
	try {
		const result = await execa(path, ['-c', PROBE], {timeout: options.timeoutMs ?? 15_000, reject: false, stdin: 'ignore', ...(options.env ? {env: options.env, extendEnv: false} : {}), forceKillAfterDelay: 200});
		if (result.timedOut) return {path, version: null, modules: none, error: `did not answer within ${options.timeoutMs ?? 15_000} ms`};
		if (result.exitCode !== 0) return {path, version: null, modules: none, error: String(result.stderr || result.shortMessage || 'failed').trim().split('\n').pop() ?? 'failed'};
		const parsed = JSON.parse(String(result.stdout).trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
		return {
			path,
			version: typeof parsed['version'] === 'string' ? parsed['version'] : null,
			modules: {fastapi: parsed['fastapi'] === true, uvicorn: parsed['uvicorn'] === true, dapr: parsed['dapr'] === true},
			...(parsed['venv'] === true ? {venv: true} : {}),
			...(typeof parsed['managed'] === 'boolean' ? {externallyManaged: parsed['managed']} : {}),
		};
	} catch (error) {
		return {path, version: null, modules: none, error: error instanceof Error ? error.message : String(error)};
	}
}

/** Every candidate interpreter with its version and imports, in discovery order (the override alone when given). */
export async function findPythons(options: FindPythonsOptions = {}): Promise<PythonCandidate[]> {
	const env = options.env ?? process.env;
	const paths = options.override ? [options.override] : await pythonCandidatePaths(env, options.dir);
	return Promise.all(paths.map((path) => probePython(path, {env, ...(options.timeoutMs ? {timeoutMs: options.timeoutMs} : {})})));
}

/** The interpreter a run uses: the first that imports fastapi and uvicorn (and dapr when `needDapr`), else null. */
export function pickPython(candidates: readonly PythonCandidate[], needDapr = false): PythonCandidate | null {
	return candidates.find((c) => c.modules.fastapi && c.modules.uvicorn && (!needDapr || c.modules.dapr)) ?? candidates.find((c) => c.modules.fastapi && c.modules.uvicorn) ?? null;
}

/** findPythons + pickPython: the chosen interpreter (or null) and everything that was looked at. */
export async function choosePython(override?: string, options: Omit<FindPythonsOptions, 'override'> & {readonly needDapr?: boolean} = {}): Promise<{readonly chosen: PythonCandidate | null; readonly candidates: readonly PythonCandidate[]}> {
	const env = options.env ?? process.env;
	const paths = override ? [override] : await pythonCandidatePaths(env, options.dir);
	// All probes start at once; the answer is ready as soon as every earlier candidate has answered.
	const probes = paths.map((path) => probePython(path, {env, ...(options.timeoutMs ? {timeoutMs: options.timeoutMs} : {})}));
	const done: PythonCandidate[] = [];
	for (const probe of probes) {
		const candidate = await probe;
		done.push(candidate);
		const full = candidate.modules.fastapi && candidate.modules.uvicorn && (!options.needDapr || candidate.modules.dapr);
		if (full) return {chosen: candidate, candidates: done};
	}
	return {chosen: pickPython(done, options.needDapr ?? false), candidates: done};
}
