import rule from '../../../../src/core/rules/python/undefined-name.js';
import {APP_PY, complete} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const withoutHelper = APP_PY.replace('def find_expired_tasks():\n    return ["task-1"]\n', '');

ruleTester.run(rule, {
	valid: [
		{name: 'defined, imported, builtin (incl. exceptions) and parameters', files: complete({'app.py': APP_PY + '\n\ndef other(callback):\n    callback()\n    print(len(sorted([])))\n    raise ValueError(ExceptionGroup)\n'})},
		{name: 'a star import may bind anything: no claim', files: complete({'app.py': withoutHelper.replace('import json\n', 'import json\nfrom tasks import *\n')})},
		{name: 'DaprClient is left to dapr-client/missing-import', files: complete({'app.py': APP_PY.replace('from dapr.clients import DaprClient\n', '')})},
	],
	invalid: [
		{
			name: 'the lesson handler: find_expired_tasks called but never defined',
			files: complete({'app.py': withoutHelper.replace('for task_id in find_expired_tasks():', 'for task_id in find_expired_tasks() + find_expired_tasks():')}),
			errors: [
				{
					messageId: 'undefined',
					file: 'app.py',
					line: 13,
					column: 24,
					severity: 'error',
					message: 'The function find_expired_tasks() is called 2 times but never defined or imported; Python raises NameError when the line runs.',
				},
			],
		},
	],
});
