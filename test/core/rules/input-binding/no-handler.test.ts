import {describe, expect, test} from 'vitest';
import {APP_PY, at, check, complete, component, CRON_YAML} from '../../../helpers/rules.js';

const RULE = 'input-binding/no-handler';

const FLASK_QUICKSTART = `from flask import Flask
import json

app = Flask(__name__)


@app.route('/cron', methods=['POST'])
def cron_binding():
    print('Processing batch..', flush=True)
    return json.dumps({'success': True}), 200, {'ContentType': 'application/json'}


app.run(port=5001)
`;

const CONSTANTS = `from fastapi import FastAPI

app = FastAPI()
PREFIX = "/cleanup"
ROUTE = PREFIX + "-cron"


@app.post(ROUTE)
async def handle():
    return {"status": "OK"}
`;

const GRPC = `from dapr.ext.grpc import App, BindingRequest

app = App()


@app.binding('cleanup-cron')
def binding(request: BindingRequest):
    print(request.text(), flush=True)


app.run(50051)
`;

describe(RULE, () => {
	test('valid: reference app', () => expect(check(RULE, complete())).toEqual([]));
	test('valid: Flask quickstart with a cron named cron', () => {
		expect(check(RULE, complete({'components/cron-binding.yaml': component('cron', 'bindings.cron', {schedule: '@every 10s', direction: 'input'}), 'app.py': FLASK_QUICKSTART}))).toEqual([]);
	});
	test('valid: route built from constants', () => expect(check(RULE, complete({'app.py': CONSTANTS}))).toEqual([]));
	test('valid: dapr.ext.grpc @app.binding', () => expect(check(RULE, complete({'app.py': GRPC}))).toEqual([]));
	test('valid: a `route` metadata entry moves the path', () => {
		const yaml = CRON_YAML + '    - name: route\n      value: /jobs/cleanup\n';
		expect(check(RULE, complete({'components/cron-binding.yaml': yaml, 'app.py': APP_PY.replace('"/cleanup-cron"', '"/jobs/cleanup"')}))).toEqual([]);
	});
	test('valid: a param route that matches counts as serving it', () => {
		expect(check(RULE, complete({'app.py': APP_PY.replace('"/cleanup-cron"', '"/{name}"')}))).toEqual([]);
	});
	test('valid: a cron whose direction excludes input is not an input binding', () => {
		const yaml = CRON_YAML.replace('value: "input"', 'value: "output"');
		expect(check(RULE, complete({'components/cron-binding.yaml': yaml, 'app.py': APP_PY.replace('"/cleanup-cron"', '"/unrelated"')}))).toEqual([]);
	});
	test('no route at all: error at the app construction, naming the component and path', () => {
		const findings = check(RULE, complete({'app.py': APP_PY.replace('"/cleanup-cron"', '"/tasks/{task_id}/complete"')}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 5, 7]]);
		expect(findings[0]!.message).toContain('components/cron-binding.yaml:4');
		expect(findings[0]!.message).toContain('POST /cleanup-cron');
		expect(findings[0]!.hint).toContain('@app.post("/cleanup-cron")');
	});
	test('Flask app without the route gets a Flask decorator in the hint', () => {
		const findings = check(RULE, complete({'app.py': FLASK_QUICKSTART.replace("'/cron'", "'/other-thing'")}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 4, 7]]);
		expect(findings[0]!.hint).toContain('@app.route("/cleanup-cron", methods=["POST"])');
	});
	test('valid: a route added by a call (app.add_api_route)', () => {
		const app = APP_PY.replace('@app.post("/cleanup-cron")\n', '') + '\n\napp.add_api_route("/cleanup-cron", handle_cleanup, methods=["POST"])\n';
		expect(check(RULE, complete({'app.py': app}))).toEqual([]);
	});
	test('a route added by a call with a computed path: info, not a claim', () => {
		const app = APP_PY.replace('@app.post("/cleanup-cron")\n', '') + '\n\napp.add_api_route(route_for("cron"), handle_cleanup, methods=["POST"])\n';
		const findings = check(RULE, complete({'app.py': app}));
		expect(findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([[RULE, 'info', 20]]);
	});
	test('a route whose path is not statically known: info, not a claim', () => {
		const app = APP_PY.replace('"/cleanup-cron"', 'get_path()');
		const findings = check(RULE, complete({'app.py': app}));
		expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([[RULE, 'info']]);
	});
	test('a route on an APIRouter never included into the app is not a handler', () => {
		const app = `from fastapi import APIRouter, FastAPI

app = FastAPI()
router = APIRouter()


@router.post("/cleanup-cron")
async def handle():
    return {"status": "OK"}
`;
		const findings = check(RULE, complete({'app.py': app}), 'lab-a');
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 7, 1]]);
		expect(findings[0]!.message).toContain('never included');
		expect(findings[0]!.hint).toContain('app.include_router(router)');
	});
	test('the same router included with a prefix serves the prefixed path', () => {
		const app = `from fastapi import APIRouter, FastAPI

router = APIRouter(prefix="/cleanup")


@router.post("-cron")
async def handle():
    return {"status": "OK"}

app = FastAPI()
app.include_router(router)
`;
		expect(check(RULE, complete({'app.py': app}), 'lab-a')).toEqual([]);
	});
	test('a Flask blueprint never registered is not a handler', () => {
		const app = `from flask import Blueprint, Flask

app = Flask(__name__)
bp = Blueprint("cron", __name__)


@bp.route("/cleanup-cron", methods=["POST"])
def handle():
    return "", 200
`;
		const findings = check(RULE, complete({'app.py': app}), 'lab-a');
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 7, 1]]);
		expect(findings[0]!.hint).toContain('app.register_blueprint(bp)');
	});
	test('a binding without direction that is also an output type: info only (output-only use, python-sdk kafka example)', () => {
		const kafka = component('kafka-binding', 'bindings.kafka', {topics: 'sample', brokers: 'localhost:9092', publishTopic: 'sample'});
		const findings = check(RULE, complete({'components/kafka.yaml': kafka}), 'lab-a');
		expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([[RULE, 'info']]);
		expect(findings[0]!.hint).toContain('value: "output"');
		const explicit = component('kafka-binding', 'bindings.kafka', {topics: 'sample', brokers: 'localhost:9092', direction: 'input'});
		expect(at(check(RULE, complete({'components/kafka.yaml': explicit}), 'lab-a')).map((row) => row[1])).toEqual(['error']);
	});
	test('a cron without direction and without a handler is still an error', () => {
		const cron = component('nightly', 'bindings.cron', {schedule: '@daily'});
		expect(at(check(RULE, complete({'components/nightly.yaml': cron}), 'lab-a')).map((row) => row[1])).toEqual(['error']);
	});
});
