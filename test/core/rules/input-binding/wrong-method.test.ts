import {describe, expect, test} from 'vitest';
import {APP_PY, at, check, complete, component} from '../../../helpers/rules.js';

const RULE = 'input-binding/wrong-method';

describe(RULE, () => {
	test('valid: POST', () => expect(check(RULE, complete())).toEqual([]));
	test('valid: api_route with POST among methods', () => {
		expect(check(RULE, complete({'app.py': APP_PY.replace('@app.post("/cleanup-cron")', '@app.api_route("/cleanup-cron", methods=["GET", "POST"])')}))).toEqual([]);
	});
	test('FastAPI GET', () => {
		const findings = check(RULE, complete({'app.py': APP_PY.replace('@app.post("/cleanup-cron")', '@app.get("/cleanup-cron")')}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 12, 1]]);
		expect(findings[0]!.message).toContain('accepts GET but not POST');
		expect(findings[0]!.hint).toBe('Write `@app.post("/cleanup-cron")`.');
	});
	test('Flask route without methods accepts GET only', () => {
		const app = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/cron')\ndef cron_binding():\n    return 'ok'\n";
		const findings = check(RULE, complete({'components/cron-binding.yaml': component('cron', 'bindings.cron', {schedule: '@every 10s'}), 'app.py': app}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 6, 1]]);
		expect(findings[0]!.hint).toBe('Write `@app.route("/cron", methods=["POST"])`.');
	});
	test('methods= that cannot be read statically is not claimed wrong', () => {
		const app = `from flask import Flask

app = Flask(__name__)
METHODS = ["POST"]


@app.route("/cleanup-cron", methods=METHODS)
def handle():
    return "", 200
`;
		expect(check(RULE, complete({'app.py': app}), 'lab-a')).toEqual([]);
		expect(check('input-binding/no-handler', complete({'app.py': app}), 'lab-a')).toEqual([]);
	});
});
