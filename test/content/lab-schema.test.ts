/**
 * labs/lab.schema.json (what the build and editors validate with) and validateLabDef (what dapr-labs validates at
 * start-up, cheaply) say the same about lab.yaml: the same keys, and the same verdict on every shipped lab, the
 * test lab and a table of broken variants. Two checks only validateLabDef can make (unique step ids, an id: key
 * that disagrees with the folder) are listed apart.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Ajv} from 'ajv';
import {describe, expect, test} from 'vitest';
import {parse} from 'yaml';
import {LAB_KEYS, STEP_KEYS, validateLabDef} from '../../src/core/labs-validate.js';
import {labFolders} from '../../src/runner/labs-loader.js';
import {packageRoot} from '../../src/runner/package-root.js';

const ROOT = packageRoot();
const schema = JSON.parse(readFileSync(join(ROOT, 'labs', 'lab.schema.json'), 'utf8')) as {properties: Record<string, unknown>; definitions: {step: {properties: Record<string, unknown>}}};
const validate = new Ajv({allErrors: true, strict: true}).compile(schema);

type Lab = Record<string, unknown> & {steps: Record<string, unknown>[]};
const sources: [string, string][] = [...(await labFolders(ROOT)).map((folder) => [folder.id, folder.file] as [string, string]), ['tiny-cron', join(ROOT, 'test', 'fixtures', 'labs', 'tiny-cron', 'lab.yaml')]];
const read = (file: string): Lab => parse(readFileSync(file, 'utf8')) as Lab;
const base = (): Lab => structuredClone(read(sources.find(([id]) => id === 'tiny-cron')![1]));

function both(data: unknown, id = 'tiny-cron'): {schema: boolean; validator: boolean} {
	return {schema: validate(data) === true, validator: validateLabDef(data, id).ok};
}

describe('lab.schema.json and validateLabDef agree', () => {
	test('on the keys', () => {
		expect(Object.keys(schema.properties).sort()).toEqual([...LAB_KEYS].sort());
		expect(Object.keys(schema.definitions.step.properties).sort()).toEqual([...STEP_KEYS].sort());
	});

	test.each(sources)('%s: valid for both', (id, file) => {
		expect(validate(read(file)), JSON.stringify(validate.errors)).toBe(true);
		expect(validateLabDef(read(file), id)).toMatchObject({ok: true});
	});

	const valid: [string, (lab: Lab) => void][] = [
		['no id: key', (lab) => delete lab['id']],
		['no realDaprNotes, no starterFails', (lab) => {
			delete lab['realDaprNotes'];
			for (const step of lab.steps) delete step['starterFails'];
		}],
		['no runtime', (lab) => delete lab['runtime']],
		['a probe kind with any parameters', (lab) => (lab['runtime'] = {probes: [{kind: 'webhook-receiver', expectBody: {event: 'x'}, expectKeys: ['alert']}]})],
		['a fractional order', (lab) => (lab['order'] = 12.5)],
	];
	test.each(valid)('valid for both: %s', (_name, change) => {
		const lab = base();
		change(lab);
		expect(both(lab)).toEqual({schema: true, validator: true});
	});

	const invalid: [string, (lab: Lab) => void][] = [
		['order missing', (lab) => delete lab['order']],
		['order a string', (lab) => (lab['order'] = 'first')],
		['an unknown top-level key', (lab) => (lab['hint'] = 'x')],
		['title empty', (lab) => (lab['title'] = ' ')],
		['appId missing', (lab) => delete lab['appId']],
		['needsDaprSdk not a boolean', (lab) => (lab['needsDaprSdk'] = 'yes')],
		['requiredComponents with an empty group', (lab) => (lab['requiredComponents'] = [[]])],
		['requiredComponents not a list', (lab) => (lab['requiredComponents'] = 'bindings.cron')],
		['no steps', (lab) => (lab.steps = [])],
		['a step not a mapping', (lab) => (lab.steps = ['component'] as never)],
		['a step with an unknown key', (lab) => (lab.steps[0]!['hint'] = 'x')],
		['a step without points', (lab) => delete lab.steps[0]!['points']],
		['negative points', (lab) => (lab.steps[0]!['points'] = -1)],
		['fractional points', (lab) => (lab.steps[0]!['points'] = 1.5)],
		['an unknown step kind', (lab) => (lab.steps[0]!['kind'] = 'later')],
		['a runtime step with rules', (lab) => (lab.steps[2]!['rules'] = ['lab/missing-file'])],
		["a static step with '*'", (lab) => (lab.steps[0]!['rules'] = ['*'])],
		['a step with no rules', (lab) => (lab.steps[0]!['rules'] = [])],
		['hints not strings', (lab) => (lab.steps[0]!['hints'] = [1, 2])],
		['solutionFiles missing', (lab) => delete lab.steps[0]!['solutionFiles']],
		['realDaprNotes not a list', (lab) => (lab['realDaprNotes'] = 'x')],
		['runtime without probes', (lab) => (lab['runtime'] = {})],
		['runtime with no probes', (lab) => (lab['runtime'] = {probes: []})],
		['runtime with an unknown key', (lab) => (lab['runtime'] = {probes: [{kind: 'cron-triggers'}], timeout: 90})],
		['a probe without a kind', (lab) => (lab['runtime'] = {probes: [{count: 2}]})],
		['a probe kind that is no module name', (lab) => (lab['runtime'] = {probes: [{kind: 'Cron Triggers'}]})],
		['a probe that is a string', (lab) => (lab['runtime'] = {probes: ['cron-triggers']})],
		['the lab a list', (lab) => Object.assign(lab, {steps: null})],
	];
	test.each(invalid)('invalid for both: %s', (_name, change) => {
		const lab = base();
		change(lab);
		expect(both(lab)).toEqual({schema: false, validator: false});
	});

	test('only validateLabDef: step ids unique, an id: key equal to the folder name', () => {
		const twice = base();
		twice.steps[1]!['id'] = twice.steps[0]!['id'];
		expect(both(twice)).toEqual({schema: true, validator: false});
		const other = base();
		other['id'] = 'another-lab';
		expect(both(other)).toEqual({schema: true, validator: false});
	});
});
