import rule from '../../../../src/core/rules/lab/missing-file.js';
import {complete} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

// Line 0: a missing file has no line; reports print "Dockerfile (missing)".
ruleTester.run(rule, {
	valid: [
		{name: 'both files present', files: complete()},
		{name: 'an unreadable file is present (file/unreadable reports it)', files: complete({Dockerfile: {path: 'Dockerfile', kind: 'unreadable', reason: 'binary', detail: 'It is binary.'}})},
	],
	invalid: [
		{name: 'no Dockerfile', files: complete({Dockerfile: null}), errors: [{messageId: 'missing', data: {file: 'Dockerfile'}, file: 'Dockerfile', line: 0, column: 0, severity: 'error'}]},
		{name: 'no app.py', files: complete({'app.py': null}), errors: [{messageId: 'missing', data: {file: 'app.py'}, file: 'app.py', line: 0, column: 0, severity: 'error'}]},
		{
			name: 'neither',
			files: complete({'app.py': null, Dockerfile: null}),
			errors: [
				{messageId: 'missing', file: 'Dockerfile', line: 0, column: 0, severity: 'error'},
				{messageId: 'missing', file: 'app.py', line: 0, column: 0, severity: 'error'},
			],
		},
	],
});
