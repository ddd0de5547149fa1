/**
 * Reading `pip install` command lines and requirements files: which packages they name, which requirement files
 * they pull in, and what they install from somewhere else (a path, a URL, `-e .`).
 */
import {commandName, programIndex} from './shell.js';

/** PEP 503 normalisation: lower-case, runs of `-`, `_`, `.` become one `-` (`Fast_API` → `fast-api`). */
export function normalizePackageName(name: string): string {
	return name.toLowerCase().replace(/[-_.]+/g, '-');
}

// pip options that take a value as the next word (pip 24 `pip install --help`, plus uv pip's own).
const VALUE_OPTIONS = new Set([
	'-c',
	'--constraint',
	'-i',
	'--index-url',
	'--extra-index-url',
	'-f',
	'--find-links',
	'-t',
	'--target',
	'--prefix',
	'--root',
	'--platform',
	'--python-version',
	'--implementation',
	'--abi',
	'--src',
	'--upgrade-strategy',
	'--progress-bar',
	'--cache-dir',
	'--log',
	'--log-file',
	'--timeout',
	'--retries',
	'--proxy',
	'--cert',
	'--client-cert',
	'--exists-action',
	'--trusted-host',
	'--global-option',
	'--install-option',
	'-C',
	'--config-settings',
	'--no-binary',
	'--only-binary',
	'--report',
	'--python',
	'-p',
	'--index',
	'--default-index',
	'--index-strategy',
	'--keyring-provider',
	'--resolution',
	'--prerelease',
	'--extra',
	'--group',
	'--override',
	'--build-constraint',
	'--exclude-newer',
	'--link-mode',
	'--compile-bytecode-level',
	'--reinstall-package',
	'--upgrade-package',
	'-P',
]);

/** Where something given to pip install comes from, when it is not a package name. */
function isOtherSource(spec: string): boolean {
	return (
		spec === '.' ||
		spec.startsWith('./') ||
		spec.startsWith('../') ||
		spec.startsWith('/') ||
		spec.startsWith('~') ||
		spec.includes('://') ||
		spec.startsWith('git+') ||
		/\.(whl|zip|tar\.gz|tgz|tar\.bz2)$/i.test(spec) ||
		(spec.includes('/') && !spec.includes('@'))
	);
}

/** The distribution name a requirement specifier names (`uvicorn[standard]==0.30` → `uvicorn`), or null. */
export function requirementName(spec: string): string | null {
	const s = spec.trim();
	if (s === '' || s.startsWith('-') || s.includes('$')) return null;
	// `name @ https://...` (PEP 508 direct reference) still names the package.
	const at = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*@/.exec(s);
	if (at?.[1]) return normalizePackageName(at[1]);
	if (isOtherSource(s)) return null;
	const m = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\]?)?\s*(?:[<>=!~;,( ]|$)/.exec(s);
	return m?.[1] ? normalizePackageName(m[1]) : null;
}

/** What one `pip install` command names, each item carrying the word it came from. */
export type PipInstall<T> = {
	readonly packages: readonly {readonly name: string; readonly word: T}[];
	readonly requirementFiles: readonly {readonly path: string; readonly word: T}[];
	/** `.`, `-e .`, paths, URLs, wheels: installed, but not by name. */
	readonly otherSources: readonly {readonly spec: string; readonly word: T}[];
};

/**
 * Index of the word after `install` when argv runs pip's install: `pip install`, `pip3.12 install`,
 * `python -m pip install`, `python3 -m pip install`, `uv pip install` (after env assignments, exec, sudo...);
 * -1 otherwise. Options between `pip` and `install` (`pip --no-cache-dir install`) are allowed.
 */
export function pipInstallStart(argv: readonly string[]): number {
	let i = programIndex(argv);
	const prog = commandName(argv[i] ?? '');
	if (/^python[0-9.]*$/.test(prog)) {
		i++;
		// python -u -m pip / python -I -m pip
		while (i < argv.length && argv[i] !== '-m' && /^-[A-Za-z]+$/.test(argv[i] as string)) i++;
		if (argv[i] === '-m' && /^pip[0-9.]*$/.test(argv[i + 1] ?? '')) i += 2;
		else if (/^-mpip[0-9.]*$/.test(argv[i] ?? '')) i += 1;
		else return -1;
	} else if (prog === 'uv' && argv[i + 1] === 'pip') {
		i += 2;
	} else if (/^pip[0-9.]*$/.test(prog)) {
		i++;
	} else return -1;
	while (i < argv.length && (argv[i] as string).startsWith('-')) i++;
	return argv[i] === 'install' ? i + 1 : -1;
}

/** Reads the arguments after `install` (words with any payload T: tokens with positions, or spans). */
export function readPipInstallArgs<T extends {readonly value: string}>(words: readonly T[]): PipInstall<T> {
	const packages: {name: string; word: T}[] = [];
	const requirementFiles: {path: string; word: T}[] = [];
	const otherSources: {spec: string; word: T}[] = [];
	for (let i = 0; i < words.length; i++) {
		const word = words[i] as T;
		const w = word.value;
		if (w === '-r' || w === '--requirement' || w === '-e' || w === '--editable') {
			const next = words[i + 1];
			if (next) {
				if (w === '-r' || w === '--requirement') requirementFiles.push({path: next.value, word: next});
				else otherSources.push({spec: next.value, word: next});
			}
			i++;
			continue;
		}
		const eq = /^(--requirement|--editable)=(.*)$/.exec(w) ?? /^(-r|-e)(.+)$/.exec(w);
		if (eq) {
			if (eq[1] === '--requirement' || eq[1] === '-r') requirementFiles.push({path: eq[2] ?? '', word});
			else otherSources.push({spec: eq[2] ?? '', word});
			continue;
		}
		if (w.startsWith('-')) {
			if (!w.includes('=') && VALUE_OPTIONS.has(w)) i++;
			continue;
		}
		const name = requirementName(w);
		if (name !== null) packages.push({name, word});
		else if (w !== '' && !w.includes('$')) otherSources.push({spec: w, word});
	}
	return {packages, requirementFiles, otherSources};
}

/**
 * Package names listed in a requirements file, normalised, with their 1-based line. Comments, blank lines, options
 * (`-r`, `--index-url`, `-e`), paths and URLs are skipped; `name @ url`, extras, versions and markers are read.
 */
export function parseRequirements(text: string): readonly {readonly name: string; readonly line: number}[] {
	const out: {name: string; line: number}[] = [];
	const lines = text.split(/\r?\n|\r/);
	for (let i = 0; i < lines.length; i++) {
		const startLine = i + 1;
		let logical = lines[i] as string;
		// A trailing backslash continues the requirement on the next line.
		while (logical.endsWith('\\') && i + 1 < lines.length) {
			logical = logical.slice(0, -1) + (lines[++i] as string);
		}
		const noComment = logical.replace(/(^|\s)#.*$/, '').trim();
		if (noComment === '' || noComment.startsWith('-')) continue;
		const name = requirementName(noComment);
		if (name !== null) out.push({name, line: startLine});
	}
	return out;
}

/**
 * Installers other than `pip install` that install a project's dependencies from a lock or project file:
 * `uv sync`, `uv pip sync FILE`, `pip-sync FILE`, `poetry install`, `pipenv install`, `pdm install`,
 * `conda|mamba|micromamba install`. Returns the command's name (`uv sync`) and any requirement files it reads,
 * or null. The packages they install cannot be listed from the Dockerfile alone.
 */
export function otherInstaller(argv: readonly string[]): {readonly command: string; readonly requirementFileIndexes: readonly number[]} | null {
	const i = programIndex(argv);
	const prog = commandName(argv[i] ?? '');
	const sub = argv[i + 1] ?? '';
	const fileArgs = (from: number): number[] => {
		const out: number[] = [];
		for (let k = from; k < argv.length; k++) if (!(argv[k] as string).startsWith('-')) out.push(k);
		return out;
	};
	if (prog === 'uv' && sub === 'sync') return {command: 'uv sync', requirementFileIndexes: []};
	if (prog === 'uv' && sub === 'pip' && argv[i + 2] === 'sync') return {command: 'uv pip sync', requirementFileIndexes: fileArgs(i + 3)};
	if (prog === 'pip-sync') return {command: 'pip-sync', requirementFileIndexes: fileArgs(i + 1)};
	if ((prog === 'poetry' || prog === 'pipenv' || prog === 'pdm') && (sub === 'install' || sub === 'sync')) {
		return {command: `${prog} ${sub}`, requirementFileIndexes: []};
	}
	if ((prog === 'conda' || prog === 'mamba' || prog === 'micromamba') && sub === 'install') return {command: `${prog} install`, requirementFileIndexes: []};
	return null;
}

/**
 * The requirement files a requirements file pulls in (`-r base.txt`, `--requirement=dev.txt`), with their line.
 * pip reads them relative to the including file's folder; `resolveRequirementPath` does that join.
 */
export function requirementIncludes(text: string): readonly {readonly path: string; readonly line: number}[] {
	const out: {path: string; line: number}[] = [];
	const lines = text.split(/\r?\n|\r/);
	for (let i = 0; i < lines.length; i++) {
		const line = (lines[i] as string).replace(/(^|\s)#.*$/, '').trim();
		const match = /^(?:-r|--requirement)(?:\s*=\s*|\s+|(?=[^\s=-]))(\S+)/.exec(line);
		if (match?.[1]) out.push({path: match[1], line: i + 1});
	}
	return out;
}

/** `base.txt` included from `deps/prod.txt` → `deps/base.txt`; null when it leaves the folder or uses a variable. */
export function resolveRequirementPath(fromFile: string, path: string): string | null {
	if (path.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//iu.test(path)) return null;
	const clean = path.replace(/\\/g, '/');
	const parts = clean.startsWith('/') ? [] : fromFile.split('/').slice(0, -1);
	for (const part of clean.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') {
			if (parts.length === 0) return null;
			parts.pop();
		} else parts.push(part);
	}
	return parts.length === 0 ? null : parts.join('/');
}
