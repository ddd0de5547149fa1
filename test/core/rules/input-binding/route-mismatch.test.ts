import {describe, expect, test} from 'vitest';
import {APP_PY, at, check, complete, component} from '../../../helpers/rules.js';

const RULE = 'input-binding/route-mismatch';

describe(RULE, () => {
	test('valid: exact route', () => expect(check(RULE, complete())).toEqual([]));
	test.each([
		['underscore for hyphen', '"/cleanup_cron"'],
		['capitals', '"/Cleanup-Cron"'],
		['one letter off', '"/cleanup-crom"'],
		['missing slash', '"cleanup-cron"'],
	])('%s', (_name, path) => {
		const findings = check(RULE, complete({'app.py': APP_PY.replace('"/cleanup-cron"', path)}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 12, 1]]);
		expect(findings[0]!.message).toContain('did you mean /cleanup-cron?');
		expect(findings[0]!.hint).toContain('@app.post("/cleanup-cron")');
	});
	test('a far route is not a mismatch (no-handler reports it)', () => {
		expect(check(RULE, complete({'app.py': APP_PY.replace('"/cleanup-cron"', '"/tasks"')}))).toEqual([]);
	});
	test('a route serving another input binding is not blamed', () => {
		const files = complete({
			'components/cron-b.yaml': component('cleanup-crob', 'bindings.cron', {schedule: '@every 1m', direction: 'input'}),
			'app.py': APP_PY + '\n\n@app.post("/cleanup-crob")\nasync def other():\n    return {}\n',
		});
		expect(check(RULE, files)).toEqual([]);
	});
	test('grpc @app.binding with a near name', () => {
		const app = "from dapr.ext.grpc import App, BindingRequest\n\napp = App()\n\n\n@app.binding('cleanup_cron')\ndef binding(request: BindingRequest):\n    pass\n";
		const findings = check(RULE, complete({'app.py': app}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 6, 1]]);
		expect(findings[0]!.hint).toBe('Write `@app.binding("cleanup-cron")`.');
	});
});
