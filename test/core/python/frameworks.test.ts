// Framework knowledge in one place (src/core/python/frameworks.ts): every hint that suggests a decorator writes it the
// way the app's framework does. A Flask app (routes on the app or on a blueprint) is never told to write `@app.post`;
// FastAPI and APIRouter apps keep their hints exactly as before.
import {describe, expect, test} from 'vitest';
import {analyzeWorkspace} from '../../../src/core/analyze.js';
import {diagnose, type RunObservation} from '../../../src/core/diagnose.js';
import {classifyLine} from '../../../src/core/log/classify.js';
import {analyzePython} from '../../../src/core/python/model.js';
import {appFramework, decoratorFor, includeCall, joinPrefix, postDecorator, routeMatches} from '../../../src/core/python/frameworks.js';
import type {LineEvent} from '../../../src/core/run-events.js';
import type {Finding} from '../../../src/core/types.js';
import {check, complete, component, workspaceOf} from '../../helpers/rules.js';

const WRONG = 'input-binding/wrong-method';
const MISMATCH = 'input-binding/route-mismatch';
const NONE = 'input-binding/no-handler';

/** A Flask app whose routes hang on the app object itself. */
function flaskApp(decorator: string): string {
	return `from flask import Flask

app = Flask(__name__)


${decorator}
def handle():
    return "", 200
`;
}

/** A Flask app whose routes hang on a blueprint `jobs`, registered on the app (no prefix). */
function flaskBlueprint(decorator: string, register = true): string {
	return `from flask import Blueprint, Flask

jobs = Blueprint("jobs", __name__)


${decorator}
def handle():
    return "", 200


app = Flask(__name__)
${register ? 'app.register_blueprint(jobs)\n' : ''}`;
}

function fastapiApp(decorator: string): string {
	return `from fastapi import FastAPI

app = FastAPI()


${decorator}
async def handle():
    return {"status": "OK"}
`;
}

function apiRouterApp(decorator: string, include = true): string {
	return `from fastapi import APIRouter, FastAPI

router = APIRouter()


${decorator}
async def handle():
    return {"status": "OK"}


app = FastAPI()
${include ? 'app.include_router(router)\n' : ''}`;
}

function hints(ruleId: string, app: string, extra: Record<string, string> = {}): (string | undefined)[] {
	return check(ruleId, complete({'app.py': app, ...extra}), 'lab-a').map((finding: Finding) => finding.hint);
}

const KAFKA = {'components/kafka.yaml': component('kafka-binding', 'bindings.kafka', {topics: 'sample', brokers: 'localhost:9092', publishTopic: 'sample'})};

describe('frameworks: how a POST route is written and how routes match', () => {
	test('a POST route per framework', () => {
		expect(postDecorator('fastapi', 'router', '/x', 'x')).toBe('@router.post("/x")');
		expect(postDecorator('flask', 'bp', '/x', 'x')).toBe('@bp.route("/x", methods=["POST"])');
		expect(postDecorator('dapr-grpc', 'app', '/x', 'x')).toBe('@app.binding("x")');
	});
	test('mounting a router per framework', () => {
		expect(includeCall('fastapi', 'router')).toBe('app.include_router(router)');
		expect(includeCall('flask', 'bp')).toBe('app.register_blueprint(bp)');
	});
	test('prefixes: Flask joins with one slash, FastAPI concatenates', () => {
		expect(joinPrefix('flask', '/api/', '/jobs')).toBe('/api/jobs');
		expect(joinPrefix('flask', '/api', 'jobs')).toBe('/api/jobs');
		expect(joinPrefix('fastapi', '/api', '/jobs')).toBe('/api/jobs');
		expect(joinPrefix('fastapi', '/api', '-jobs')).toBe('/api-jobs');
	});
	test('route templates: FastAPI {param}, Flask <conv:param>, path converters across slashes', () => {
		expect(routeMatches('/tasks/{task_id}/complete', '/tasks/t-1/complete')).toBe(true);
		expect(routeMatches('/tasks/<int:id>', '/tasks/42')).toBe(true);
		expect(routeMatches('/tasks/<id>', '/tasks/a/b')).toBe(false);
		expect(routeMatches('/files/<path:p>', '/files/a/b')).toBe(true);
		expect(routeMatches('/files/{p:path}', '/files/a/b')).toBe(true);
		expect(routeMatches('/cleanup-cron', '/cleanup_cron')).toBe(false);
	});
	test("the app's framework, from its routes and imports", () => {
		expect(appFramework(analyzePython('app.py', flaskApp('@app.route("/x")')))).toBe('flask');
		expect(appFramework(analyzePython('app.py', 'from flask import Flask\n'))).toBe('flask');
		expect(appFramework(analyzePython('app.py', fastapiApp('@app.post("/x")')))).toBe('fastapi');
		expect(appFramework(analyzePython('app.py', 'from dapr.ext.grpc import App\napp = App()\n'))).toBe('dapr-grpc');
		expect(appFramework(undefined)).toBe('fastapi');
		expect(decoratorFor(analyzePython('app.py', flaskBlueprint('@jobs.route("/other")')), '/cleanup-cron', 'cleanup-cron')).toBe('@jobs.route("/cleanup-cron", methods=["POST"])');
	});
});

describe.each([
	['a Flask app', flaskApp, 'app'],
	['a Flask blueprint app', flaskBlueprint, 'jobs'],
])('%s gets Flask hints', (_name, build, target) => {
	const flask = `@${target}.route("/cleanup-cron", methods=["POST"])`;
	test(WRONG, () => {
		expect(hints(WRONG, build(`@${target}.route("/cleanup-cron")`))).toEqual([`Write \`${flask}\`.`]);
		expect(hints(WRONG, build(`@${target}.get("/cleanup-cron")`))).toEqual([`Write \`${flask}\`.`]);
	});
	test(MISMATCH, () => {
		expect(hints(MISMATCH, build(`@${target}.route("/cleanup_cron", methods=["POST"])`))).toEqual([`Change the path to "/cleanup-cron": \`${flask}\`.`]);
	});
	test(`${NONE}: no route, an unverifiable route, a binding that may be output-only`, () => {
		expect(hints(NONE, build(`@${target}.route("/tasks", methods=["POST"])`))).toEqual([`Add \`${flask}\` above a handler function that returns {"status": "OK"}.`]);
		const unverifiable = hints(NONE, build(`@${target}.route(get_path(), methods=["POST"])`));
		expect(unverifiable).toHaveLength(1);
		expect(unverifiable[0]).toContain(`Make sure one handler is \`${flask}\``);
		const probeOnly = hints(NONE, build(`@${target}.route("/cleanup-cron", methods=["POST"])`), KAFKA);
		expect(probeOnly).toHaveLength(1);
		expect(probeOnly[0]).toContain(`To receive its events add \`@${target}.route("/kafka-binding", methods=["POST"])\``);
	});
	test('no hint of these rules writes a FastAPI decorator', () => {
		const all = [
			...hints(WRONG, build(`@${target}.route("/cleanup-cron")`)),
			...hints(MISMATCH, build(`@${target}.route("/cleanup_cron", methods=["POST"])`)),
			...hints(NONE, build(`@${target}.route("/tasks", methods=["POST"])`)),
		];
		expect(all).toHaveLength(3);
		for (const hint of all) expect(hint).not.toMatch(/\.(post|get)\(/);
	});
});

describe('Flask hints on a blueprint', () => {
	test('a blueprint never registered: register_blueprint', () => {
		expect(hints(NONE, flaskBlueprint('@jobs.route("/cleanup-cron", methods=["POST"])', false))).toEqual(['Add `app.register_blueprint(jobs)` after the routes are declared, or put the route on the app itself.']);
	});
	test('a route on an object the model cannot identify, in a Flask app, is written the Flask way', () => {
		const app = `from flask import Flask
from helpers import make_blueprint

jobs = make_blueprint()


@jobs.route("/cleanup-cron")
def handle():
    return "", 200


app = Flask(__name__)
`;
		expect(hints(WRONG, app)).toEqual(['Write `@jobs.route("/cleanup-cron", methods=["POST"])`.']);
		expect(hints(MISMATCH, app.replace('"/cleanup-cron"', '"/cleanup_cron", methods=["POST"]'))).toEqual(['Change the path to "/cleanup-cron": `@jobs.route("/cleanup-cron", methods=["POST"])`.']);
	});
});

describe('a new route goes where it is served at the path it writes', () => {
	test('a blueprint or router under a prefix: the route goes on the app', () => {
		const flask = flaskBlueprint('@jobs.route("/tasks", methods=["POST"])').replace('app.register_blueprint(jobs)', 'app.register_blueprint(jobs, url_prefix="/api")');
		expect(hints(NONE, flask)).toEqual(['Add `@app.route("/cleanup-cron", methods=["POST"])` above a handler function that returns {"status": "OK"}.']);
		const fastapi = apiRouterApp('@router.post("/tasks")').replace('APIRouter()', 'APIRouter(prefix="/api")');
		expect(hints(NONE, fastapi)).toEqual(['Add `@app.post("/cleanup-cron")` above a handler function that returns {"status": "OK"}.']);
	});
	test('a router or blueprint never included serves nothing: the route goes on the app', () => {
		expect(hints(NONE, apiRouterApp('@router.post("/tasks")', false))).toEqual(['Add `@app.post("/cleanup-cron")` above a handler function that returns {"status": "OK"}.']);
		expect(hints(NONE, flaskBlueprint('@jobs.route("/tasks", methods=["POST"])', false))).toEqual(['Add `@app.route("/cleanup-cron", methods=["POST"])` above a handler function that returns {"status": "OK"}.']);
	});
	test('an app with no routes yet: its own name', () => {
		expect(hints(NONE, 'from fastapi import FastAPI\n\napi = FastAPI()\n')).toEqual(['Add `@api.post("/cleanup-cron")` above a handler function that returns {"status": "OK"}.']);
		expect(hints(NONE, 'from flask import Flask\n\nserver = Flask(__name__)\n')).toEqual(['Add `@server.route("/cleanup-cron", methods=["POST"])` above a handler function that returns {"status": "OK"}.']);
	});
});

describe('Starlette route lists get a Route(...), not a decorator', () => {
	const starlette = (routes: string) => `from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route


async def cleanup(request):
    return JSONResponse({"status": "OK"})


app = Starlette(routes=[${routes}])
`;
	test(NONE, () => {
		expect(hints(NONE, starlette('Mount("/hooks", routes=[Route("/cleanup-cron", cleanup, methods=["POST"])])'))).toEqual([
			'Add `Route("/cleanup-cron", endpoint, methods=["POST"])` to the app\'s routes (outside any Mount), for an endpoint function that returns {"status": "OK"}.',
		]);
	});
	test(`${WRONG} and ${MISMATCH} name the route's own endpoint`, () => {
		expect(hints(WRONG, starlette('Route("/cleanup-cron", cleanup)'))).toEqual(['Write `Route("/cleanup-cron", cleanup, methods=["POST"])`.']);
		expect(hints(MISMATCH, starlette('Route("/cleanup_cron", cleanup, methods=["POST"])'))).toEqual(['Change the path to "/cleanup-cron": `Route("/cleanup-cron", cleanup, methods=["POST"])`.']);
	});
});

describe('FastAPI and APIRouter hints are unchanged', () => {
	test(WRONG, () => {
		expect(hints(WRONG, fastapiApp('@app.get("/cleanup-cron")'))).toEqual(['Write `@app.post("/cleanup-cron")`.']);
		expect(hints(WRONG, apiRouterApp('@router.get("/cleanup-cron")'))).toEqual(['Write `@router.post("/cleanup-cron")`.']);
		expect(hints(WRONG, apiRouterApp('@router.api_route("/cleanup-cron", methods=["GET"])'))).toEqual(['Write `@router.post("/cleanup-cron")`.']);
	});
	test(MISMATCH, () => {
		expect(hints(MISMATCH, fastapiApp('@app.post("/cleanup_cron")'))).toEqual(['Change the path to "/cleanup-cron": `@app.post("/cleanup-cron")`.']);
		expect(hints(MISMATCH, apiRouterApp('@router.post("/Cleanup-Cron")'))).toEqual(['Change the path to "/cleanup-cron": `@router.post("/cleanup-cron")`.']);
	});
	test(NONE, () => {
		expect(hints(NONE, fastapiApp('@app.post("/tasks")'))).toEqual(['Add `@app.post("/cleanup-cron")` above a handler function that returns {"status": "OK"}.']);
		expect(hints(NONE, apiRouterApp('@router.post("/tasks")'))).toEqual(['Add `@router.post("/cleanup-cron")` above a handler function that returns {"status": "OK"}.']);
		expect(hints(NONE, apiRouterApp('@router.post("/cleanup-cron")', false))).toEqual(['Add `app.include_router(router)` after the routes are declared, or put the route on the app itself.']);
		expect(hints(NONE, fastapiApp('@app.post("/cleanup-cron")'), KAFKA)).toEqual(['To receive its events add `@app.post("/kafka-binding")`; to use it only as an output binding, add `- name: direction` with `value: "output"` to the component.']);
	});
	test('dapr.ext.grpc: @app.binding', () => {
		const app = "from dapr.ext.grpc import App, BindingRequest\n\napp = App()\n\n\n@app.binding('cleanup_cron')\ndef binding(request: BindingRequest):\n    pass\n";
		expect(hints(MISMATCH, app)).toEqual(['Write `@app.binding("cleanup-cron")`.']);
		expect(hints(NONE, app.replace("'cleanup_cron'", "'tasks'"))).toEqual(['Add `@app.binding("cleanup-cron")` above a handler function that returns {"status": "OK"}.']);
	});
});

describe('run diagnosis hints follow the framework', () => {
	const daprd = (level: string, msg: string) => `time="2026-11-30T00:00:00Z" level=${level} msg=${JSON.stringify(msg)} app_id=cron-app scope=dapr.runtime type=log`;
	const events = (...lines: string[]): LineEvent[] => lines.map((line) => classifyLine(line).event).filter((event): event is LineEvent => event !== null);
	const observe = (lines: string[]): RunObservation => ({
		events: events(...lines),
		triggers: [],
		expectation: {binding: 'cleanup-cron', route: '/cleanup-cron', spec: '@every 1s', runSpec: '@every 1s', rehearsal: false, zone: 'UTC', intervalMs: 1000, toleranceMs: 1000, waitMs: 3000},
		appPort: 8000,
	});
	// The OPTIONS probe answered no; a delivery answered 404; a delivery answered 405.
	const CASES = [
		daprd('info', 'app has not subscribed to binding cleanup-cron.'),
		daprd('debug', 'error from app consumer for binding [cleanup-cron]: fails to send binding event to http app channel, status code: 404 body: Not Found'),
		daprd('debug', 'error from app consumer for binding [cleanup-cron]: fails to send binding event to http app channel, status code: 405 body: Method Not Allowed'),
	];
	const diagnosisHints = (app: string) =>
		CASES.map((line) => {
			const model = analyzeWorkspace(workspaceOf({'components/cron-binding.yaml': complete()['components/cron-binding.yaml'] as string, 'app.py': app}));
			const findings = diagnose(observe([line]), model).findings.filter((finding) => finding.ruleId === 'run/app-not-subscribed' || finding.ruleId === 'run/delivery-failed');
			expect(findings).toHaveLength(1);
			return findings[0]!.hint;
		});
	test('a Flask app (routes on a blueprint) is told the Flask way', () => {
		expect(diagnosisHints(flaskBlueprint('@jobs.route("/tasks", methods=["POST"])'))).toEqual([
			'Serve POST /cleanup-cron: `@app.route("/cleanup-cron", methods=["POST"])` instead of "/tasks".',
			'The route of an input binding is its component name: `@app.route("/cleanup-cron", methods=["POST"])`.',
			'Use `@app.route("/cleanup-cron", methods=["POST"])`.',
		]);
	});
	test('a FastAPI app keeps @app.post', () => {
		expect(diagnosisHints(fastapiApp('@app.post("/tasks")'))).toEqual([
			'Serve POST /cleanup-cron: `@app.post("/cleanup-cron")` instead of "/tasks".',
			'The route of an input binding is its component name: `@app.post("/cleanup-cron")`.',
			'Use `@app.post("/cleanup-cron")`.',
		]);
	});
});
