import {XMLParser, XMLValidator} from 'fast-xml-parser';
import {describe, expect, it} from 'vitest';
import {gradeReport} from '../../src/core/grade.js';
import {formatGradeJunit, formatJunit} from '../../src/report/junit.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {hostileResult, realResult} from './fixtures.js';

type Case = {'@_name': string; '@_classname': string; failure?: {'#text'?: string; '@_message': string; '@_type': string}; error?: {'@_message': string}};
type Suite = {'@_name': string; '@_tests': string; '@_failures': string; testcase: Case[]};
type Parsed = {testsuites: {'@_tests': string; '@_failures': string; '@_errors': string; testsuite: Suite[]}};

const parser = new XMLParser({ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase', trimValues: false});

function parse(xml: string): Parsed {
	expect(XMLValidator.validate(xml)).toBe(true);
	return parser.parse(xml) as Parsed;
}

describe('formatJunit (check)', () => {
	it('one testsuite per lab, one testcase per step, failures carry the findings of their step', async () => {
		const labs = await loadLabs();
		const result = await realResult('labs/lab-a/starter');
		const parsed = parse(formatJunit(result, {labs}));
		expect(parsed.testsuites.testsuite.map((suite) => suite['@_name'])).toEqual(result.labs.map((lab) => `${lab.id}: ${lab.title}`));
		const labA = parsed.testsuites.testsuite[0]!;
		const resultA = result.labs[0]!;
		expect(labA.testcase.map((testcase) => testcase['@_name'])).toEqual(resultA.steps.map((step) => step.title));
		const failing = resultA.steps.filter((step) => step.status === 'fail').length;
		expect(Number(labA['@_failures'])).toBe(failing);
		const component = labA.testcase[resultA.steps.findIndex((step) => step.id === 'component')]!;
		expect(component.failure!['@_type']).toBe('cron/five-field');
		expect(component.failure!['#text']).toContain('cron/five-field');
		// The handler step's failure names its own rule, not the component's.
		const handler = labA.testcase[resultA.steps.findIndex((step) => step.id === 'handler')]!;
		expect(handler.failure!['#text']).toContain('input-binding/route-mismatch');
		expect(handler.failure!['#text']).not.toContain('cron/five-field');
	});

	it('stays well-formed with hostile text and keeps it intact (minus control characters)', () => {
		const parsed = parse(formatJunit(hostileResult(2)));
		const failure = parsed.testsuites.testsuite[0]!.testcase[0]!.failure!;
		expect(failure['@_message']).toContain('<b>&"quotes"\'');
		expect(failure['#text']).toContain('::error::pwned');
		expect(failure['#text']).not.toMatch(/\u001B/);
	});
});

describe('formatGradeJunit', () => {
	it('one testsuite per submission; an ungradable one is an error testcase', async () => {
		const labs = await loadLabs();
		const report = gradeReport([
			{name: 'alice', result: await realResult('labs/lab-a/solution')},
			{name: 'bob <script>', result: await realResult('labs/lab-b/starter')},
			{name: 'carol', result: null, error: 'The archive holds a symbolic link ("x" -> "/etc/passwd"); links are not extracted, so the archive is refused.'},
		]);
		const parsed = parse(formatGradeJunit(report, {labs}));
		const suites = parsed.testsuites.testsuite;
		expect(suites.map((suite) => suite['@_name'])).toEqual(['alice', 'bob <script>', 'carol']);
		expect(suites[0]!.testcase).toHaveLength(report.submissions[0]!.result!.labs.reduce((sum, lab) => sum + lab.steps.length, 0));
		expect(suites[0]!.testcase[0]!['@_classname']).toBe('alice.lab-a');
		expect(suites[2]!.testcase[0]!.error!['@_message']).toMatch(/symbolic link/);
		expect(Number(parsed.testsuites['@_errors'])).toBe(1);
	});
});
