import rule from '../../../../src/core/rules/input-binding/route-mismatch.js';
import {APP_PY, complete, component} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const withPath = (path: string) => complete({'app.py': APP_PY.replace('"/cleanup-cron"', path)});

ruleTester.run(rule, {
	valid: [
		{name: 'exact route', files: complete()},
		{name: 'a far route is not a mismatch (no-handler reports it)', files: withPath('"/tasks"')},
		{
			name: 'a route serving another input binding is not blamed',
			files: complete({
				'components/cron-b.yaml': component('cleanup-crob', 'bindings.cron', {schedule: '@every 1m', direction: 'input'}),
				'app.py': APP_PY + '\n\n@app.post("/cleanup-crob")\nasync def other():\n    return {}\n',
			}),
		},
	],
	invalid: [
		...[
			['underscore for hyphen', '"/cleanup_cron"'],
			['capitals', '"/Cleanup-Cron"'],
			['one letter off', '"/cleanup-crom"'],
			['missing slash', '"cleanup-cron"'],
		].map(([name, path]) => ({
			name,
			files: withPath(path!),
			errors: [{messageId: 'route' as const, file: 'app.py', line: 12, column: 1, severity: 'error' as const, message: /did you mean \/cleanup-cron\?/, hint: /@app\.post\("\/cleanup-cron"\)/}],
		})),
		{
			name: 'grpc @app.binding with a near name',
			files: complete({'app.py': "from dapr.ext.grpc import App, BindingRequest\n\napp = App()\n\n\n@app.binding('cleanup_cron')\ndef binding(request: BindingRequest):\n    pass\n"}),
			errors: [{messageId: 'binding', file: 'app.py', line: 6, column: 1, severity: 'error', hint: 'Write `@app.binding("cleanup-cron")`.'}],
		},
	],
});
