/**
 * Real-looking lab folders (shaped after Dapr's quickstarts, python-sdk examples, dapr/samples and students' work)
 * through the real checker: each folder's expect.json holds the verdict a Dapr expert gives, exactly: the error ids
 * and the warning ids of its lab. README.md in each folder says why.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import type {Finding, LabId} from '../../src/core/types.js';
import {checkFolder} from '../../src/runner/check-folder.js';
import {packageRoot} from '../../src/runner/package-root.js';

const BASE = join(packageRoot(), 'test', 'corpus', 'real-world');
const names = readdirSync(BASE, {withFileTypes: true})
	.filter((entry) => entry.isDirectory())
	.map((entry) => entry.name)
	.sort();

type Expect = {lab: LabId; errors: string[]; warnings: string[]};

function ids(findings: readonly Finding[], severity: Finding['severity']): string[] {
	return [...new Set(findings.filter((f) => f.severity === severity).map((f) => f.ruleId))].sort();
}

describe('real-world corpus', () => {
	test('holds at least 15 folders', () => expect(names.length).toBeGreaterThanOrEqual(15));
	test.each(names)('%s', async (name) => {
		const dir = join(BASE, name);
		const spec = JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')) as Expect;
		expect(Object.keys(spec).sort()).toEqual(['errors', 'lab', 'warnings']);
		const {result} = await checkFolder(dir, {labs: [spec.lab]});
		const lab = result.labs[0]!;
		const context = lab.findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`).join('\n');
		expect(ids(lab.findings, 'error'), context).toEqual([...spec.errors].sort());
		expect(ids(lab.findings, 'warning'), context).toEqual([...spec.warnings].sort());
		expect(lab.status).toBe(spec.errors.length > 0 ? 'fail' : 'pass');
		for (const finding of lab.findings) {
			expect(finding.line).toBeGreaterThanOrEqual(1);
			expect(finding.column).toBeGreaterThanOrEqual(1);
			expect(finding.message).toMatch(/^[A-Z`"].*[.?]$/s);
		}
	});
});
