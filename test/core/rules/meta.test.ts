/**
 * Keeps the rule registry, the rule files, the lab definitions, docs/rules.md and the tests in step.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, expect, test} from 'vitest';
import {parse} from 'yaml';
import {ruleById, rules} from '../../../src/core/rules/index.js';
import {packageRoot} from '../../../src/runner/package-root.js';

const ROOT = packageRoot();
const RULES_DIR = join(ROOT, 'src', 'core', 'rules');

function ruleFiles(): string[] {
	const out: string[] = [];
	for (const group of readdirSync(RULES_DIR, {withFileTypes: true})) {
		if (!group.isDirectory()) continue;
		for (const file of readdirSync(join(RULES_DIR, group.name))) if (file.endsWith('.ts')) out.push(relative(RULES_DIR, join(RULES_DIR, group.name, file)).replace(/\\/g, '/').replace(/\.ts$/, ''));
	}
	return out.sort();
}

function labRuleIds(): Map<string, Set<string>> {
	const byLab = new Map<string, Set<string>>();
	for (const lab of readdirSync(join(ROOT, 'labs'))) {
		const path = join(ROOT, 'labs', lab, 'lab.yaml');
		if (!existsSync(path)) continue;
		const data = parse(readFileSync(path, 'utf8')) as {steps: {rules: string[]; starterFails?: string[]}[]};
		byLab.set(lab, new Set(data.steps.flatMap((step) => [...step.rules, ...(step.starterFails ?? [])]).filter((id) => id !== '*')));
	}
	return byLab;
}

const docs = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
const docSections = new Set([...docs.matchAll(/^## (\S+)\s*$/gm)].map((match) => match[1]!));

describe('rule registry', () => {
	test('every rule file is registered under its path, and nothing else is', () => {
		expect(rules.map((rule) => rule.id).sort()).toEqual(ruleFiles());
	});
	test('ids are unique and ruleById finds each', () => {
		expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
		for (const rule of rules) expect(ruleById(rule.id)).toBe(rule);
		expect(ruleById('no/such-rule')).toBeUndefined();
	});
	test('every rule id used in labs/*/lab.yaml exists', () => {
		for (const [lab, ids] of labRuleIds()) for (const id of ids) expect(ruleById(id), `${lab} uses ${id}`).toBeDefined();
	});
	test('every registered rule gates some lab', () => {
		const used = new Set([...labRuleIds().values()].flatMap((ids) => [...ids]));
		for (const rule of rules) expect(used.has(rule.id), rule.id).toBe(true);
	});
	test('every rule has a docs/rules.md section and a test file', () => {
		for (const rule of rules) {
			expect(docSections.has(rule.id), `docs/rules.md lacks ## ${rule.id}`).toBe(true);
			expect(existsSync(join(ROOT, 'test', 'core', 'rules', `${rule.id}.test.ts`)), `test/core/rules/${rule.id}.test.ts`).toBe(true);
		}
		expect([...docSections].filter((id) => !ruleById(id))).toEqual([]);
	});
	test('every rule test file is a table test (test/helpers/rule-tester.ts)', () => {
		for (const rule of rules) expect(readFileSync(join(ROOT, 'test', 'core', 'rules', `${rule.id}.test.ts`), 'utf8'), rule.id).toContain('ruleTester.run(rule, {');
	});
	test.each(rules.map((rule) => [rule.id, rule] as const))('%s: meta is well formed', (_id, rule) => {
		expect(rule.meta.description).toMatch(/^(Require|Disallow|Enforce) /);
		expect(['error', 'warning', 'info']).toContain(rule.meta.severity);
		expect(rule.meta.docs.length).toBeGreaterThan(40);
		expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
		for (const message of Object.values(rule.meta.messages)) {
			// Sentences: a capital first, a full stop (or question mark) last; `{{detail}}` placeholders carry their own.
			expect(message, message).toMatch(/^[A-Z]/);
			expect(message, message).toMatch(/[.?]$|\{\{detail\}\}$/);
		}
		const section = docs.split(/^## /m).find((part) => part.startsWith(`${rule.id}\n`)) ?? '';
		expect(section).toContain(`Severity: ${rule.meta.severity}`);
	});
});
