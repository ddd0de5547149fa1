/**
 * Rule-test helpers for the secure-triggers lab (issue 13): its reference files, read from labs/secure-triggers so
 * the tests start from what the lab ships; each test changes one thing. The security rules do not read the lab
 * context, so their table tests (test/helpers/rule-tester.ts) run under the default one.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {packageRoot} from '../../src/runner/package-root.js';

const dir = join(packageRoot(), 'labs', 'secure-triggers');
const read = (which: string, file: string): string => readFileSync(join(dir, which, file), 'utf8');

export const SOLUTION_APP = read('solution', 'app.py');
export const STARTER_APP = read('starter', 'app.py');
export const SOLUTION_HTTP = read('solution', 'components/http-binding.yaml');
export const STARTER_HTTP = read('starter', 'components/http-binding.yaml');

/** The reference solution's files, with overrides (null removes a file). */
export function secureFolder(overrides: Readonly<Record<string, string | null>> = {}): Record<string, string> {
	const files: Record<string, string | null> = {
		'components/cron-binding.yaml': read('solution', 'components/cron-binding.yaml'),
		'components/http-binding.yaml': SOLUTION_HTTP,
		'components/pubsub.yaml': read('solution', 'components/pubsub.yaml'),
		'components/secretstore.yaml': read('solution', 'components/secretstore.yaml'),
		'app.py': SOLUTION_APP,
		Dockerfile: read('solution', 'Dockerfile'),
		...overrides,
	};
	return Object.fromEntries(Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== null));
}

/** A pattern for a rule-tester `message`/`hint` that holds every one of the given pieces of text, as written. */
export function including(...pieces: readonly string[]): RegExp {
	return new RegExp(pieces.map((piece) => `(?=[\\s\\S]*${piece.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')})`).join(''), 'u');
}

/** Replaces one exact piece of text, and fails loudly when it is not there (a test must change what it says). */
export function edit(text: string, from: string, to: string): string {
	if (!text.includes(from)) throw new Error(`not in the text: ${from}`);
	return text.replace(from, to);
}
