import {access, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parse} from 'yaml';
import {beforeAll, describe, expect, it} from 'vitest';
import {categoryOf, lookupComponentType} from '../../src/core/catalog/index.js';
import type {LabDef} from '../../src/core/labs.js';
import {validateLabDef} from '../../src/core/labs-validate.js';
import {ruleById} from '../../src/core/rules/index.js';
import {initialState, reduce} from '../../src/core/session/reducer.js';
import {stepFindings} from '../../src/core/session/selectors.js';
import {checkFolder} from '../../src/runner/check-folder.js';
import {labFolders, loadLabs} from '../../src/runner/labs-loader.js';
import {packageRoot} from '../../src/runner/package-root.js';
import {loadQuiz} from '../../src/runner/quiz-loader.js';
import {listFiles} from '../../src/runner/workspace-writer.js';

const root = packageRoot();
let labs: readonly LabDef[];
beforeAll(async () => {
	labs = await loadLabs();
});

describe('lab content', () => {
	it('every lab.yaml validates', async () => {
		const folders = await labFolders(root);
		expect(folders.length).toBeGreaterThanOrEqual(3);
		for (const {id} of folders) {
			const result = validateLabDef(parse(await readFile(join(root, 'labs', id, 'lab.yaml'), 'utf8')), id);
			expect(result.ok, JSON.stringify(result)).toBe(true);
		}
		expect([...labs.map((l) => l.id)].sort()).toEqual(folders.map((f) => f.id).sort());
		// Listed by order:, ties by id; the shipped three keep their places.
		for (let i = 1; i < labs.length; i++) expect(labs[i - 1]!.order < labs[i]!.order || (labs[i - 1]!.order === labs[i]!.order && labs[i - 1]!.id < labs[i]!.id), labs[i]!.id).toBe(true);
		expect(labs.map((l) => l.id).filter((id) => ['lab-a', 'lab-b', 'combined'].includes(id))).toEqual(['lab-a', 'lab-b', 'combined']);
	});

	it('every step has at least two distinct staged hints, instructions and known rules', () => {
		for (const lab of labs) {
			for (const step of lab.steps) {
				const where = `${lab.id}/${step.id}`;
				expect(step.hints.length, where).toBeGreaterThanOrEqual(2);
				expect(new Set(step.hints).size, where).toBe(step.hints.length);
				for (const hint of step.hints) expect(hint.trim().length, where).toBeGreaterThan(10);
				expect(step.instructions.trim().length, where).toBeGreaterThan(40);
				for (const id of step.rules) if (id !== '*') expect(ruleById(id), `${where}: rule ${id}`).toBeDefined();
			}
		}
	});

	it('every static step names solution files, and every solutionFiles entry exists under solutions/<lab>/', async () => {
		for (const lab of labs) {
			for (const step of lab.steps) {
				if (step.kind === 'static') expect(step.solutionFiles.length, `${lab.id}/${step.id}`).toBeGreaterThan(0);
				for (const file of step.solutionFiles) await expect(access(join(root, 'labs', lab.id, 'solution', file)), `${lab.id}/${step.id}: ${file}`).resolves.toBeUndefined();
			}
		}
	});

	it('every starter fails each step with exactly the rule ids it declares', async () => {
		for (const lab of labs) {
			const {result} = await checkFolder(join(root, 'labs', lab.id, 'starter'), {labs: [lab.id]});
			// The workbook's own attribution (the checklist a student sees on each step).
			const state = reduce(initialState({labs, now: 0}), {type: 'check-finished', result});
			for (const step of lab.steps.filter((s) => s.kind === 'static')) {
				const got = [...new Set(stepFindings(state, lab, step).filter((f) => f.severity === 'error').map((f) => f.ruleId))].sort();
				expect(got, `${lab.id}/${step.id}`).toEqual([...(step.starterFails ?? [])].sort());
			}
		}
	});

	it('every reference solution passes its lab', async () => {
		for (const lab of labs) {
			const {result} = await checkFolder(join(root, 'labs', lab.id, 'solution'), {labs: [lab.id]});
			const labResult = result.labs[0]!;
			expect(labResult.findings.filter((f) => f.severity === 'error'), lab.id).toEqual([]);
			expect(labResult.steps.every((s) => s.status === 'pass'), lab.id).toBe(true);
		}
	});

	it('init writes every starter file (the starters ship whole)', async () => {
		for (const lab of labs) expect((await listFiles(join(root, 'labs', lab.id, 'starter'))).length, lab.id).toBeGreaterThan(0);
	});
});

describe('quiz content', () => {
	it('has the lesson\'s four needs and at least eight more, each with a real component type that fits the answer', async () => {
		const quiz = await loadQuiz();
		expect(quiz.filter((q) => q.fromLesson)).toHaveLength(4);
		expect(quiz.filter((q) => !q.fromLesson).length).toBeGreaterThanOrEqual(8);
		expect(new Set(quiz.map((q) => q.id)).size).toBe(quiz.length);
		expect(new Set(quiz.map((q) => q.answer))).toEqual(new Set(['binding', 'pubsub']));
		for (const q of quiz) {
			expect(lookupComponentType(q.componentType), q.id).not.toBeNull();
			expect(categoryOf(q.componentType), q.id).toBe(q.answer === 'binding' ? 'bindings' : 'pubsub');
			expect(q.reason.split('\n')).toHaveLength(1);
			expect(q.need).toMatch(/^[A-Z].*\.$/);
		}
	});
});
