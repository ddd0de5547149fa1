/**
 * The shipped content against the real checker: reference components and solutions pass, starters fail with exactly
 * the ids their lab.yaml declares, and every rule fixture fails with exactly its expect.json ids.
 */
import {readdirSync} from 'node:fs';
import {cp, mkdir, mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {LabDef} from '../../src/core/labs.js';
import type {Finding, LabId} from '../../src/core/types.js';
import {checkFolder} from '../../src/runner/check-folder.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {packageRoot} from '../../src/runner/package-root.js';

const ROOT = packageRoot();
// Every lab folder, in list order: a lab added as data is covered with no change here.
const labs: readonly LabDef[] = await loadLabs();
const LAB_IDS: readonly LabId[] = labs.map((lab) => lab.id);

function describeFindings(findings: readonly Finding[]): string[] {
	return findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`);
}

describe('reference content passes', () => {
	test.each(LAB_IDS)('labs/%s/solution passes its lab with no errors or warnings', async (id) => {
		const {result} = await checkFolder(join(ROOT, 'labs', id, 'solution'), {labs: [id]});
		const lab = result.labs[0]!;
		expect(describeFindings(lab.findings.filter((f) => f.severity !== 'info'))).toEqual([]);
		expect(lab.status).toBe('pass');
		expect(lab.score).toBe(lab.maxScore);
	});

	describe('components/ in a folder with the combined solution app', () => {
		let dir = '';
		beforeAll(async () => {
			dir = await mkdtemp(join(tmpdir(), 'dapr-labs-corpus-'));
			await mkdir(join(dir, 'components'));
			for (const name of await readdir(join(ROOT, 'components'))) await cp(join(ROOT, 'components', name), join(dir, 'components', name));
			await cp(join(ROOT, 'labs', 'combined', 'solution', 'app.py'), join(dir, 'app.py'));
			await cp(join(ROOT, 'labs', 'combined', 'solution', 'Dockerfile'), join(dir, 'Dockerfile'));
		});
		afterAll(async () => {
			if (dir) await rm(dir, {recursive: true, force: true});
		});
		// The reference components are as good as the combined solution's own: every lab that solution passes in its
		// own folder (a lab that asks for more of the app, such as the token check of secure-triggers, is not one).
		test('passes every lab the combined solution passes, with no errors or warnings', async () => {
			const own = await checkFolder(join(ROOT, 'labs', 'combined', 'solution'));
			const passed = own.result.labs.filter((lab) => lab.status === 'pass').map((lab) => lab.id);
			expect(passed).toContain('combined');
			const {result} = await checkFolder(dir, {labs: passed});
			expect(result.labs.map((lab) => lab.id)).toEqual(passed);
			for (const lab of result.labs) {
				expect(describeFindings(lab.findings.filter((f) => f.severity !== 'info')), lab.id).toEqual([]);
				expect(lab.status).toBe('pass');
			}
		});
	});
});

describe('starters fail with exactly their declared ids', () => {
	test.each(LAB_IDS)('labs/%s/starter', async (id) => {
		const def = labs.find((lab) => lab.id === id)!;
		const expected = [...new Set(def.steps.flatMap((step) => step.starterFails ?? []))].sort();
		expect(expected.length).toBeGreaterThan(0);
		const {result} = await checkFolder(join(ROOT, 'labs', id, 'starter'), {labs: [id]});
		const lab = result.labs[0]!;
		const got = [...new Set(lab.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId))].sort();
		expect(got).toEqual(expected);
		expect(lab.status).toBe('fail');
		// Each step that declares starterFails fails; the others pass unless they are runtime steps.
		for (const step of def.steps) {
			const status = lab.steps.find((s) => s.id === step.id)!.status;
			if (step.kind === 'runtime') expect(status).toBe('fail');
			else expect(status).toBe((step.starterFails ?? []).length > 0 ? 'fail' : 'pass');
		}
	});
});

describe('rule fixtures fail with exactly their declared ids', () => {
	const base = join(ROOT, 'test', 'fixtures', 'rules');
	const names = readdirSync(base, {withFileTypes: true})
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort();
	test('there is a fixture folder per rule group at least', () => {
		expect(names.length).toBeGreaterThanOrEqual(20);
	});
	test.each(names)('%s', async (name) => {
		// ruleIds: the error ids; warnings (optional): the warning ids, for rules whose finding is a warning.
		const spec = JSON.parse(await readFile(join(base, name, 'expect.json'), 'utf8')) as {lab: LabId; ruleIds: string[]; warnings?: string[]};
		const {result} = await checkFolder(join(base, name), {labs: [spec.lab]});
		const lab = result.labs[0]!;
		const ids = (severity: string) => [...new Set(lab.findings.filter((f) => f.severity === severity).map((f) => f.ruleId))].sort();
		const context = describeFindings(lab.findings).join('\n');
		expect(ids('error'), context).toEqual([...spec.ruleIds].sort());
		if (spec.warnings) expect(ids('warning'), context).toEqual([...spec.warnings].sort());
		expect(lab.status).toBe(spec.ruleIds.length > 0 ? 'fail' : 'pass');
	});
});
