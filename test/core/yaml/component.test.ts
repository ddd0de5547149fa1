import {describe, expect, it} from 'vitest';
import type {ComponentDoc, MetadataItem} from '../../../src/core/model.js';
import {MAX_ALIAS_EXPANSION, parseComponentFile} from '../../../src/core/yaml/component.js';
import {cronYaml} from '../../helpers/components.js';

const FILE = 'components/cron-binding.yaml';

const CRON = cronYaml();

function only(text: string): ComponentDoc {
	const result = parseComponentFile(FILE, text);
	expect(result.errors).toEqual([]);
	expect(result.docs).toHaveLength(1);
	return result.docs[0]!;
}

function item(text: string, index = 0): MetadataItem {
	const doc = only(text);
	expect(doc.metadata).not.toBeNull();
	return doc.metadata![index]!;
}

/** A component whose spec.metadata is the given YAML lines (indented by the helper). */
function withMetadata(lines: string): string {
	const body = lines
		.split('\n')
		.map((line) => (line ? `    ${line}` : line))
		.join('\n');
	return `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: c\nspec:\n  type: bindings.cron\n  version: v1\n  metadata:\n${body}\n`;
}

describe('parseComponentFile: positions', () => {
	it('gives 1-based line/column spans for each field of the reference cron component', () => {
		const doc = only(CRON);
		expect(doc.file).toBe(FILE);
		expect(doc.index).toBe(0);
		expect(doc.span).toMatchObject({line: 1, column: 1, endLine: 12});
		expect(doc.apiVersion).toEqual({value: 'dapr.io/v1alpha1', span: {line: 1, column: 13, endLine: 1, endColumn: 28}});
		expect(doc.kind).toEqual({value: 'Component', span: {line: 2, column: 7, endLine: 2, endColumn: 15}});
		expect(doc.metadataSpan).toEqual({line: 3, column: 1, endLine: 3, endColumn: 8});
		expect(doc.name).toEqual({value: 'cleanup-cron', span: {line: 4, column: 9, endLine: 4, endColumn: 20}});
		expect(doc.specSpan).toEqual({line: 5, column: 1, endLine: 5, endColumn: 4});
		expect(doc.type).toEqual({value: 'bindings.cron', span: {line: 6, column: 9, endLine: 6, endColumn: 21}});
		expect(doc.version).toEqual({value: 'v1', span: {line: 7, column: 12, endLine: 7, endColumn: 13}});
		expect(doc.metadataShapeError).toBeNull();
		expect(doc.ignoreErrors).toBe(false);
		expect(doc.metadata).toHaveLength(2);
		const [schedule, direction] = doc.metadata!;
		expect(schedule!.name).toEqual({value: 'schedule', span: {line: 9, column: 13, endLine: 9, endColumn: 20}});
		// The quoted value's span includes its quotes: that is what the student sees.
		expect(schedule!.value).toEqual({value: '@every 30s', span: {line: 10, column: 14, endLine: 10, endColumn: 25}});
		expect(schedule!.span).toEqual({line: 9, column: 7, endLine: 10, endColumn: 25});
		expect(schedule!.shapeProblems).toEqual([]);
		expect(direction!.value?.value).toBe('input');
		expect(direction!.span.line).toBe(11);
	});

	it('points an empty value at its key', () => {
		const entry = item(withMetadata('- name: redisPassword\n  value:'));
		expect(entry.value).toEqual({value: '', span: {line: 10, column: 7, endLine: 10, endColumn: 11}});
		expect(entry.shapeProblems).toEqual([]);
	});

	it('reads flow-style metadata entries with their columns', () => {
		const entry = item(withMetadata('- {name: url, value: "http://x"}'));
		expect(entry.name).toEqual({value: 'url', span: {line: 9, column: 14, endLine: 9, endColumn: 16}});
		expect(entry.value?.span).toEqual({line: 9, column: 26, endLine: 9, endColumn: 35});
	});
});

describe('parseComponentFile: values as daprd reads them', () => {
	it.each([
		['5', '5'],
		['5.0', '5'],
		['1.5', '1.5'],
		['-3', '-3'],
		['true', 'true'],
		['false', 'false'],
		['yes', 'true'],
		['off', 'false'],
		['"yes"', 'yes'],
		['null', ''],
		['~', ''],
		['""', ''],
		["'@every 1s'", '@every 1s'],
		['"0 */5 * * * *"', '0 */5 * * * *'],
		['localhost:6379', 'localhost:6379'],
		['|\n        line one\n        line two', 'line one\nline two\n'],
		['99999999999999999999', '99999999999999999999'],
	])('value: %s → %j', (yaml, expected) => {
		expect(item(withMetadata(`- name: k\n  value: ${yaml}`)).value?.value).toBe(expected);
	});

	it('keeps yes/no as text outside metadata values (name is a Go string field)', () => {
		const doc = only(CRON.replace('name: cleanup-cron', 'name: yes'));
		expect(doc.name?.value).toBe('yes');
	});

	it('records secretKeyRef and envRef', () => {
		const doc = only(withMetadata('- name: password\n  secretKeyRef:\n    name: redis\n    key: pw\n- name: schedule\n  envRef: CRON_SCHEDULE'));
		const [secret, env] = doc.metadata!;
		expect(secret!.value).toBeNull();
		expect(secret!.secretKeyRef).toEqual({line: 11, column: 9, endLine: 12, endColumn: 15});
		expect(secret!.shapeProblems).toEqual([]);
		expect(env!.envRef).toEqual({value: 'CRON_SCHEDULE', span: {line: 14, column: 15, endLine: 14, endColumn: 27}});
		expect(env!.shapeProblems).toEqual([]);
	});

	it('reads ignoreErrors as Go would (true, yes), and false otherwise', () => {
		const base = CRON.replace('  version: v1\n', '  version: v1\n  ignoreErrors: VALUE\n');
		expect(only(base.replace('VALUE', 'true')).ignoreErrors).toBe(true);
		expect(only(base.replace('VALUE', 'yes')).ignoreErrors).toBe(true);
		expect(only(base.replace('VALUE', 'false')).ignoreErrors).toBe(false);
		expect(only(base.replace('VALUE', '"maybe"')).ignoreErrors).toBe(false);
	});

	it('follows aliases to scalars where a value is needed, spanning the alias', () => {
		const doc = only(`x-schedule: &every "@every 5s"\n${withMetadata('- name: schedule\n  value: *every')}`);
		expect(doc.metadata![0]!.value).toEqual({value: '@every 5s', span: {line: 11, column: 14, endLine: 11, endColumn: 19}});
	});

	it('quotes the source of a map or list where a string belongs', () => {
		const doc = only(CRON.replace('type: bindings.cron', 'type: [bindings.cron]'));
		expect(doc.type?.value).toBe('[bindings.cron]');
		expect(doc.type?.span).toMatchObject({line: 6, column: 9});
	});

	it('is case-sensitive about component keys', () => {
		const doc = only(CRON.replace('  type: bindings.cron', '  Type: bindings.cron').replace('kind: Component', 'Kind: Component'));
		expect(doc.type).toBeNull();
		expect(doc.kind).toBeNull();
	});
});

describe('parseComponentFile: metadata shape problems', () => {
	const cases: [string, string, RegExp, {line: number; column: number}][] = [
		['not a map', '- just a string', /must be a map.*this one is a string/, {line: 9, column: 7}],
		['a list item', '- [a, b]', /this one is a list/, {line: 9, column: 7}],
		['name missing', '- value: "x"', /has no "name"/, {line: 9, column: 7}],
		['name a number', '- name: 5\n  value: x', /must be a string; it is a number \(5\)/, {line: 9, column: 13}],
		['name a map', '- name: {a: 1}\n  value: x', /must be a string; it is a map/, {line: 9, column: 13}],
		['name empty', '- name:\n  value: x', /must be a string; it is empty/, {line: 9, column: 7}],
		['no value', '- name: schedule', /"schedule" has no value/, {line: 9, column: 7}],
		['two of them', '- name: schedule\n  value: x\n  envRef: Y', /sets "value" and "envRef"; use only one/, {line: 9, column: 7}],
		['unknown key, near', '- name: schedule\n  vaule: x', /unknown key "vaule"; did you mean "value"\?/, {line: 10, column: 7}],
		['unknown key, far', '- name: schedule\n  value: x\n  comment: hi', /unknown key "comment"; an entry holds only/, {line: 11, column: 7}],
		['secretKeyRef not a map', '- name: pw\n  secretKeyRef: redis', /The secretKeyRef of this entry must be a map/, {line: 10, column: 21}],
		['secretKeyRef without name', '- name: pw\n  secretKeyRef:\n    key: pw', /The secretKeyRef of this entry needs a "name"/, {line: 11, column: 9}],
		['envRef a list', '- name: pw\n  envRef: [A]', /The envRef of this entry must name an environment variable; it is a list/, {line: 10, column: 15}],
	];
	it.each(cases)('%s', (_label, lines, message, at) => {
		const entry = item(withMetadata(lines));
		expect(entry.shapeProblems.map((problem) => problem.message)).toContainEqual(expect.stringMatching(message));
		const problem = entry.shapeProblems.find((candidate) => message.test(candidate.message))!;
		expect(problem.span).toMatchObject(at);
		for (const each of entry.shapeProblems) expect(each.message).toMatch(/^[A-Z].*[.?]$/);
	});

	it('reports every problem of one entry, each once', () => {
		const entry = item(withMetadata('- Name: schedule\n  vaule: x'));
		expect(entry.name).toBeNull();
		expect(entry.shapeProblems.map((problem) => problem.message)).toEqual([
			expect.stringMatching(/has no "name"/),
			expect.stringMatching(/has no value/),
			expect.stringMatching(/unknown key "Name"; did you mean "name"\?/),
			expect.stringMatching(/unknown key "vaule"; did you mean "value"\?/),
		]);
	});

	it.each([
		['a map', '  metadata:\n    schedule: "@every 1s"', /it is a map: turn each "key: value" into "- name: key"/, {line: 9, column: 5}],
		['a string', '  metadata: schedule', /it is a string/, {line: 8, column: 13}],
	])('spec.metadata that is %s is a metadataShapeError', (_label, spec, message, at) => {
		const text = `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: c\nspec:\n  type: bindings.cron\n  version: v1\n${spec}\n`;
		const doc = only(text);
		expect(doc.metadataShapeError?.message).toMatch(message);
		expect(doc.metadataShapeError?.message).toMatch(/^The spec\.metadata value must be a list.*\.$/);
		expect(doc.metadataShapeError?.span).toMatchObject(at);
		expect(doc.metadata).toEqual([]);
	});

	it('treats an empty spec.metadata as an empty list and a missing one as null', () => {
		expect(only(`kind: Component\nspec:\n  type: bindings.cron\n  metadata:\n`).metadata).toEqual([]);
		const doc = only(`kind: Component\nspec:\n  type: bindings.cron\n`);
		expect(doc.metadata).toBeNull();
		expect(doc.metadataShapeError).toBeNull();
	});
});

describe('parseComponentFile: documents', () => {
	it('reads each component of a multi-document file and skips other Dapr kinds', () => {
		const text = `${CRON}---
apiVersion: dapr.io/v1alpha1
kind: Subscription
metadata:
  name: sub
spec:
  topic: orders
---
# only a comment
---
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: webhook
spec:
  type: bindings.http
  metadata:
    - name: url
      value: https://example.com
---
apiVersion: dapr.io/v1alpha1
kind: Configuration
metadata:
  name: cfg
`;
		const result = parseComponentFile(FILE, text);
		expect(result.errors).toEqual([]);
		expect(result.docs.map((doc) => [doc.index, doc.name?.value, doc.span.line])).toEqual([
			[0, 'cleanup-cron', 1],
			[3, 'webhook', 23],
		]);
		expect(result.docs[1]!.type).toEqual({value: 'bindings.http', span: {line: 28, column: 9, endLine: 28, endColumn: 21}});
		expect(result.skipped).toEqual([
			{kind: 'Subscription', span: {line: 15, column: 7, endLine: 15, endColumn: 18}},
			{kind: 'Configuration', span: {line: 34, column: 7, endLine: 34, endColumn: 19}},
		]);
	});

	it.each([
		['kind missing', 'apiVersion: dapr.io/v1alpha1\nmetadata:\n  name: x\n'],
		['kind misspelt', 'kind: Compnent\nmetadata:\n  name: x\n'],
		['kind in lower case', 'kind: component\n'],
		['another kind but spec.type', 'kind: Subscription\nspec:\n  type: pubsub.redis\n'],
		['kind a number', 'kind: 5\n'],
		['kind a list', 'kind: [Configuration]\n'],
	])('keeps a document that looks like a component: %s', (_label, text) => {
		const result = parseComponentFile(FILE, text);
		expect(result.errors).toEqual([]);
		expect(result.skipped).toEqual([]);
		expect(result.docs).toHaveLength(1);
	});

	it.each([
		['empty', ''],
		['only comments', '# nothing here\n# at all\n'],
		['only separators', '---\n---\n'],
		['null document', '~\n'],
	])('a file that is %s yields nothing at all', (_label, text) => {
		expect(parseComponentFile(FILE, text)).toEqual({file: FILE, docs: [], errors: [], skipped: []});
	});

	it.each([
		['a list', '- a\n- b\n', /is a list, not a Dapr component/],
		['a string', 'hello\n', /is a string, not a Dapr component/],
	])('a document that is %s is an error, not a component', (_label, text, message) => {
		const result = parseComponentFile(FILE, text);
		expect(result.docs).toEqual([]);
		expect(result.errors).toEqual([{file: FILE, message: expect.stringMatching(message), span: expect.objectContaining({line: 1, column: 1})}]);
	});
});

describe('parseComponentFile: syntax errors', () => {
	const cases: [string, string, RegExp, {line: number; column: number}][] = [
		['tabs', 'apiVersion: dapr.io/v1alpha1\nspec:\n\ttype: bindings.cron\n', /^Tabs are not allowed for indentation in YAML; use spaces\.$/, {line: 3, column: 1}],
		['unquoted @every', withMetadata('- name: schedule\n  value: @every 10s'), /cannot start with @ unless it is quoted.*"@every 10s"/, {line: 10, column: 14}],
		['duplicate key', 'kind: Component\nmetadata:\n  name: a\n  name: b\n', /The key "name" appears twice/, {line: 4, column: 3}],
		['over-indented line', 'kind: Component\nmetadata:\n  name: a\n   x: 1\n  y: 2\n', /indented too far/, {line: 3, column: 9}],
		['under-indented line', 'kind: Component\nmetadata:\n  name: a\n x: 1\n', /keys of the same map must line up/, {line: 4, column: 1}],
		['list items not lined up', 'spec:\n  metadata:\n  - name: a\n    value: 1\n   - name: b\n', /indentation is wrong/, {line: 5, column: 4}],
		['unclosed quote', 'kind: Component\nmetadata:\n  name: "abc\n', /quoted value is not closed|not closed/, {line: 4, column: 1}],
		['missing colon', 'kind: Component\nmetadata\n  name: a\n', /missing colon/, {line: 2, column: 1}],
		['value with ": "', 'kind: Component\nmetadata:\n  name: a: b\n', /^A value cannot hold a second "key: value".*needs quotes/, {line: 3, column: 9}],
		['bad escape', 'kind: "C:\\Users"\n', /escape/, {line: 1, column: 10}],
		['unknown alias', 'kind: Component\nmetadata:\n  name: *nope\n', /The alias "\*nope" names no anchor "&nope"/, {line: 3, column: 9}],
		['self-referencing alias', 'kind: Component\nx: &a [1, *a]\n', /The alias "\*a" names no anchor/, {line: 2, column: 11}],
	];
	it.each(cases)('%s', (_label, text, message, at) => {
		const result = parseComponentFile(FILE, text);
		expect(result.docs).toEqual([]);
		expect(result.errors.length).toBeGreaterThan(0);
		const error = result.errors[0]!;
		expect(error.file).toBe(FILE);
		expect(error.message).toMatch(message);
		expect(error.message).toMatch(/^[A-Z].*\.$/);
		expect(error.span).toMatchObject(at);
	});

	it('spans a duplicate key over the whole key', () => {
		const [error] = parseComponentFile(FILE, 'kind: Component\nkind: Component\n').errors;
		expect(error?.span).toEqual({line: 2, column: 1, endLine: 2, endColumn: 4});
	});

	it('keeps good documents of a file when another document is broken', () => {
		const result = parseComponentFile(FILE, `${CRON}---\nkind: Component\nmetadata:\n\tname: x\n`);
		expect(result.docs.map((doc) => doc.name?.value)).toEqual(['cleanup-cron']);
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0]!.span.line).toBe(16);
	});

	it('caps and de-duplicates the errors of a garbage file', () => {
		const garbage = Array.from({length: 2000}, (_, index) => `${'  '.repeat(index % 7)}k${index}: [\t"${index}`).join('\n');
		const result = parseComponentFile(FILE, garbage);
		expect(result.errors.length).toBeGreaterThan(0);
		expect(result.errors.length).toBeLessThanOrEqual(20);
		const keys = result.errors.map((error) => `${error.span.line}:${error.span.column}:${error.message}`);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('never throws on hostile input', () => {
		const inputs = [
			'['.repeat(50_000),
			'{'.repeat(50_000),
			Array.from({length: 3000}, (_, index) => `${' '.repeat(index)}a:`).join('\n'),
			'- '.repeat(20_000),
			'\u0000\u0001\u0002',
			'key: "\uD800"',
			'%YAML 9.9\n---\na: 1',
			'? - a\n  - b\n: c',
			'!!binary aGVsbG8=',
			'a: !!timestamp 2001-12-14',
			'*a',
			'&a',
			'kind: Component\nspec: *missing\n',
		];
		for (const input of inputs) {
			const result = parseComponentFile(FILE, input);
			expect(result.file).toBe(FILE);
			for (const error of result.errors) {
				expect(error.span.line).toBeGreaterThanOrEqual(1);
				expect(error.span.column).toBeGreaterThanOrEqual(1);
				expect(error.message).toMatch(/^[A-Z].*\.$/);
			}
		}
	});
});

describe('parseComponentFile: alias bombs', () => {
	function billionLaughs(levels: number, fanOut = 9): string {
		const lines = ['kind: Component', `l0: &l0 "lol"`];
		for (let level = 1; level <= levels; level++) {
			lines.push(`l${level}: &l${level} [${Array.from({length: fanOut}, () => `*l${level - 1}`).join(', ')}]`);
		}
		lines.push('metadata:', '  name: bomb', 'spec:', '  type: bindings.cron', '  metadata:', '    - name: schedule', `      value: *l${levels}`);
		return `${lines.join('\n')}\n`;
	}

	it('rejects a real billion-laughs document with a clear error instead of expanding it', () => {
		const result = parseComponentFile(FILE, billionLaughs(9));
		expect(result.docs).toEqual([]);
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0]!.message).toMatch(/alias bomb/);
		expect(result.errors[0]!.message).toContain(String(MAX_ALIAS_EXPANSION));
		expect(result.errors[0]!.span.line).toBeGreaterThan(1);
	});

	it('rejects a deep chain of aliases (2^200 nodes)', () => {
		expect(parseComponentFile(FILE, billionLaughs(200, 2)).errors[0]?.message).toMatch(/alias bomb/);
	});

	it('accepts a small, legitimate use of aliases', () => {
		const result = parseComponentFile(FILE, billionLaughs(2, 3));
		expect(result.errors).toEqual([]);
		// A list where a metadata value belongs: the value is the source text, for the rules to reject.
		expect(result.docs[0]!.metadata![0]!.value?.value).toBe('*l2');
	});
});

describe('parseComponentFile: size', () => {
	it('reads a 10k-line file with every position right', () => {
		const entries = Array.from({length: 5000}, (_, index) => `- name: key${index}\n  value: "v${index}"`).join('\n');
		const text = withMetadata(entries);
		expect(text.split('\n').length).toBeGreaterThan(10_000);
		const doc = only(text);
		expect(doc.metadata).toHaveLength(5000);
		const last = doc.metadata![4999]!;
		expect(last.name).toEqual({value: 'key4999', span: {line: 9 + 2 * 4999, column: 13, endLine: 9 + 2 * 4999, endColumn: 19}});
		expect(last.value?.value).toBe('v4999');
		expect(last.value?.span.line).toBe(10 + 2 * 4999);
	});
});

describe('parseComponentFile: student text in messages', () => {
	it('strips control sequences from keys quoted in messages', () => {
		const entry = item(withMetadata('- name: "\\e[31mred"\n  "\\e[2Jvaule": x'));
		for (const problem of entry.shapeProblems) expect(problem.message).not.toMatch(/\u001b/);
		expect(entry.shapeProblems.map((problem) => problem.message)).toContainEqual(expect.stringContaining('unknown key "vaule"'));
		const [error] = parseComponentFile(FILE, 'k\u001b[31mx: 1\nk\u001b[31mx: 2\n').errors;
		expect(error?.message).toMatch(/^The key .* appears twice/);
		expect(error?.message).not.toMatch(/\u001b/);
	});
});
