import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {parse} from 'yaml';
import {validateLabDef} from '../../src/core/labs-validate.js';
import {packageRoot} from '../../src/runner/package-root.js';

const read = (id: string): Record<string, unknown> => parse(readFileSync(join(packageRoot(), 'labs', id, 'lab.yaml'), 'utf8')) as Record<string, unknown>;

describe('validateLabDef', () => {
	test.each(['lab-a', 'lab-b', 'combined'])('the shipped %s is valid', (id) => {
		const result = validateLabDef(read(id));
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.lab.id).toBe(id);
	});
	test('not a mapping', () => {
		expect(validateLabDef('text')).toEqual({ok: false, errors: ['The lab definition must be a mapping.']});
	});
	test('every problem is named by its path', () => {
		const data = read('lab-a');
		const steps = data['steps'] as Record<string, unknown>[];
		const broken = {
			...data,
			id: 'lab-z',
			needsDaprSdk: 'yes',
			steps: [{...steps[0], points: -1}, {...steps[1], id: steps[0]!['id']}, {...steps[3], rules: ['lab/missing-file']}, {...steps[2], kind: 'later'}],
		};
		const result = validateLabDef(broken);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.errors).toEqual(
				expect.arrayContaining([
					'id must be one of lab-a, lab-b, combined.',
					'needsDaprSdk must be true or false.',
					'steps[0].points must be a non-negative integer.',
					"steps[2].rules of a runtime step must be ['*'].",
					'steps[3].kind must be static or runtime.',
					'steps: id "component" is used twice.',
				]),
			);
		}
	});
});
