import {describe, expect, test} from 'vitest';
import {at, check, complete} from '../../../helpers/rules.js';

const RULE = 'file/unreadable';

describe(RULE, () => {
	test('valid: text files only', () => expect(check(RULE, complete())).toEqual([]));
	test('not-utf8 points at the first bad byte', () => {
		const findings = check(RULE, complete({'app.py': {path: 'app.py', kind: 'unreadable', reason: 'not-utf8', detail: 'Byte 0xff at line 3, column 7 is not UTF-8', line: 3, column: 7}}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 3, 7]]);
		expect(findings[0]!.message).toMatch(/^The file app\.py cannot be read as text: Byte 0xff .*\.$/);
		expect(findings[0]!.hint).toContain('UTF-8');
	});
	test('too large and symlinks point at 1:1', () => {
		const findings = check(
			RULE,
			complete({
				'components/big.yaml': {path: 'components/big.yaml', kind: 'unreadable', reason: 'too-large', detail: 'The file is 52 MB; dapr-labs reads at most 1 MB.', size: 52e6},
				Dockerfile: {path: 'Dockerfile', kind: 'unreadable', reason: 'symlink-outside', detail: 'It is a symlink that leaves the lab folder.'},
			}),
		);
		expect(at(findings)).toEqual([
			[RULE, 'error', 'Dockerfile', 1, 1],
			[RULE, 'error', 'components/big.yaml', 1, 1],
		]);
	});
});
