import rule from '../../../../src/core/rules/input-binding/no-handler.js';
import {APP_PY, complete, component, CRON_YAML} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

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

const ROUTER = `from fastapi import APIRouter, FastAPI

app = FastAPI()
router = APIRouter()


@router.post("/cleanup-cron")
async def handle():
    return {"status": "OK"}
`;

const ROUTER_INCLUDED = `from fastapi import APIRouter, FastAPI

router = APIRouter(prefix="/cleanup")


@router.post("-cron")
async def handle():
    return {"status": "OK"}

app = FastAPI()
app.include_router(router)
`;

const BLUEPRINT = `from flask import Blueprint, Flask

app = Flask(__name__)
bp = Blueprint("cron", __name__)


@bp.route("/cleanup-cron", methods=["POST"])
def handle():
    return "", 200
`;

const withApp = (app: string) => complete({'app.py': app});
const withoutDecorator = APP_PY.replace('@app.post("/cleanup-cron")\n', '');

ruleTester.run(rule, {
	valid: [
		{name: 'reference app', files: complete()},
		{name: 'Flask quickstart with a cron named cron', files: complete({'components/cron-binding.yaml': component('cron', 'bindings.cron', {schedule: '@every 10s', direction: 'input'}), 'app.py': FLASK_QUICKSTART})},
		{name: 'route built from constants', files: withApp(CONSTANTS)},
		{name: 'dapr.ext.grpc @app.binding', files: withApp(GRPC)},
		{name: 'a `route` metadata entry moves the path', files: complete({'components/cron-binding.yaml': CRON_YAML + '    - name: route\n      value: /jobs/cleanup\n', 'app.py': APP_PY.replace('"/cleanup-cron"', '"/jobs/cleanup"')})},
		{name: 'a param route that matches counts as serving it', files: withApp(APP_PY.replace('"/cleanup-cron"', '"/{name}"'))},
		{name: 'a cron whose direction excludes input is not an input binding', files: complete({'components/cron-binding.yaml': CRON_YAML.replace('value: "input"', 'value: "output"'), 'app.py': APP_PY.replace('"/cleanup-cron"', '"/unrelated"')})},
		{name: 'a route added by a call (app.add_api_route)', files: withApp(withoutDecorator + '\n\napp.add_api_route("/cleanup-cron", handle_cleanup, methods=["POST"])\n')},
		{name: 'the same router included with a prefix serves the prefixed path', files: withApp(ROUTER_INCLUDED), lab: 'lab-a'},
	],
	invalid: [
		{
			name: 'no route at all: error at the app construction, naming the component and path',
			files: withApp(APP_PY.replace('"/cleanup-cron"', '"/tasks/{task_id}/complete"')),
			errors: [{messageId: 'none', file: 'app.py', line: 5, column: 7, severity: 'error', message: /components\/cron-binding\.yaml:4[\s\S]*POST \/cleanup-cron|POST \/cleanup-cron[\s\S]*components\/cron-binding\.yaml:4/, hint: /@app\.post\("\/cleanup-cron"\)/}],
		},
		{
			name: 'Flask app without the route gets a Flask decorator in the hint',
			files: withApp(FLASK_QUICKSTART.replace("'/cron'", "'/other-thing'")),
			errors: [{messageId: 'none', file: 'app.py', line: 4, column: 7, severity: 'error', hint: /@app\.route\("\/cleanup-cron", methods=\["POST"\]\)/}],
		},
		{
			name: 'a route added by a call with a computed path: info, not a claim',
			files: withApp(withoutDecorator + '\n\napp.add_api_route(route_for("cron"), handle_cleanup, methods=["POST"])\n'),
			errors: [{messageId: 'unverifiable', file: 'app.py', line: 20, column: 1, severity: 'info'}],
		},
		{name: 'a route whose path is not statically known: info, not a claim', files: withApp(APP_PY.replace('"/cleanup-cron"', 'get_path()')), errors: [{messageId: 'unverifiable', file: 'app.py', line: 12, column: 1, severity: 'info'}]},
		{
			name: 'a route on an APIRouter never included into the app is not a handler',
			files: withApp(ROUTER),
			lab: 'lab-a',
			errors: [{messageId: 'unmounted', file: 'app.py', line: 7, column: 1, severity: 'error', message: /never included/, hint: /app\.include_router\(router\)/}],
		},
		{name: 'a Flask blueprint never registered is not a handler', files: withApp(BLUEPRINT), lab: 'lab-a', errors: [{messageId: 'unmounted', file: 'app.py', line: 7, column: 1, severity: 'error', hint: /app\.register_blueprint\(bp\)/}]},
		{
			name: 'a binding without direction that is also an output type: info only (output-only use, python-sdk kafka example)',
			files: complete({'components/kafka.yaml': component('kafka-binding', 'bindings.kafka', {topics: 'sample', brokers: 'localhost:9092', publishTopic: 'sample'})}),
			lab: 'lab-a',
			errors: [{messageId: 'probeOnly', file: 'app.py', line: 5, column: 7, severity: 'info', hint: /value: "output"/}],
		},
		{
			name: 'the same binding with direction input: an error',
			files: complete({'components/kafka.yaml': component('kafka-binding', 'bindings.kafka', {topics: 'sample', brokers: 'localhost:9092', direction: 'input'})}),
			lab: 'lab-a',
			errors: [{messageId: 'none', file: 'app.py', line: 5, column: 7, severity: 'error'}],
		},
		{name: 'a cron without direction and without a handler is still an error', files: complete({'components/nightly.yaml': component('nightly', 'bindings.cron', {schedule: '@daily'})}), lab: 'lab-a', errors: [{messageId: 'noneProbed', file: 'app.py', line: 5, column: 7, severity: 'error'}]},
	],
});
