import {describe, expect, test} from 'vitest';
import {analyzeWorkspace} from '../../../src/core/analyze.js';
import {absoluteModule, importCandidates, reachableFrom} from '../../../src/core/python/project.js';
import {check, CRON_YAML, workspaceOf} from '../../helpers/rules.js';

function routesOf(files: Record<string, string>) {
	const model = analyzeWorkspace(workspaceOf(files));
	return model.python!.routes.map((route) => `${route.file ?? 'app.py'} ${route.path} ${route.mounted === false ? 'unmounted' : 'served'}`);
}

describe('imports', () => {
	test('relative modules resolve against the importing file', () => {
		expect(absoluteModule('.events', 'routes/__init__.py')).toBe('routes.events');
		expect(absoluteModule('..config', 'pkg/sub/mod.py')).toBe('pkg.config');
		expect(absoluteModule('.', 'routes/events.py')).toBe('routes');
		expect(absoluteModule('...x', 'a/b.py')).toBeNull();
		expect(absoluteModule('fastapi', 'app.py')).toBe('fastapi');
	});
	test('candidates: packages before their submodules, `from pkg import sub` may be a module', () => {
		const model = analyzeWorkspace(workspaceOf({'app.py': 'from routes import events\nimport config\n'})).python!;
		expect(importCandidates('app.py', model.imports)).toEqual(['routes.py', 'routes/__init__.py', 'routes/events.py', 'routes/events/__init__.py', 'config.py', 'config/__init__.py']);
	});
});

describe('routes across modules', () => {
	const router = (path: string, extra = '') => `from fastapi import APIRouter\nrouter = APIRouter(${extra})\n@router.post("${path}")\ndef handler():\n    return {}\n`;
	test('a router included from another module gets the include prefix and its own', () => {
		expect(routesOf({'app.py': 'from fastapi import FastAPI\nfrom routes import events\napp = FastAPI()\napp.include_router(events.router, prefix="/api")\n', 'routes/__init__.py': '', 'routes/events.py': router('/x', 'prefix="/v1"')})).toEqual(['routes/events.py /api/v1/x served']);
	});
	test('a package re-export (`from .events import router` in __init__.py)', () => {
		expect(routesOf({'app.py': 'from fastapi import FastAPI\nfrom routes import router\napp = FastAPI()\napp.include_router(router)\n', 'routes/__init__.py': 'from .events import router\n', 'routes/events.py': router('/cleanup-cron')})).toEqual(['routes/events.py /cleanup-cron served']);
	});
	test('routers nested across modules', () => {
		const files = {
			'app.py': 'from fastapi import FastAPI\nfrom api import api\napp = FastAPI()\napp.include_router(api, prefix="/a")\n',
			'api.py': 'from fastapi import APIRouter\nfrom jobs import router\napi = APIRouter(prefix="/b")\napi.include_router(router, prefix="/c")\n',
			'jobs.py': router('/d'),
		};
		expect(routesOf(files)).toEqual(['jobs.py /a/b/c/d served']);
	});
	test('a router nobody includes stays unmounted, with its file', () => {
		expect(routesOf({'app.py': 'from fastapi import FastAPI\nimport jobs\napp = FastAPI()\n', 'jobs.py': router('/x')})).toEqual(['jobs.py /x unmounted']);
	});
	test('Flask: register_blueprint(url_prefix=...) replaces the blueprint\'s own prefix', () => {
		const files = {
			'app.py': 'from flask import Flask\nfrom views import bp\napp = Flask(__name__)\napp.register_blueprint(bp, url_prefix="/v2")\n',
			'views.py': 'from flask import Blueprint\nbp = Blueprint("v", __name__, url_prefix="/v1")\n@bp.route("/x", methods=["POST"])\ndef x():\n    return ""\n',
		};
		expect(routesOf(files)).toEqual(['views.py /v2/x served']);
	});
	test('constants through two modules (a chain config → settings → app)', () => {
		const files = {
			'app.py': 'from fastapi import FastAPI\nimport settings\napp = FastAPI()\n@app.post(settings.ROUTE)\ndef x():\n    return {}\n',
			'settings.py': 'from config import NAME\nROUTE = "/" + NAME\n',
			'config.py': 'NAME = "cleanup-cron"\n',
		};
		expect(routesOf(files)).toEqual(['app.py /cleanup-cron served']);
	});
	test('an import cycle ends', () => {
		const files = {'app.py': 'from fastapi import FastAPI\nimport a\napp = FastAPI()\n', 'a.py': 'import b\nX = "1"\n', 'b.py': 'import a\nfrom a import X\n'};
		expect(routesOf(files)).toEqual([]);
	});
	test('Starlette Route list and Mount prefix', () => {
		const app = 'from starlette.applications import Starlette\nfrom starlette.routing import Mount, Route\nasync def h(request):\n    pass\napp = Starlette(routes=[Route("/a", h, methods=["POST"]), Mount("/m", routes=[Route("/b", h)])])\n';
		const routes = analyzeWorkspace(workspaceOf({'app.py': app})).python!.routes;
		expect(routes.map((route) => [route.path, route.methods])).toEqual([
			['/a', ['POST']],
			['/m/b', ['GET', 'HEAD']],
		]);
	});
	test('an include the checker cannot follow is a route source: info, never a 404 claim', () => {
		const findings = check('input-binding/no-handler', {'app.py': 'from fastapi import FastAPI\nfrom plugins import load\napp = FastAPI()\napp.include_router(load())\n', 'components/cron-binding.yaml': CRON_YAML}, 'lab-a');
		expect(findings.map((f) => [f.severity, f.line])).toEqual([['info', 4]]);
		expect(findings[0]!.message).toContain('not verified statically, `dapr-labs run` verifies it');
	});
	test('an imported module that could not be read is a route source', () => {
		const model = analyzeWorkspace(
			workspaceOf({'app.py': 'from fastapi import FastAPI\nfrom routes import events\napp = FastAPI()\napp.include_router(events.router)\n', 'routes/events.py': {path: 'routes/events.py', kind: 'unreadable', reason: 'symlink-outside', detail: 'The symbolic link points outside the lab folder.'}}),
		);
		expect(model.python!.routeSources!.map((source) => source.file)).toContain('routes/events.py');
		// Not a lab file the student was asked to write: no file/unreadable error for it.
		expect(model.unreadable).toEqual([]);
	});
});

describe('call graph', () => {
	test('through helpers, modules and callbacks; not into other handlers', () => {
		const files = {
			'app.py': 'from fastapi import FastAPI, BackgroundTasks\nimport notify\napp = FastAPI()\n@app.post("/c")\ndef cron(tasks: BackgroundTasks):\n    helper()\n    tasks.add_task(later)\n\ndef helper():\n    notify.send()\n\ndef later():\n    pass\n\ndef other():\n    publish()\n',
			'notify.py': 'def send():\n    _post()\n\ndef _post():\n    pass\n',
		};
		const model = analyzeWorkspace(workspaceOf(files));
		const reach = reachableFrom(model.pythonModules!, [{file: 'app.py', name: 'cron'}]);
		expect(reach.functions.map((ref) => `${ref.file}:${ref.name}`).sort()).toEqual(['app.py:cron', 'app.py:helper', 'app.py:later', 'notify.py:_post', 'notify.py:send']);
	});
});
