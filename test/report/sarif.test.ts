import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Ajv} from 'ajv';
import {describe, expect, it} from 'vitest';
import {ruleById} from '../../src/core/rules/index.js';
import {formatSarif, uniqueFindings, workspacePath} from '../../src/report/sarif.js';
import {hostileResult, realResult} from './fixtures.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0-subset.json'), 'utf8')) as object;

function validator() {
	const ajv = new Ajv({allErrors: true, strict: false});
	ajv.addFormat('uri', (value: string) => URL.canParse(value));
	// A URI reference: resolvable against a base, with no raw space, `#` beyond one fragment, or control characters.
	ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/') && !/[\s\u0000-\u001F"<>\\^`{|}]/.test(value));
	return ajv.compile(schema);
}

type Log = {
	runs: {tool: {driver: {name: string; rules: {id: string; help: {text: string}; defaultConfiguration: {level: string}}[]}}; results: {ruleId: string; ruleIndex: number; level: string; message: {text: string}; locations: {physicalLocation: {artifactLocation: {uri: string}; region: Record<string, number>}}[]}[]}[];
};

describe('formatSarif', () => {
	const validate = validator();

	it('validates against the SARIF 2.1.0 schema for real starters, solutions and hostile text', async () => {
		for (const result of [await realResult('labs/lab-a/starter'), await realResult('labs/lab-b/starter'), await realResult('labs/combined/solution'), hostileResult(5)]) {
			const log = JSON.parse(formatSarif(result, {ruleMeta: (id) => ruleById(id)?.meta}));
			const ok = validate(log);
			expect(validate.errors ?? []).toEqual([]);
			expect(ok).toBe(true);
		}
	});

	it('the schema check is not vacuous: broken logs fail it', () => {
		const log = JSON.parse(formatSarif(hostileResult(1))) as Log;
		log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region['startLine'] = 0;
		expect(validate(log)).toBe(false);
		const noMessage = JSON.parse(formatSarif(hostileResult(1)));
		delete noMessage.runs[0].results[0].message;
		expect(validate(noMessage)).toBe(false);
	});

	it('carries rule metadata with help text, indices that point at the rule, 1-based regions', async () => {
		const result = await realResult('labs/lab-a/starter');
		const log = JSON.parse(formatSarif(result, {ruleMeta: (id) => ruleById(id)?.meta})) as Log;
		const run = log.runs[0]!;
		expect(run.tool.driver.name).toBe('dapr-labs');
		expect(run.results.length).toBe(uniqueFindings(result).length);
		expect(run.results.length).toBeGreaterThan(0);
		for (const entry of run.results) {
			const rule = run.tool.driver.rules[entry.ruleIndex]!;
			expect(rule.id).toBe(entry.ruleId);
			expect(rule.help.text).toBe(ruleById(entry.ruleId)!.meta.docs + (ruleById(entry.ruleId)!.meta.symptom ? `\n\nSymptom: ${ruleById(entry.ruleId)!.meta.symptom}` : ''));
			const region = entry.locations[0]!.physicalLocation.region;
			// A missing file (the starter has no Dockerfile) has no region at all, never an invented line 1.
			if (entry.ruleId.startsWith('lab/missing-')) expect(region).toBeUndefined();
			else {
				expect(region['startLine']).toBeGreaterThanOrEqual(1);
				expect(region['startColumn']).toBeGreaterThanOrEqual(1);
			}
			expect(entry.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('labs/lab-a/starter/')).toBe(true);
		}
		const five = run.results.find((entry) => entry.ruleId === 'cron/five-field');
		const finding = result.labs[0]!.findings.find((candidate) => candidate.ruleId === 'cron/five-field')!;
		expect(five!.locations[0]!.physicalLocation.region).toMatchObject({startLine: finding.line, startColumn: finding.column});
		if (finding.endColumn !== undefined) expect(five!.locations[0]!.physicalLocation.region['endColumn']).toBe(finding.endColumn + 1);
	});

	it('reports a finding shared by several labs once', async () => {
		const result = await realResult('labs/lab-a/starter');
		const total = result.labs.reduce((sum, lab) => sum + lab.findings.length, 0);
		const log = JSON.parse(formatSarif(result)) as Log;
		expect(log.runs[0]!.results.length).toBeLessThan(total);
		const keys = log.runs[0]!.results.map((entry) => `${entry.ruleId} ${JSON.stringify(entry.locations)} ${entry.message.text}`);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('strips control sequences and encodes odd paths', () => {
		const log = JSON.parse(formatSarif(hostileResult(1, '.'))) as Log;
		const entry = log.runs[0]!.results[0]!;
		expect(entry.message.text).not.toMatch(/\u001B/);
		expect(entry.locations[0]!.physicalLocation.artifactLocation.uri).toBe('components/we%2Cird%3Aname%20%250A.yaml');
		expect(workspacePath('./a/b/', 'app.py')).toBe('a/b/app.py');
		expect(workspacePath('/abs/dir', 'app.py')).toBe('app.py');
	});
});
