import {describe, expect, test} from 'vitest';
import noHandler from '../../../../src/core/rules/input-binding/no-handler.js';
import rule from '../../../../src/core/rules/input-binding/wrong-method.js';
import {APP_PY, complete, component} from '../../../helpers/rules.js';
import {runRule, ruleTester} from '../../../helpers/rule-tester.js';

const withDecorator = (decorator: string) => complete({'app.py': APP_PY.replace('@app.post("/cleanup-cron")', decorator)});
const UNREADABLE_METHODS = `from flask import Flask

app = Flask(__name__)
METHODS = ["POST"]


@app.route("/cleanup-cron", methods=METHODS)
def handle():
    return "", 200
`;

ruleTester.run(rule, {
	valid: [
		{name: 'POST', files: complete()},
		{name: 'api_route with POST among methods', files: withDecorator('@app.api_route("/cleanup-cron", methods=["GET", "POST"])')},
		{name: 'methods= that cannot be read statically is not claimed wrong', files: complete({'app.py': UNREADABLE_METHODS}), lab: 'lab-a'},
	],
	invalid: [
		{name: 'FastAPI GET', files: withDecorator('@app.get("/cleanup-cron")'), errors: [{messageId: 'method', file: 'app.py', line: 12, column: 1, severity: 'error', message: /accepts GET but not POST/, hint: 'Write `@app.post("/cleanup-cron")`.'}]},
		{
			name: 'Flask route without methods accepts GET only',
			files: complete({'components/cron-binding.yaml': component('cron', 'bindings.cron', {schedule: '@every 10s'}), 'app.py': "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/cron')\ndef cron_binding():\n    return 'ok'\n"}),
			errors: [{messageId: 'method', file: 'app.py', line: 6, column: 1, severity: 'error', hint: 'Write `@app.route("/cron", methods=["POST"])`.'}],
		},
	],
});

describe(rule.id, () => {
	test('methods= that cannot be read statically: no-handler makes no claim either', () => {
		expect(runRule(noHandler, complete({'app.py': UNREADABLE_METHODS}), 'lab-a')).toEqual([]);
	});
});
