import {describe, expect, test} from 'vitest';
import {at, check, complete} from '../../../helpers/rules.js';

const RULE = 'lab/missing-file';

describe(RULE, () => {
	test('valid: both files present', () => expect(check(RULE, complete())).toEqual([]));
	test('valid: an unreadable file is present (file/unreadable reports it)', () => {
		expect(check(RULE, complete({Dockerfile: {path: 'Dockerfile', kind: 'unreadable', reason: 'binary', detail: 'It is binary.'}}))).toEqual([]);
	});
	test.each([
		// Line 0: a missing file has no line; reports print "Dockerfile (missing)".
		['no Dockerfile', {Dockerfile: null}, [[RULE, 'error', 'Dockerfile', 0, 0]]],
		['no app.py', {'app.py': null}, [[RULE, 'error', 'app.py', 0, 0]]],
		['neither', {'app.py': null, Dockerfile: null}, [[RULE, 'error', 'Dockerfile', 0, 0], [RULE, 'error', 'app.py', 0, 0]]],
	] as const)('invalid: %s', (_name, overrides, expected) => {
		expect(at(check(RULE, complete(overrides)))).toEqual(expected);
	});
});
