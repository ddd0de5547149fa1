/**
 * The whole-app cases of the real-world corpus (folders `app-*`, issue 9) through the REAL bin
 * (`node bin/dapr-labs.js check --format json`): besides the error and warning ids real-world.test.ts checks,
 * where each finding points (the module where the route or call is, not app.py) and which infos say "not verified
 * statically" instead of claiming a failure.
 */
import {execFile} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {beforeAll, describe, expect, test} from 'vitest';
import {packageRoot} from '../../src/runner/package-root.js';
import {ensureBuilt} from '../e2e/ensure-built.js';

const ROOT = packageRoot();
const BIN = join(ROOT, 'bin', 'dapr-labs.js');
const BASE = join(ROOT, 'test', 'corpus', 'real-world');
const exec = promisify(execFile);

type Finding = {ruleId: string; severity: string; file: string; line: number; message: string};

/** For each app-* folder: every finding as `severity ruleId file:line`, exactly. */
const FINDINGS: Readonly<Record<string, readonly string[]>> = {
	'app-router-split-prefix-route-metadata': [],
	'app-package-reexports-router': [],
	'app-starlette-route-list': [],
	'app-starlette-mount-wrong-prefix': ['error input-binding/no-handler app.py:1'],
	'app-add-api-route-handler-module': [],
	'app-flask-blueprint-other-file': ['error dockerfile/missing-package Dockerfile:3', 'error dockerfile/cmd Dockerfile:5'],
	'app-constants-across-modules': [],
	'app-router-typo-in-module': ['error input-binding/route-mismatch routes/cron.py:6'],
	'app-combined-helper-module': [],
	'app-combined-only-other-handler-invokes': ['error output-binding/not-invoked app.py:10'],
	'app-raw-http-percent-bindings': [],
	'app-raw-http-format-publish-combined': [],
	'app-pyproject-pep621-uv-sync': [],
	'app-pyproject-poetry-missing-dapr': ['error dockerfile/missing-package Dockerfile:5'],
	'app-requirements-r-chain-extras': [],
	'app-dynamic-route-from-env': ['info input-binding/no-handler app.py:8'],
	'app-include-router-factory': ['info input-binding/no-handler app.py:6'],
};

const names = readdirSync(BASE, {withFileTypes: true})
	.filter((entry) => entry.isDirectory() && entry.name.startsWith('app-'))
	.map((entry) => entry.name)
	.sort();

beforeAll(() => ensureBuilt(ROOT), 180_000);

describe('real-world corpus: the whole app (app-*)', () => {
	test('holds at least 12 folders, each listed here', () => {
		expect(names.length).toBeGreaterThanOrEqual(12);
		expect(names).toEqual(Object.keys(FINDINGS).sort());
	});
	test.each(names)('%s', async (name) => {
		const dir = join(BASE, name);
		const {lab} = JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')) as {lab: string};
		const run = await exec(process.execPath, [BIN, 'check', '--lab', lab, '--dir', dir, '--format', 'json']).catch((error: {stdout: string; code: number}) => error);
		const result = JSON.parse(run.stdout) as {labs: {findings: Finding[]}[]};
		const findings = result.labs[0]!.findings;
		const got = findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}:${f.line}`);
		expect(got.sort(), findings.map((f) => f.message).join('\n')).toEqual([...FINDINGS[name]!].sort());
		for (const finding of findings) {
			if (finding.severity === 'info') expect(finding.message).toContain('`dapr-labs run` verifies it');
		}
	}, 60_000);
});

test('the cron handler case names the handler and where the other call is', async () => {
	const dir = join(BASE, 'app-combined-only-other-handler-invokes');
	const run = await exec(process.execPath, [BIN, 'check', '--lab', 'combined', '--dir', dir, '--format', 'json']).catch((error: {stdout: string}) => error);
	const finding = (JSON.parse(run.stdout) as {labs: {findings: Finding[]}[]}).labs[0]!.findings[0]!;
	expect(finding.message).toContain('handle_cleanup at app.py:10');
	expect(finding.message).toContain('the call at app.py:21');
	expect(finding.message).toContain('"monitoring-webhook"');
}, 60_000);
