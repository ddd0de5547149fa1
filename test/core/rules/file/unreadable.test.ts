import rule from '../../../../src/core/rules/file/unreadable.js';
import {complete} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

ruleTester.run(rule, {
	valid: [{name: 'text files only', files: complete()}],
	invalid: [
		{
			name: 'not-utf8 points at the first bad byte',
			files: complete({'app.py': {path: 'app.py', kind: 'unreadable', reason: 'not-utf8', detail: 'Byte 0xff at line 3, column 7 is not UTF-8', line: 3, column: 7}}),
			errors: [{messageId: 'unreadable', data: {path: 'app.py'}, file: 'app.py', line: 3, column: 7, severity: 'error', message: /^The file app\.py cannot be read as text: Byte 0xff .*\.$/, hint: /UTF-8/}],
		},
		{
			name: 'too large and symlinks point at 1:1',
			files: complete({
				'components/big.yaml': {path: 'components/big.yaml', kind: 'unreadable', reason: 'too-large', detail: 'The file is 52 MB; dapr-labs reads at most 1 MB.', size: 52e6},
				Dockerfile: {path: 'Dockerfile', kind: 'unreadable', reason: 'symlink-outside', detail: 'It is a symlink that leaves the lab folder.'},
			}),
			errors: [
				{messageId: 'unreadable', file: 'Dockerfile', line: 1, column: 1, severity: 'error'},
				{messageId: 'unreadable', file: 'components/big.yaml', line: 1, column: 1, severity: 'error'},
			],
		},
	],
});
