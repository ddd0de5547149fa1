/**
 * The secure-triggers lab (issue 13) on its own: its lab.yaml validates, the starter fails each step with exactly
 * its declared rule ids, and the reference solution passes, read through the loader like every lab.
 */
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {analyzeWorkspace} from '../../src/core/analyze.js';
import {checkLab} from '../../src/core/check.js';
import type {LabDef} from '../../src/core/labs.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {packageRoot} from '../../src/runner/package-root.js';
import {readWorkspace} from '../../src/runner/read-workspace.js';

const dir = join(packageRoot(), 'labs', 'secure-triggers');
const NOW = new Date(Date.UTC(2026, 10, 30, 12, 0, 0));

async function lab(): Promise<LabDef> {
	const found = (await loadLabs()).find((candidate) => candidate.id === 'secure-triggers');
	if (!found) throw new Error('labs/secure-triggers is not among the loaded labs');
	return found;
}

async function checked(which: 'starter' | 'solution') {
	const def = await lab();
	return {def, result: checkLab(analyzeWorkspace(await readWorkspace(join(dir, which))), def, NOW)};
}

describe('secure-triggers lab', () => {
	it('lab.yaml validates', async () => {
		expect((await lab()).steps.map((step) => step.id)).toEqual(['cron-token', 'webhook', 'secrets', 'run']);
	});
	it('the starter fails each step with exactly its starterFails', async () => {
		const {def, result} = await checked('starter');
		for (const step of def.steps.filter((s) => s.kind === 'static')) {
			const got = [...new Set(result.findings.filter((f) => f.severity === 'error' && step.rules.includes(f.ruleId)).map((f) => f.ruleId))].sort();
			expect(got, step.id).toEqual([...(step.starterFails ?? [])].sort());
			expect(result.steps.find((s) => s.id === step.id)!.status, step.id).toBe(got.length > 0 ? 'fail' : 'pass');
		}
	});
	it('the reference solution passes every step', async () => {
		const {result} = await checked('solution');
		expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
		expect(result.steps.every((s) => s.status === 'pass')).toBe(true);
	});
});
