/**
 * Every workflow the project ships (the `init --classroom` template, for each lab) or documents (the YAML blocks of
 * docs/grading.md) passes GitHub's own workflow parser and actionlint, and action.yml passes the parser's action
 * manifest rules. Broken copies are rejected by both, so the validators are known to bite.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {parse as parseYaml} from 'yaml';
import {beforeAll, describe, expect, it} from 'vitest';
import type {LabDef} from '../../src/core/labs.js';
import {CLASSROOM_TEMPLATES, DEFAULT_ACTION, renderClassroomTemplate} from '../../src/report/classroom-template.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {hasTool, requireOrSkip} from '../helpers/e2e.js';
import {actionlint, actionlintVersion, actionManifest, fencedBlocks, ROOT, workflowParserErrors} from './workflow-lint.js';

type Workflow = {name: string; content: string};
type Step = {id?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string>; run?: string};
type Job = {steps: Step[]; permissions?: Record<string, string>; if?: string};

let labs: readonly LabDef[];
const template = readFileSync(join(ROOT, 'templates', 'classroom', CLASSROOM_TEMPLATES['.github/workflows/classroom.yml']!), 'utf8');
const docs = readFileSync(join(ROOT, 'docs', 'grading.md'), 'utf8');
const yamlBlocks = fencedBlocks(docs).filter((block) => block.lang === 'yaml');
const documented: Workflow[] = yamlBlocks.filter((block) => /^jobs:/m.test(block.text)).map((block) => ({name: `docs/grading.md:${block.line}`, content: block.text}));
const gitlab = yamlBlocks.filter((block) => !/^jobs:/m.test(block.text));

beforeAll(async () => {
	labs = await loadLabs();
});

function shipped(): Workflow[] {
	return labs.map((lab) => ({name: `templates/classroom/classroom.yml (${lab.id})`, content: renderClassroomTemplate(template, lab)}));
}

/** The reporter's contract: every runner id has a step with that id whose `result` output is in <ID>_RESULTS. */
function reporterWiring(content: string): {runners: string[]; graders: Step[]} {
	const workflow = parseYaml(content) as {jobs: Record<string, Job>};
	const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
	const reporter = steps.find((step) => step.uses?.startsWith('classroom-resources/autograding-grading-reporter@'));
	if (!reporter) return {runners: [], graders: []};
	const runners = String(reporter.with?.['runners'] ?? '').split(',').map((id) => id.trim());
	const graders = runners.map((id) => {
		expect(reporter.env?.[`${id.toUpperCase()}_RESULTS`], `${id.toUpperCase()}_RESULTS`).toMatch(new RegExp(`^\\$\\{\\{ steps\\.${id}\\.outputs\\.result \\}\\}$`));
		const grader = steps.find((step) => step.id === id);
		expect(grader, `a step with id ${id}`).toBeDefined();
		return grader!;
	});
	return {runners, graders};
}

describe('shipped and documented workflows', () => {
	it('docs/grading.md documents GitHub workflows and a GitLab CI job', () => {
		expect(documented.length).toBeGreaterThanOrEqual(4);
		expect(gitlab).toHaveLength(1);
		expect(labs.map((lab) => lab.id).slice(0, 3)).toEqual(['lab-a', 'lab-b', 'combined']);
	});

	it("GitHub's workflow parser accepts every one", async () => {
		for (const workflow of [...shipped(), ...documented]) expect(await workflowParserErrors(workflow.name, workflow.content), workflow.name).toEqual([]);
	});

	it('actionlint finds nothing in any of them', async () => {
		expect(actionlintVersion()).toBe('v1.7.7');
		for (const workflow of [...shipped(), ...documented]) expect(await actionlint(workflow.name, workflow.content), workflow.name).toEqual([]);
	});

	it('both reject a broken workflow (a bad permission, a reference to a step that does not exist)', async () => {
		const lab = labs[0]!;
		const broken = renderClassroomTemplate(template, lab).replace('checks: write', 'checks: writ').replace('steps.daprlabs.outputs.result', 'steps.daprlab.outputs.result');
		expect((await workflowParserErrors('broken.yml', broken)).join('\n')).toMatch(/writ/);
		const lint = (await actionlint('broken.yml', broken)).join('\n');
		expect(lint).toMatch(/"writ" is invalid for permission/);
		expect(lint).toMatch(/property "daprlab" is not defined/);
	});

	it('the Classroom workflows are wired the way the reporter reads them', () => {
		for (const workflow of [...shipped(), ...documented.filter((doc) => doc.content.includes('autograding-grading-reporter'))]) {
			const parsed = parseYaml(workflow.content) as {name: string; on: string[]; permissions: Record<string, string>; jobs: Record<string, Job>};
			expect(parsed.name, workflow.name).toBe('Autograding Tests');
			expect(parsed.permissions, workflow.name).toEqual({checks: 'write', actions: 'read', contents: 'read'});
			expect(Object.keys(parsed.jobs), workflow.name).toEqual(['run-autograding-tests']);
			expect(parsed.jobs['run-autograding-tests']!.if).toBe("github.actor != 'github-classroom[bot]'");
			const {runners, graders} = reporterWiring(workflow.content);
			expect(runners.length, workflow.name).toBeGreaterThan(0);
			for (const id of runners) expect(id).toMatch(/^[a-zA-Z0-9]+$/);
			for (const grader of graders) {
				if (grader.uses) {
					expect(grader.uses).toBe(DEFAULT_ACTION);
					expect(grader.with).toMatchObject({mode: 'grade'});
				} else expect(grader.run).toMatch(/result=\$\(npx --yes dapr-labs grade .* --format classroom \| base64 -w0\)" >> "\$GITHUB_OUTPUT"/);
			}
		}
	});

	it('the documented Lab A Classroom workflow is the one init --classroom writes', () => {
		const lab = labs.find((candidate) => candidate.id === 'lab-a')!;
		const first = documented.find((doc) => doc.content.includes('autograding-grading-reporter'))!;
		expect(parseYaml(first.content)).toEqual(parseYaml(renderClassroomTemplate(template, lab)));
	});

	it('the documented plain-Actions workflow uploads the SARIF file the action writes', () => {
		const plain = documented.find((doc) => doc.content.includes('upload-sarif'))!;
		const workflow = parseYaml(plain.content) as {permissions: Record<string, string>; jobs: Record<string, Job>};
		expect(workflow.permissions['security-events']).toBe('write');
		const steps = Object.values(workflow.jobs)[0]!.steps;
		const check = steps.find((step) => step.uses === DEFAULT_ACTION)!;
		const upload = steps.find((step) => step.uses === 'github/codeql-action/upload-sarif@v4')!;
		expect(upload.with?.['sarif_file']).toBe(check.with?.['sarif-file']);
	});

	it("every use of the dapr-labs action passes only inputs that action.yml declares, and the required ones", () => {
		const manifest = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {inputs: Record<string, {required?: boolean}>};
		const required = Object.entries(manifest.inputs).filter(([, input]) => input.required).map(([name]) => name);
		let uses = 0;
		for (const workflow of [...shipped(), ...documented]) {
			const parsed = parseYaml(workflow.content) as {jobs: Record<string, Job>};
			for (const step of Object.values(parsed.jobs).flatMap((job) => job.steps).filter((candidate) => candidate.uses === DEFAULT_ACTION)) {
				uses++;
				for (const key of Object.keys(step.with ?? {})) expect(Object.keys(manifest.inputs), `${workflow.name}: ${key}`).toContain(key);
				for (const key of required) expect(Object.keys(step.with ?? {}), `${workflow.name}: ${key}`).toContain(key);
			}
		}
		expect(uses).toBeGreaterThanOrEqual(7);
	});

	it('the documented GitLab CI job keeps the JUnit report even when the check fails', () => {
		const job = (parseYaml(gitlab[0]!.text) as Record<string, {script: string[]; artifacts: {when: string; reports: {junit: string}}}>)['dapr-labs']!;
		expect(job.artifacts.when).toBe('always');
		expect(job.script.join('\n')).toContain(`--format junit > ${job.artifacts.reports.junit}`);
	});
});

/**
 * shellcheck on a `run:` block, as actionlint runs it when the native binary finds shellcheck (the WebAssembly build
 * cannot): `${{ }}` expressions stand in as a plain word, the script runs under bash -e.
 */
function shellcheck(script: string): string {
	const text = '#!/bin/bash\nset -e\n' + script.replace(/\$\{\{[^}]*\}\}/g, 'EXPR');
	try {
		execFileSync('shellcheck', ['--shell=bash', '--severity=style', '-'], {input: text, encoding: 'utf8'});
		return '';
	} catch (error) {
		return (error as {stdout?: string}).stdout ?? String(error);
	}
}

describe('run: blocks', () => {
	it('shellcheck finds nothing in the action and in the shipped and documented workflows', (context) => {
		if (!requireOrSkip(hasTool('shellcheck'), 'shellcheck (apt-get install shellcheck)')) return context.skip();
		expect(shellcheck('if [ $x = 1 ] then echo; fi')).toMatch(/SC\d+/);
		const manifest = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {runs: {steps: Step[]}};
		const scripts = manifest.runs.steps.filter((step) => step.run).map((step) => ({where: `action.yml: ${step.run!.split('\n')[0]}`, run: step.run!}));
		for (const workflow of [...shipped(), ...documented]) {
			const parsed = parseYaml(workflow.content) as {jobs: Record<string, Job>};
			for (const step of Object.values(parsed.jobs).flatMap((job) => job.steps)) if (step.run) scripts.push({where: workflow.name, run: step.run});
		}
		expect(scripts.length).toBeGreaterThanOrEqual(6);
		for (const script of scripts) expect(shellcheck(script.run), script.where).toBe('');
	});
});

describe('action.yml', () => {
	const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');

	it("passes GitHub's action manifest rules", () => {
		const {errors, action} = actionManifest(text);
		expect(errors).toEqual([]);
		expect(action!.runs.using).toBe('composite');
		expect(action!.inputs!.map((input) => input.id)).toEqual(expect.arrayContaining(['lab', 'dir', 'mode', 'run', 'sarif-file']));
		expect(action!.inputs!.find((input) => input.id === 'lab')!.required).toBe(true);
		expect(action!.outputs!.map((output) => output.id)).toEqual(expect.arrayContaining(['result', 'sarif-file']));
	});

	it('the manifest rules reject a broken action', () => {
		expect(actionManifest(text.replace('using: composite', 'using: node99')).errors.length).toBeGreaterThan(0);
		expect(actionManifest(text.replace(/^description: .*$/m, '')).errors.join('\n')).toMatch(/description/);
	});

	it('every input and step it references exists, and so does the script it runs', () => {
		const manifest = parseYaml(text) as {inputs: Record<string, unknown>; runs: {steps: Step[]}};
		for (const [, name] of text.matchAll(/\binputs\.([\w-]+)/g)) expect(Object.keys(manifest.inputs), name).toContain(name);
		const ids = manifest.runs.steps.map((step) => step.id).filter(Boolean);
		for (const [, id] of text.matchAll(/\bsteps\.([\w-]+)\.outputs/g)) expect(ids, id).toContain(id);
		for (const [, script] of text.matchAll(/\$\{GITHUB_ACTION_PATH\}\/([\w./-]+)/g)) expect(existsSync(join(ROOT, script!)), script).toBe(true);
		// Inputs reach scripts through env, never by ${{ }} inside a run block (no injection through an input).
		for (const step of manifest.runs.steps) expect(step.run ?? '', step.run).not.toContain('${{');
	});
});
