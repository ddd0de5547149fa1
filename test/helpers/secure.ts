/**
 * Rule-test helpers for the secure-triggers lab (issue 13): its lab context and its reference files, read from
 * labs/secure-triggers/solution so the tests start from what the lab ships; each test changes one thing.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {analyzeWorkspace} from '../../src/core/analyze.js';
import {runRules} from '../../src/core/check.js';
import type {LabContext} from '../../src/core/rule.js';
import {ruleById} from '../../src/core/rules/index.js';
import type {Finding, LabId} from '../../src/core/types.js';
import {packageRoot} from '../../src/runner/package-root.js';
import {NOW, workspaceOf} from './rules.js';

export const SECURE: LabContext = {id: 'secure-triggers' as LabId, requiredComponents: [['bindings.cron'], ['bindings.http'], ['pubsub.*'], ['secretstores.*']], needsDaprSdk: true, appId: 'cron-app'};

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

/** Findings of one rule over the files, in the secure-triggers lab. */
export function checkSecure(ruleId: string, files: Readonly<Record<string, string>>): Finding[] {
	const model = analyzeWorkspace(workspaceOf(files));
	// runRules skips a rule that throws; call it once directly so a crash fails the test instead.
	ruleById(ruleId)!.check({model, lab: SECURE, now: NOW, report: () => {}});
	return runRules(model, [ruleId], SECURE, NOW);
}

/** Replaces one exact piece of text, and fails loudly when it is not there (a test must change what it says). */
export function edit(text: string, from: string, to: string): string {
	if (!text.includes(from)) throw new Error(`not in the text: ${from}`);
	return text.replace(from, to);
}
