/**
 * The rule shape: defineRule's checks, typed message ids, what a finding keeps (messageId, data) without printing it,
 * and a rule that throws or names an unknown message becoming an `internal/rule-crashed` finding.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {analyzeWorkspace} from '../../src/core/analyze.js';
import {checkModel, runRuleList} from '../../src/core/check.js';
import {RULE_CRASHED} from '../../src/core/finding.js';
import type {LabDef} from '../../src/core/labs.js';
import {defineRule, type Rule} from '../../src/core/rule.js';
import {rules} from '../../src/core/rules/index.js';
import {findingPlace} from '../../src/core/types.js';
import {formatJson} from '../../src/report/json.js';
import {formatText} from '../../src/report/text.js';
import {packageRoot} from '../../src/runner/package-root.js';
import {complete, LABS, NOW, workspaceOf} from '../helpers/rules.js';

const META = {description: 'Require a test.', severity: 'error', docs: 'A rule defined by the test of the rule shape, never registered.'} as const;
const AT = {line: 1, column: 1};

const greets = defineRule({
	id: 'test/greets',
	meta: {...META, messages: {hello: 'Hello {{name}}.', bye: 'Bye.'}},
	check({report}) {
		report({messageId: 'hello', data: {name: 'Ada\nLovelace'}, file: 'app.py', at: AT});
		// @ts-expect-error `hi` is not a key of meta.messages: the compiler rejects it.
		if (false as boolean) report({messageId: 'hi', file: 'app.py', at: AT});
	},
});

const throws = defineRule({
	id: 'test/throws',
	meta: {...META, messages: {never: 'Never.'}},
	check({report}) {
		report({messageId: 'never', file: 'app.py', at: AT});
		throw new TypeError('boom');
	},
});

const unknownId = defineRule({
	id: 'test/unknown-id',
	meta: {...META, messages: {known: 'Known {{x}}.'}},
	check({report}) {
		report({messageId: 'known', data: {x: 1}, file: 'app.py', at: AT});
		report({messageId: 'typo' as 'known', file: 'app.py', at: AT});
	},
});

const run = (...list: Rule[]) => runRuleList(analyzeWorkspace(workspaceOf(complete())), list, LABS.combined, NOW);

describe('defineRule', () => {
	test('rejects an id that is not group/name, no messages, an empty message', () => {
		expect(() => defineRule({id: 'nogroup', meta: {...META, messages: {a: 'A.'}}, check() {}})).toThrow(/group\/name/);
		expect(() => defineRule({id: 'test/none', meta: {...META, messages: {}}, check() {}})).toThrow(/no messages/);
		expect(() => defineRule({id: 'test/empty', meta: {...META, messages: {a: ' '}}, check() {}})).toThrow(/empty/);
	});
});

describe('findings keep their message id and data, and print neither', () => {
	test('messageId and data are on the finding', () => {
		const [finding] = run(greets);
		expect(finding).toMatchObject({ruleId: 'test/greets', message: 'Hello Ada Lovelace.', messageId: 'hello', data: {name: 'Ada Lovelace'}});
	});
	test('JSON.stringify, spreads and the JSON report leave them out', () => {
		const [finding] = run(greets);
		expect(JSON.parse(JSON.stringify(finding))).toEqual({ruleId: 'test/greets', severity: 'error', message: 'Hello Ada Lovelace.', file: 'app.py', line: 1, column: 1});
		expect(Object.keys({...finding})).not.toContain('messageId');
		const lab: LabDef = {id: 'combined', title: 'T', summary: '', appId: 'a', order: 1, requiredComponents: [], needsDaprSdk: false, steps: []};
		const result = checkModel(analyzeWorkspace(workspaceOf(complete())), [lab], {workspaceLabel: '.', version: '0', now: NOW});
		const withFinding = {...result, labs: [{...result.labs[0]!, findings: [finding!]}]};
		expect(formatJson(withFinding)).not.toMatch(/messageId|"data"/);
	});
});

describe('internal/rule-crashed', () => {
	test('a rule that throws gives one warning naming it, and its other reports are dropped', () => {
		const findings = run(throws, greets);
		expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
			[RULE_CRASHED, 'warning'],
			['test/greets', 'error'],
		]);
		expect(findings[0]!.message).toBe('The rule test/throws threw "TypeError: boom", so this folder was not checked for what it covers.');
		expect(findings[0]!.hint).toMatch(/dapr-labs bug/);
		expect(findingPlace(findings[0]!)).toBe('dapr-labs');
	});
	test('an unknown message id becomes the internal finding, never the raw id as a message', () => {
		const findings = run(unknownId);
		expect(findings.map((f) => f.ruleId)).toEqual([RULE_CRASHED]);
		expect(findings[0]!.message).toBe('The rule test/unknown-id reported an unknown message id "typo", so this folder was not checked for what it covers.');
	});
	test('the text report shows it under "Other findings" with its place', () => {
		const lab: LabDef = {id: 'combined', title: 'T', summary: '', appId: 'a', order: 1, requiredComponents: [], needsDaprSdk: false, steps: []};
		const result = checkModel(analyzeWorkspace(workspaceOf(complete())), [lab], {workspaceLabel: '.', version: '0', now: NOW});
		const crashed = run(throws);
		const text = formatText({...result, labs: [{...result.labs[0]!, findings: crashed}], summary: {errors: 0, warnings: 1}}, {labs: [lab]});
		expect(text).toContain('Other findings');
		expect(text).toContain(`warning dapr-labs  The rule test/throws threw`);
	});
});

describe('every messageId a rule file names is a key of its messages', () => {
	const root = join(packageRoot(), 'src', 'core', 'rules');
	const completeness = readFileSync(join(root, 'completeness.ts'), 'utf8');
	const completenessIds = [...(/type CompletenessMessageId = ([^;]+);/.exec(completeness)?.[1] ?? '').matchAll(/'(\w+)'/g)].map((m) => m[1]!);
	test('completeness.ts declares its ids', () => expect(completenessIds.length).toBeGreaterThan(0));
	test.each(rules.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
		const text = readFileSync(join(root, `${id}.ts`), 'utf8');
		const named = [...text.matchAll(/messageId:\s*([^,\n}]*)/g)].flatMap((match) => [...match[1]!.matchAll(/'(\w+)'/g)].map((m) => m[1]!));
		if (text.includes('reportCompleteness(')) named.push(...completenessIds);
		expect(named.length, 'the rule names at least one messageId').toBeGreaterThan(0);
		const keys = Object.keys(rule.meta.messages);
		expect([...new Set(named)].filter((name) => !keys.includes(name))).toEqual([]);
		// And the other way: every message is used (a message nobody reports is dead text in docs and SARIF).
		expect(keys.filter((key) => !named.includes(key))).toEqual([]);
	});
});
