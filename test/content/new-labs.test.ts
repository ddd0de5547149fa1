/**
 * The three labs written from the lesson's closing prompts (issue 10, "the proof"): added as data only, so these
 * tests read them the way every command does (loadLabs, checkFolder) and hold them to their own declarations.
 */
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parse} from 'yaml';
import {beforeAll, describe, expect, it} from 'vitest';
import {evaluateSteps} from '../../src/core/check.js';
import {classifyLine} from '../../src/core/log/classify.js';
import type {LabDef} from '../../src/core/labs.js';
import {initialState, reduce} from '../../src/core/session/reducer.js';
import {stepFindings} from '../../src/core/session/selectors.js';
import {checkFolder} from '../../src/runner/check-folder.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {packageRoot} from '../../src/runner/package-root.js';

const root = packageRoot();
const NEW_LABS = ['silent-binding', 'system-stats', 'bindings-or-pubsub'] as const;
let labs: readonly LabDef[];

beforeAll(async () => {
	labs = await loadLabs();
});

function lab(id: string): LabDef {
	const found = labs.find((candidate) => candidate.id === id);
	if (!found) throw new Error(`loadLabs() has no lab ${id} (got ${labs.map((l) => l.id).join(', ')})`);
	return found;
}

/** lab.yaml as written (the parts a LabDef may not carry: order, runtime). */
async function rawLab(id: string): Promise<Record<string, unknown>> {
	return parse(await readFile(join(root, 'labs', id, 'lab.yaml'), 'utf8')) as Record<string, unknown>;
}

describe('the labs from the lesson\'s prompts', () => {
	it('are listed by loadLabs after the three existing labs, in their declared order', async () => {
		const ids = labs.map((l) => l.id);
		for (const id of NEW_LABS) expect(ids, id).toContain(id);
		expect(ids.filter((id) => (NEW_LABS as readonly string[]).includes(id))).toEqual([...NEW_LABS]);
		const orders = await Promise.all(NEW_LABS.map(async (id) => (await rawLab(id))['order']));
		expect(orders).toEqual([40, 50, 60]);
		for (const old of ['lab-a', 'lab-b', 'combined']) if (ids.includes(old)) expect(ids.indexOf(old)).toBeLessThan(ids.indexOf('silent-binding'));
	});

	it.each(NEW_LABS)('%s: the starter fails each step with exactly its declared starterFails, and nothing else', async (id) => {
		const def = lab(id);
		const {result} = await checkFolder(join(root, 'labs', id, 'starter'), {labs: [id]});
		const labResult = result.labs.find((l) => l.id === id)!;
		const state = reduce(initialState({labs, now: 0}), {type: 'check-finished', result});
		const declared = new Set<string>();
		for (const step of def.steps.filter((s) => s.kind === 'static')) {
			// The workbook's checklist of the step and the check's own step verdict agree with the declaration.
			const got = [...new Set(stepFindings(state, def, step).filter((f) => f.severity === 'error').map((f) => f.ruleId))].sort();
			expect(got, `${id}/${step.id}`).toEqual([...(step.starterFails ?? [])].sort());
			expect(labResult.steps.find((s) => s.id === step.id)!.status, `${id}/${step.id}`).toBe((step.starterFails ?? []).length > 0 ? 'fail' : 'pass');
			for (const ruleId of step.starterFails ?? []) declared.add(ruleId);
		}
		// No error of the starter is left unattributed (an error on no step would fail the lab with every step passed).
		expect([...new Set(labResult.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId))].sort(), id).toEqual([...declared].sort());
		expect(labResult.status).toBe('fail');
	});

	it.each(NEW_LABS)('%s: the reference solution passes with no error and no warning', async (id) => {
		const {result} = await checkFolder(join(root, 'labs', id, 'solution'), {labs: [id]});
		const labResult = result.labs.find((l) => l.id === id)!;
		expect(labResult.findings.filter((f) => f.severity !== 'info'), id).toEqual([]);
		expect(labResult.status).toBe('pass');
		expect(labResult.steps.every((s) => s.status === 'pass'), id).toBe(true);
		expect(labResult.score).toBe(labResult.maxScore);
		expect(evaluateSteps(lab(id), labResult.findings).every((s) => s.status === 'pass')).toBe(true);
	});

	it.each(NEW_LABS)('%s: every step has a nudge first and the exact fix last, and the lab has real-Dapr notes', (id) => {
		const def = lab(id);
		expect(def.realDaprNotes?.length ?? 0, id).toBeGreaterThanOrEqual(3);
		expect(def.summary.trim().length).toBeGreaterThan(40);
		for (const step of def.steps) {
			expect(step.hints.length, `${id}/${step.id}`).toBeGreaterThanOrEqual(3);
			// The last hint is the most concrete one: it quotes code or a value in backticks or quotes.
			expect(step.hints.at(-1), `${id}/${step.id}`).toMatch(/[`"]/);
		}
	});

	it('labs 1 and 2 declare what `dapr-labs run` observes; lab 3 is static only, with no runtime section', async () => {
		const silent = await rawLab('silent-binding');
		expect(silent['runtime']).toEqual({probes: [{kind: 'cron-triggers', binding: 'nightly-cleanup', count: 2}]});
		const stats = await rawLab('system-stats');
		expect(stats['runtime']).toEqual({
			probes: [
				{kind: 'cron-triggers', binding: 'stats-cron', count: 2},
				{kind: 'webhook-receiver', binding: 'monitoring-webhook', expectKeys: ['load_average', 'memory', 'disk']},
			],
		});
		const design = await rawLab('bindings-or-pubsub');
		expect(design['runtime']).toBeUndefined();
		expect(lab('bindings-or-pubsub').steps.every((s) => s.kind === 'static')).toBe(true);
	});
});

describe('silent-binding teaches the line daprd prints', () => {
	it('quotes a debug line the run\'s classifier reads as a 404 delivery to nightly-cleanup', () => {
		const def = lab('silent-binding');
		const text = [...def.steps.map((s) => s.instructions), ...(def.realDaprNotes ?? [])].join('\n');
		const quoted = /`(error from app consumer for binding \[[^\]]+\]: [^`]+)`/.exec(text)?.[1];
		expect(quoted).toBeDefined();
		// As daprd prints it (logfmt, debug level, the scope of dapr/dapr pkg/runtime/processor/binding/input/input.go).
		const line = `time="2026-01-01T02:00:00.000Z" level=debug msg=${JSON.stringify(quoted)} app_id=cron-app instance=host scope=dapr.runtime.processor.binding.input type=log ver=1.18.3`;
		expect(classifyLine(line).event).toEqual({type: 'delivery-failed', binding: 'nightly-cleanup', status: 404, body: '{"detail":"Not Found"}'});
	});

	it('the starter\'s route is the lesson\'s near miss, and the solution serves the component name', async () => {
		const starter = await readFile(join(root, 'labs/silent-binding/starter/app.py'), 'utf8');
		const solution = await readFile(join(root, 'labs/silent-binding/solution/app.py'), 'utf8');
		const component = await readFile(join(root, 'labs/silent-binding/starter/components/cron-binding.yaml'), 'utf8');
		expect(starter).toContain('@app.post("/nightly_cleanup")');
		expect(solution).toContain('@app.post("/nightly-cleanup")');
		expect(component).toMatch(/name: nightly-cleanup\n/);
		expect(component).toContain('value: "0 0 2 * * *"');
		expect(component).toMatch(/name: direction\n\s+value: "input"/);
	});
});
