/**
 * Loads a bundle the build wrote as one CommonJS function expression (dist/<name>.js) with the V8 code cache next to
 * it (dist/<name>.js.cache): node 20 caches no compiled code for ES modules, so a large chunk is compiled afresh at
 * every start (scripts/build.mjs writes these; src/cli.ts loads `check`, runner/grade-worker.ts the grader, commands/start.ts the workbook UI). Returns null when the files are
 * not there (running from src/, a partial build) or do not load: the caller imports the ES module instead. A rejected
 * cache (another node version) costs only the compile it would have saved.
 */
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Script} from 'node:vm';

/** The exports of dist/<name>.js, found next to the chunk `metaUrl` belongs to; null when it cannot be loaded. */
export function loadCachedModule<T>(name: string, metaUrl: string): T | null {
	const url = new URL(`./${name}.js`, metaUrl);
	let file: string;
	let source: string;
	try {
		file = fileURLToPath(url);
		source = readFileSync(file, 'utf8');
	} catch {
		return null;
	}
	let cachedData: Buffer | undefined;
	try {
		cachedData = readFileSync(`${file}.cache`);
	} catch {
		cachedData = undefined;
	}
	const module = {exports: {} as T};
	try {
		const wrapper = new Script(source, {filename: file, cachedData}).runInThisContext() as (...args: unknown[]) => void;
		wrapper(module.exports, createRequire(file), module, file, dirname(file), url.href);
	} catch {
		return null; // a file cut short by a rebuild in progress: the ES module is the same code
	}
	return module.exports;
}
