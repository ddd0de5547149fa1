import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {parse} from 'yaml';
import {validateLabDef} from '../../src/core/labs-validate.js';
import {labFolders} from '../../src/runner/labs-loader.js';
import {packageRoot} from '../../src/runner/package-root.js';

const read = (id: string): Record<string, unknown> => parse(readFileSync(join(packageRoot(), 'labs', id, 'lab.yaml'), 'utf8')) as Record<string, unknown>;
const folders = (await labFolders()).map((folder) => folder.id);

describe('validateLabDef', () => {
	test.each(folders)('the shipped %s is valid, its id the folder name', (id) => {
		const result = validateLabDef(read(id), id);
		expect(result.ok, JSON.stringify(result)).toBe(true);
		if (result.ok) expect(result.lab.id).toBe(id);
	});
	test('not a mapping', () => {
		expect(validateLabDef('text', 'lab-a')).toEqual({ok: false, errors: ['The lab definition must be a mapping.'], problems: [{path: [], message: 'The lab definition must be a mapping.'}]});
	});
	test('the id comes from the folder; an id: key may be left out, and must agree when given', () => {
		const {id: _id, ...rest} = read('lab-a');
		const result = validateLabDef(rest, 'tiny-cron');
		expect(result.ok && result.lab.id).toBe('tiny-cron');
		expect(validateLabDef(read('lab-a'), 'tiny-cron')).toMatchObject({ok: false, errors: ['id must be the folder\'s name, "tiny-cron" (or be left out).']});
		expect(validateLabDef(rest, 'Tiny_Cron')).toMatchObject({ok: false, errors: [expect.stringContaining('"Tiny_Cron" is not a lab id')]});
	});
	test('every problem is named by its path', () => {
		const data = read('lab-a');
		const steps = data['steps'] as Record<string, unknown>[];
		const broken = {
			...data,
			order: 'first',
			needsDaprSdk: 'yes',
			hint: 'a typo for a step key, at the top',
			steps: [{...steps[0], points: -1}, {...steps[1], id: steps[0]!['id']}, {...steps[3], rules: ['lab/missing-file']}, {...steps[2], kind: 'later'}],
			runtime: {probes: [{kind: 'cron-triggers', count: 2}, {count: 2}, 'app-call']},
		};
		const result = validateLabDef(broken, 'lab-a');
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.errors).toEqual(
				expect.arrayContaining([
					'order must be a number (labs are listed by it, smallest first).',
					'needsDaprSdk must be true or false.',
					expect.stringMatching(/^hint is not a key of a lab \(known: id, order, /),
					'steps[0].points must be a non-negative integer.',
					"steps[2].rules of a runtime step must be ['*'].",
					'steps[3].kind must be static or runtime.',
					'steps[1].id "component" is used twice.',
					'runtime.probes[1].kind must be a probe kind such as cron-triggers (lower case letters, digits and dashes).',
					'runtime.probes[2] must be a mapping with a kind.',
				]),
			);
			expect(result.problems.find((problem) => problem.message.includes('twice'))?.path).toEqual(['steps', 1, 'id']);
		}
	});
	test('runtime: a non-empty list of probes; each kind keeps its own parameters', () => {
		const lab = {...read('lab-a'), runtime: {probes: [{kind: 'cron-triggers', binding: 'cleanup-cron', count: 2}]}};
		const result = validateLabDef(lab, 'lab-a');
		expect(result.ok && result.lab.runtime).toEqual({probes: [{kind: 'cron-triggers', binding: 'cleanup-cron', count: 2}]});
		expect(validateLabDef({...lab, runtime: {probes: []}}, 'lab-a')).toMatchObject({ok: false, errors: ['runtime.probes must be a non-empty list of probes.']});
		expect(validateLabDef({...lab, runtime: {probe: []}}, 'lab-a')).toMatchObject({ok: false, errors: [expect.stringMatching(/^runtime\.probe is not a key/), 'runtime.probes must be a non-empty list of probes.']});
	});
});
