import rule from '../../../../src/core/rules/dapr-client/missing-import.js';
import {APP_PY, complete} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const withImport = (line: string) => complete({'app.py': APP_PY.replace('from dapr.clients import DaprClient\n', line)});

ruleTester.run(rule, {
	valid: [
		{name: 'imported', files: complete()},
		{name: 'aio import', files: withImport('from dapr.aio.clients import DaprClient\n')},
		{name: 'a star import may bind it', files: withImport('from dapr.clients import *\n')},
	],
	invalid: [
		{
			name: 'used but never imported: at the first use',
			files: withImport(''),
			errors: [{messageId: 'missing', file: 'app.py', line: 13, column: 10, severity: 'error', hint: 'Add `from dapr.clients import DaprClient` at the top of app.py.'}],
		},
	],
});
