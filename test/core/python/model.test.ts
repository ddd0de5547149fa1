import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import type {PyCall, PythonModel} from '../../../src/core/model.js';
import {analyzePython} from '../../../src/core/python/model.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const fixture = (name: string): PythonModel => analyzePython('app.py', read(`test/fixtures/python/${name}`));
const model = (text: string): PythonModel => analyzePython('app.py', text);
const callsTo = (m: PythonModel, method: string): PyCall[] => m.calls.filter((call) => call.method === method);
const routeSummary = (m: PythonModel) => m.routes.map((route) => ({path: route.path, methods: route.methods, framework: route.framework}));
const argMap = (call: PyCall) =>
	Object.fromEntries(call.args.map((arg) => [arg.keyword ?? `#${arg.position}`, arg.value]));

describe('analyzePython: the lesson apps', () => {
	it('lab A solution: one FastAPI POST route at /cleanup-cron, no errors', () => {
		const m = analyzePython('app.py', read('labs/lab-a/solution/app.py'));
		expect(m.syntaxErrors).toEqual([]);
		expect(m.routes).toHaveLength(1);
		expect(m.routes[0]).toMatchObject({
			kind: 'http',
			path: '/cleanup-cron',
			pathText: '"/cleanup-cron"',
			methods: ['POST'],
			framework: 'fastapi',
			target: 'app',
			handler: 'handle_cron',
			async: true,
			decoratorSpan: {line: 12, column: 1, endLine: 12, endColumn: 26},
			pathSpan: {line: 12, column: 11, endLine: 12, endColumn: 25},
		});
		expect(m.imports.map((i) => [i.module, i.name, i.alias])).toEqual([
			['datetime', 'datetime', 'datetime'],
			['logging', null, 'logging'],
			['fastapi', 'FastAPI', 'FastAPI'],
		]);
	});

	it('lab A starter: the route is /cleanup_cron, pointed at by the decorator', () => {
		const m = analyzePython('app.py', read('labs/lab-a/starter/app.py'));
		expect(m.routes.map((r) => [r.path, r.decoratorSpan.line])).toEqual([['/cleanup_cron', 13]]);
	});

	it('lab B starter: async with on the sync client, upper-case operation, dict data', () => {
		const m = analyzePython('app.py', read('labs/lab-b/starter/app.py'));
		expect(m.syntaxErrors).toEqual([]);
		expect(m.withs).toEqual([
			expect.objectContaining({async: true, contextCallee: 'DaprClient', contextQualified: 'dapr.clients.DaprClient', asName: 'client', span: expect.objectContaining({line: 24})}),
		]);
		const [invoke] = callsTo(m, 'invoke_binding');
		expect(invoke).toMatchObject({callee: 'client.invoke_binding', receiver: 'client', inFunction: 'complete_task', span: {line: 25, column: 9}});
		expect(argMap(invoke!)).toEqual({
			binding_name: {kind: 'string', value: 'monitoring-webhook'},
			operation: {kind: 'string', value: 'POST'},
			data: {kind: 'dict'},
		});
		expect(invoke!.args[2]!.span).toMatchObject({line: 28, column: 13});
	});

	it('lab B solution: sync with, json.dumps data', () => {
		const m = analyzePython('app.py', read('labs/lab-b/solution/app.py'));
		expect(m.withs.map((w) => w.async)).toEqual([false]);
		expect(argMap(callsTo(m, 'invoke_binding')[0]!).data).toEqual({kind: 'call', callee: 'json.dumps'});
	});

	it('combined starter: find_expired_tasks is called but never bound; the solution binds it', () => {
		const starter = analyzePython('app.py', read('labs/combined/starter/app.py'));
		const called = starter.calledNames.find((use) => use.name === 'find_expired_tasks');
		expect(called?.span).toEqual({line: 20, column: 21, endLine: 20, endColumn: 38});
		expect(starter.boundNames.has('find_expired_tasks')).toBe(false);
		const solution = analyzePython('app.py', read('labs/combined/solution/app.py'));
		expect(solution.boundNames.has('find_expired_tasks')).toBe(true);
		const publish = callsTo(solution, 'publish_event')[0]!;
		expect(argMap(publish)).toMatchObject({pubsub_name: {kind: 'string', value: 'pubsub'}, topic_name: {kind: 'string', value: 'task-events'}});
		expect(publish.inFunction).toBe('handle_cleanup');
		expect(routeSummary(solution)).toEqual([
			{path: '/cleanup-cron', methods: ['POST'], framework: 'fastapi'},
			{path: '/tasks/{task_id}/complete', methods: ['POST'], framework: 'fastapi'},
		]);
	});
});

describe('analyzePython: real sample shapes', () => {
	it('a quickstart-style Flask app: route built by concatenation, keyword invoke_binding', () => {
		const m = fixture('quickstart-flask-sdk.py');
		expect(m.syntaxErrors).toEqual([]);
		expect(m.routes).toEqual([
			expect.objectContaining({path: '/cron', pathText: "'/' + cron_binding_name", methods: ['POST'], framework: 'flask', handler: 'process_batch', async: false}),
		]);
		const invoke = callsTo(m, 'invoke_binding')[0]!;
		expect(argMap(invoke)).toEqual({
			binding_name: {kind: 'string', value: 'sqldb'},
			operation: {kind: 'string', value: 'exec'},
			binding_metadata: {kind: 'name', name: 'payload'},
			data: {kind: 'string', value: ''},
		});
		expect(invoke.inFunction).toBe('sql_output');
		expect(m.constants).toEqual(new Map([['cron_binding_name', 'cron'], ['sql_binding_name', 'sqldb']]));
		for (const name of ['process_batch', 'sql_output', 'order_line', 'orders_file', 'e', 'resp', 'payload', 'app']) expect(m.boundNames.has(name)).toBe(true);
	});

	it('dapr.ext.grpc App with @app.binding', () => {
		const m = fixture('grpc-binding.py');
		expect(m.routes).toEqual([
			{
				kind: 'grpc-binding',
				path: 'kafkaBinding',
				pathText: "'kafkaBinding'",
				methods: [],
				framework: 'dapr-grpc',
				target: 'app',
				decoratorSpan: {line: 7, column: 1, endLine: 7, endColumn: 28},
				pathSpan: {line: 7, column: 14, endLine: 7, endColumn: 27},
				handler: 'binding',
				async: false,
			},
		]);
	});

	it('positional invoke_binding at module level', () => {
		const m = fixture('output-binding-positional.py');
		const invoke = callsTo(m, 'invoke_binding')[0]!;
		expect(invoke.inFunction).toBeNull();
		expect(invoke.args.map((arg) => [arg.keyword, arg.position, arg.value.kind])).toEqual([
			[null, 0, 'string'],
			[null, 1, 'string'],
			[null, 2, 'call'],
		]);
		expect(argMap(invoke)['#1']).toEqual({kind: 'string', value: 'create'});
	});

	it('the aio client, aliases, module aliases and parenthesised with-items', () => {
		const m = fixture('aio-client.py');
		expect(m.syntaxErrors).toEqual([]);
		expect(m.withs.map((w) => [w.async, w.contextCallee, w.contextQualified, w.asName, w.span.line])).toEqual([
			[true, 'AsyncDaprClient', 'dapr.aio.clients.DaprClient', 'client', 12],
			[true, 'open', null, 'log', 12],
			[false, 'dc.DaprClient', 'dapr.clients.DaprClient', 'sync_client', 15],
			[true, 'AsyncDaprClient', 'dapr.aio.clients.DaprClient', 'first', 18],
			[true, 'dc.DaprClient', 'dapr.clients.DaprClient', 'second', 19],
		]);
		const publish = callsTo(m, 'publish_event')[0]!;
		expect(argMap(publish).topic_name).toEqual({kind: 'string', value: 'task-events'});
		const [awaited, sync] = callsTo(m, 'invoke_binding');
		expect(argMap(awaited!)).toEqual({'#0': {kind: 'string', value: 'monitoring-webhook'}, '#1': {kind: 'string', value: 'post'}, '#2': {kind: 'bytes'}});
		expect(argMap(sync!).data).toEqual({kind: 'dict'});
		expect(m.boundNames.has('first')).toBe(true);
		expect(m.boundNames.has('second')).toBe(true);
	});
});

describe('analyzePython: routes', () => {
	it('APIRouter prefixes and include_router prefixes, including routers included after their routes', () => {
		const m = fixture('routers.py');
		expect(m.routes.map((r) => [r.path, r.methods, r.framework, r.target, r.mounted])).toEqual([
			['/api/v1/jobs/cleanup-cron', ['POST'], 'fastapi', 'jobs', undefined],
			['/reset', ['POST', 'GET'], 'fastapi', 'admin', undefined],
			['/orphan/lost', ['POST'], 'fastapi', 'orphan', false],
			['/plain', ['GET'], 'fastapi', 'app', undefined],
		]);
	});

	it('Flask blueprints: own url_prefix, overridden at register time, implied HEAD for GET', () => {
		const m = fixture('flask-blueprints.py');
		expect(routeSummary(m)).toEqual([
			{path: '/hooks/cron', methods: ['POST'], framework: 'flask'},
			{path: '/override/x', methods: ['GET', 'HEAD'], framework: 'flask'},
			{path: '/health', methods: ['GET', 'HEAD'], framework: 'flask'},
			{path: '/submit', methods: ['POST'], framework: 'flask'},
		]);
	});

	it('constants, f-strings, concatenation; unknown paths stay null with their text', () => {
		const m = fixture('constants.py');
		expect(m.routes.map((r) => [r.handler, r.path, r.pathText])).toEqual([
			['by_fstring', '/cleanup-cron', 'ROUTE'],
			['by_concat', '/other/cleanup-cron', 'OTHER + "/" + BINDING'],
			['unknown', null, 'DYNAMIC'],
			['partial', null, `f"/{os.getenv('X')}/tail"`],
			['branchy', null, 'BRANCHY'],
			['twice', '/second', 'TWICE'],
		]);
		expect(Object.fromEntries(m.constants)).toEqual({
			BINDING: 'cleanup-cron',
			ROUTE: '/cleanup-cron',
			OTHER: '/other',
			RAW: '/raw\\path',
			TRIPLE: '/triple',
			GREETING: 'hello world',
			TWICE: '/second',
		});
	});

	it.each([
		['FastAPI shortcuts', 'from fastapi import FastAPI\napp = FastAPI()\n@app.put("/a")\ndef a(): pass\n@app.delete("/b")\ndef b(): pass\n@app.options("/c")\ndef c(): pass\n@app.head("/d")\ndef d(): pass\n@app.patch("/e")\ndef e(): pass\n', [['/a', ['PUT']], ['/b', ['DELETE']], ['/c', ['OPTIONS']], ['/d', ['HEAD']], ['/e', ['PATCH']]]],
		['api_route default GET', 'import fastapi\napp = fastapi.FastAPI()\n@app.api_route("/x")\ndef x(): pass\n', [['/x', ['GET']]]],
		['Flask route default GET + HEAD', 'import flask\napp = flask.Flask(__name__)\n@app.route("/x")\ndef x(): pass\n', [['/x', ['GET', 'HEAD']]]],
		['Flask methods as a tuple of constants', 'from flask import Flask\nM = "post"\napp = Flask(__name__)\n@app.route("/x", methods=(M, "PUT"))\ndef x(): pass\n', [['/x', ['POST', 'PUT']]]],
		['path keyword', 'from fastapi import FastAPI\napp = FastAPI()\n@app.post(path="/k")\ndef k(): pass\n', [['/k', ['POST']]]],
		['unknown target with a clear shape', '@server.post("/z")\ndef z(): pass\n', [['/z', ['POST']]]],
		['add_api_route', 'from fastapi import FastAPI\napp = FastAPI()\ndef h(): pass\napp.add_api_route("/h", h, methods=["POST"])\n', [['/h', ['POST']]]],
		['add_url_rule', 'from flask import Flask\napp = Flask(__name__)\ndef h(): pass\napp.add_url_rule("/h", view_func=h, methods=["POST"])\n', [['/h', ['POST']]]],
		['FastAPI inside a factory function', 'from fastapi import FastAPI\ndef create():\n    app = FastAPI()\n    @app.post("/in")\n    async def h(): pass\n    return app\n', [['/in', ['POST']]]],
		['not a route: other decorators', 'import functools\n@functools.lru_cache(maxsize=1)\ndef f(): pass\n@property\ndef g(): pass\n', []],
	])('%s', (_name, text, expected) => {
		const m = model(text);
		expect(m.syntaxErrors).toEqual([]);
		expect(m.routes.map((r) => [r.path, r.methods])).toEqual(expected);
	});

	it('reads frameworks through aliases and reports unknown methods lists', () => {
		const m = model('from fastapi import FastAPI as F\napi = F()\nMETHODS = get_methods()\n@api.api_route("/x", methods=METHODS)\ndef x(): pass\n');
		expect(m.routes[0]).toMatchObject({framework: 'fastapi', methods: [], methodsUnknown: true, handler: 'x'});
	});

	it('the framework is what the object was built from before the decorator, not a later wrapper', () => {
		const m = model('from flask import Flask\napp = Flask(__name__)\n@app.route("/cron", methods=["POST"])\ndef cron(): pass\napp = Wrapper(app)\n');
		expect(m.routes[0]).toMatchObject({framework: 'flask', path: '/cron', methods: ['POST']});
	});

	it('a nested include chain joins every prefix', () => {
		const m = model(
			'from fastapi import FastAPI, APIRouter\napp = FastAPI()\nouter = APIRouter(prefix="/o")\ninner = APIRouter(prefix="/i")\n@inner.post("/p")\ndef p(): pass\nouter.include_router(inner, prefix="/x")\napp.include_router(outer, prefix="/y")\n',
		);
		expect(m.routes.map((r) => r.path)).toEqual(['/y/o/x/i/p']);
	});
});

describe('analyzePython: imports, calls and bound names', () => {
	it('records every import form', () => {
		const m = model(
			'import fastapi\nimport dapr.clients as dc, os.path\nfrom fastapi import FastAPI as F\nfrom dapr.clients import *\nfrom . import sibling\nfrom ..pkg.mod import (a, b as c)\ntry:\n    from dapr.aio.clients import DaprClient\nexcept ImportError:\n    DaprClient = None\ndef f():\n    import json\n',
		);
		expect(m.imports.map((i) => [i.module, i.name, i.alias])).toEqual([
			['fastapi', null, 'fastapi'],
			['dapr.clients', null, 'dc'],
			['os.path', null, 'os'],
			['fastapi', 'FastAPI', 'F'],
			['dapr.clients', '*', '*'],
			['.', 'sibling', 'sibling'],
			['..pkg.mod', 'a', 'a'],
			['..pkg.mod', 'b', 'c'],
			['dapr.aio.clients', 'DaprClient', 'DaprClient'],
			['json', null, 'json'],
		]);
		expect(m.imports[3]!.span).toEqual({line: 3, column: 21, endLine: 3, endColumn: 32});
	});

	it('resolves calls through module aliases and star imports', () => {
		const m = model('import dapr.clients as dc\nfrom dapr.clients import *\ndc.DaprClient()\nDaprClient()\nDaprClient().invoke_binding("b", "create", "")\n');
		expect(m.calls.map((c) => [c.callee, c.receiver, c.method, c.qualifiedCallee])).toEqual([
			['dc.DaprClient', 'dc', 'DaprClient', 'dapr.clients.DaprClient'],
			['DaprClient', null, 'DaprClient', 'dapr.clients.DaprClient'],
			['DaprClient().invoke_binding', 'DaprClient()', 'invoke_binding', null],
			['DaprClient', null, 'DaprClient', 'dapr.clients.DaprClient'],
		]);
	});

	it('records *args and **kwargs as keywords "*" and "**"', () => {
		const m = model('d.invoke_binding(*parts, binding_name=B, **extra)\n');
		expect(m.calls[0]!.args.map((a) => [a.keyword, a.position])).toEqual([
			['*', null],
			['binding_name', null],
			['**', null],
		]);
		expect(m.calls[0]!.args[1]!.value).toEqual({kind: 'name', name: 'B'});
	});

	it.each([
		['"s"', {kind: 'string', value: 's'}],
		["'a' 'b'", {kind: 'string', value: 'ab'}],
		['"a\\tb"', {kind: 'string', value: 'a\tb'}],
		['r"a\\tb"', {kind: 'string', value: 'a\\tb'}],
		['"""x"""', {kind: 'string', value: 'x'}],
		['b"x"', {kind: 'bytes'}],
		['"x".encode()', {kind: 'call', callee: '"x".encode'}],
		['42', {kind: 'number', text: '42'}],
		['{"a": 1}', {kind: 'dict'}],
		['[1]', {kind: 'list'}],
		['[i for i in x]', {kind: 'list'}],
		['{1}', {kind: 'set'}],
		['(1, 2)', {kind: 'tuple'}],
		['("paren")', {kind: 'string', value: 'paren'}],
		['K', {kind: 'string', value: 'konst'}],
		['K + "/x"', {kind: 'string', value: 'konst/x'}],
		['f"{K}-{{lit}}"', {kind: 'string', value: 'konst-{lit}'}],
		['f"/a/{v}/b"', {kind: 'partial-string', prefix: '/a/', text: 'f"/a/{v}/b"'}],
		['f"{K!r}"', {kind: 'partial-string', prefix: '', text: 'f"{K!r}"'}],
		['"/a/" + v', {kind: 'partial-string', prefix: '/a/', text: '"/a/" + v'}],
		['json.dumps(x)', {kind: 'call', callee: 'json.dumps'}],
		['v', {kind: 'name', name: 'v'}],
		['None', {kind: 'other', text: 'None'}],
		['await g()', {kind: 'other', text: 'await g()'}],
	])('value of %s', (source, expected) => {
		const m = model(`K = "konst"\nfn(${source})\n`);
		const call = m.calls.find((c) => c.callee === 'fn')!;
		expect(call.args[0]!.value).toEqual(expected);
	});

	it('binds every kind of name', () => {
		const m = model(
			[
				'import os',
				'from x import y as z',
				'A, (B, *C) = 1, (2, 3)',
				'D = E = 0',
				'F: int = 1',
				'G += 1',
				'for H, I in pairs: pass',
				'with open() as J: pass',
				'try:\n    pass\nexcept Exception as K:\n    pass',
				'async def L(M, N=O, *P, Q, R: int = 2, **S): pass',
				'class T: pass',
				'U = lambda V, *W, X=1, **Y: V',
				'Z = [AA for AA in BB if (CC := AA)]',
				'DD = {EE: FF for EE, FF in GG}',
				'def HH():\n    global II\n    nonlocal JJ',
				'match KK:\n    case Point(x=LL) | [MM, *NN] as OO:\n        pass\n    case {"k": PP, **QQ}:\n        pass',
			].join('\n') + '\n',
		);
		const expected = 'os z A B C D E F G H I J K L M N P Q R S T U V W X Y Z AA CC DD EE FF HH II JJ LL MM NN OO PP QQ'.split(' ');
		for (const name of expected) expect([name, m.boundNames.has(name)]).toEqual([name, true]);
		for (const name of ['O', 'BB', 'GG', 'KK', 'pairs', 'open', 'Exception', 'Point', 'x', 'y', 'int']) expect([name, m.boundNames.has(name)]).toEqual([name, false]);
	});

	it('calledNames holds only bare-name calls, with spans', () => {
		const m = model('def f():\n    g()\n    obj.h()\n    k()()\n');
		expect(m.calledNames).toEqual([
			{name: 'g', span: {line: 2, column: 5, endLine: 2, endColumn: 5}},
			{name: 'k', span: {line: 4, column: 5, endLine: 4, endColumn: 5}},
		]);
	});

	it('records the enclosing function of calls, methods included', () => {
		const m = model('class C:\n    def m(self):\n        a()\nb()\nasync def f():\n    def inner():\n        c()\n    d()\n');
		expect(m.calls.map((c) => [c.callee, c.inFunction])).toEqual([
			['a', 'm'],
			['b', null],
			['c', 'inner'],
			['d', 'f'],
		]);
	});

	it('constants: names also bound in a branch, a loop or via global are dropped', () => {
		const m = model('A = "/a"\nB = "/b"\nC = "/c"\nD = "/d"\nif x:\n    A = "/z"\nfor B in y: pass\ndef f():\n    global C\n    C = "/q"\nD = compute()\n');
		expect(m.constants).toEqual(new Map());
	});

	it('a local or parameter of the same name hides the module constant from values in that function', () => {
		const m = model(
			'B = "module-binding"\ndef local():\n    B = pick()\n    c.invoke_binding(B, "create")\ndef param(B):\n    c.invoke_binding(B, "create")\ndef glob():\n    global B\n    c.invoke_binding(B, "create")\ndef free():\n    c.invoke_binding(B, "create")\n',
		);
		expect(callsTo(m, 'invoke_binding').map((call) => [call.inFunction, call.args[0]!.value])).toEqual([
			['local', {kind: 'name', name: 'B'}],
			['param', {kind: 'name', name: 'B'}],
			['glob', {kind: 'string', value: 'module-binding'}],
			['free', {kind: 'string', value: 'module-binding'}],
		]);
	});

	it('reads a qualified module path: with dapr.clients.DaprClient() as d', () => {
		const m = model('import dapr.clients\nwith dapr.clients.DaprClient() as d:\n    d.invoke_binding("b", "create", "")\n');
		expect(m.withs).toEqual([expect.objectContaining({contextCallee: 'dapr.clients.DaprClient', contextQualified: 'dapr.clients.DaprClient', asName: 'd'})]);
		expect(m.imports).toEqual([expect.objectContaining({module: 'dapr.clients', name: null, alias: 'dapr'})]);
	});

	it('constants: statements joined with semicolons are still top level', () => {
		const m = model('A = "/a"; B = A + "/b"\n');
		expect(Object.fromEntries(m.constants)).toEqual({A: '/a', B: '/a/b'});
	});

	it('constants: a local of the same name does not disturb the module constant', () => {
		const m = model('A = "/a"\ndef f():\n    A = "local"\n');
		expect(m.constants.get('A')).toBe('/a');
	});
});

describe('analyzePython: syntax errors', () => {
	it.each([
		['missing colon', 'def f()\n    return 1\n', "Expected ':'.", 1, 8],
		['unclosed call', 'x = foo(1,\ny = 2\n', "Unclosed '('.", 1, 8],
		['unclosed list', 'x = [1, 2\n', "Unclosed '['.", 1, 5],
		['unclosed decorator call', '@app.post("/x"\nasync def f():\n    pass\n', "Unclosed '('.", 1, 10],
		['unmatched closer', 'x = )\n', "Unmatched ')'.", 1, 5],
		['mismatched closer', 'x = [1, 2)\n', "Closing ')' does not match opening '['.", 1, 10],
		['missing comma between arguments', 'client.invoke_binding(binding_name="x" operation="post")\n', "Unexpected 'operation'; is a comma missing before it?", 1, 40],
		['unexpected token', 'x = 1 2\n', "Unexpected '2'.", 1, 7],
		['bare import', 'import\n', 'Unexpected end of line.', 1, 7],
		['brackets inside strings and comments do not count', 'x = ")" + "(" # (\ny = (1\n', "Unclosed '('.", 2, 5],
		['stray else', 'x = 1\nelse:\n    pass\n', "Unexpected 'else'.", 2, 1],
		['dangling operator', 'x = 1 +\n', 'Unexpected end of line.', 1, 8],
		['unexpected indentation at module level', 'x = 1\n    y = 2\n', 'Unexpected indentation.', 2, 5],
		['unexpected indentation in a block', 'def f():\n    x = 1\n      y = 2\n', 'Unexpected indentation.', 3, 7],
		['unindent mismatch', 'def f():\n        x = 1\n    y = 2\n', 'Unindent does not match any outer indentation level.', 3, 5],
		['empty block', 'if x:\npass\n', 'Expected an indented block after line 1.', 2, 1],
		['unterminated string', 'x = 1\nz = "abc\nw = 3\n', 'Unterminated string literal.', 2, 5],
		['unterminated triple-quoted string', 's = """abc\n\nx = 1\n', 'Unterminated triple-quoted string literal.', 1, 5],
		['unterminated f-string', 'x = f"abc{y}\n', 'Unterminated string literal.', 1, 5],
		['python 2 print', 'print "hi"\n', "Missing parentheses in call to 'print'; Python 3 needs print(...).", 1, 1],
		['await in a sync def', 'def f():\n    x = 1\n    await client.invoke_binding("b", "create")\n', "'await' outside async function.", 3, 5],
		['await at module level', 'await g()\n', "'await' outside function.", 1, 1],
		['await in a lambda inside async def', 'async def f():\n    g = lambda: await h()\n', "'await' outside async function.", 2, 17],
		['async with in a sync def', 'def f():\n    async with A() as a:\n        pass\n', "'async with' outside async function.", 2, 5],
		['async for in a sync def', 'def f():\n    async for a in b:\n        pass\n', "'async for' outside async function.", 2, 5],
		['tabs and spaces mixed in one block', 'def f():\n\tx = 1\n        return x\n', 'Inconsistent use of tabs and spaces in indentation.', 3, 1],
		['return at module level', 'x = 1\nreturn x\n', "'return' outside function.", 2, 1],
		['yield in a class body', 'class A:\n    yield 1\n', "'yield' outside function.", 2, 5],
	])('%s', (_name, text, message, line, column) => {
		const m = model(text);
		expect(m.syntaxErrors[0]).toMatchObject({message, span: {line, column}});
	});

	it.each([
		['parenthesised with-items', 'with (open("a") as a, open("b") as b):\n    pass\n'],
		['multi-line parenthesised with-items with a comment and trailing comma', 'async def f():\n    async with (\n        A() as a,  # (\n        B() as b,\n    ):\n        pass\n'],
		['parenthesised context expression', 'with (yield_lock()) as l:\n    pass\n'],
		['continuation lines', 'x = [1,\n  2]\ny = 1 + \\\n    2\nz = ("a"\n     "b")\n'],
		['tabs', 'def f():\n\tif x:\n\t\treturn 1\n\treturn 2\n'],
		['comments at odd depths', 'def f():\n    x = 1\n# comment\n        # deeper\n    return x\n'],
		['match statement', 'match x:\n    case 1:\n        pass\n'],
		['decorator after comment', '# c\n@app.post("/x")  # route\nasync def f():\n    pass\n'],
		['await, async with and async for inside async def, comprehensions included', 'async def f():\n    async with A() as a:\n        async for x in a:\n            await x\n    return [await y for y in z]\n'],
		['PEP 614 decorator expressions', '@routers["a"].post("/x")\nasync def f():\n    pass\n@(lambda f: f)\n@other\ndef g(): pass\n'],
		['bare yield (a FastAPI lifespan)', 'from contextlib import asynccontextmanager\n@asynccontextmanager\nasync def lifespan(app):\n    client = make()\n    yield\n    client.close()\ndef gen():\n    x = (yield)\n    yield  # done\n'],
		['return and yield inside functions and methods', 'def f():\n    yield 1\n    return 2\nclass C:\n    def m(self):\n        return (yield 1)\n'],
	])('no false error: %s', (_name, text) => {
		expect(model(text).syntaxErrors).toEqual([]);
	});

	it('errors come first-first and lezer keeps going after them', () => {
		const m = model('x = )\ndef f():\n    client.invoke_binding("b", "create", "")\ny = (\n');
		expect(m.syntaxErrors.length).toBeGreaterThanOrEqual(2);
		const lines = m.syntaxErrors.map((e) => e.span.line);
		expect([...lines].sort((a, b) => a - b)).toEqual(lines);
		expect(callsTo(m, 'invoke_binding')).toHaveLength(1);
	});
});

describe('analyzePython: robustness', () => {
	it('handles a 20k-line generated file', () => {
		const parts: string[] = ['from fastapi import FastAPI', 'from dapr.clients import DaprClient', 'app = FastAPI()'];
		for (let index = 0; index < 2000; index++) {
			parts.push(
				`ROUTE_${index} = "/r${index}"`,
				`@app.post(ROUTE_${index})`,
				`async def handler_${index}(item: dict):`,
				`    with DaprClient() as client:`,
				`        client.invoke_binding("b${index}", "create", json.dumps(item))`,
				`    values = [x * ${index} for x in range(10)]`,
				`    if values:`,
				`        return {"n": ${index}}`,
				`    return None`,
				'',
			);
		}
		const text = parts.join('\n');
		expect(text.split('\n').length).toBeGreaterThan(20_000);
		const m = model(text);
		expect(m.syntaxErrors).toEqual([]);
		expect(m.routes).toHaveLength(2000);
		expect(m.routes[1999]).toMatchObject({path: '/r1999', handler: 'handler_1999'});
		expect(callsTo(m, 'invoke_binding')).toHaveLength(2000);
		expect(m.constants.size).toBe(2000);
	});

	it('never throws on garbage', () => {
		let seed = 12345;
		const random = (): number => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed / 2147483648;
		};
		for (let round = 0; round < 20; round++) {
			let text = '';
			for (let index = 0; index < 5000; index++) text += String.fromCharCode(Math.floor(random() * (round % 2 === 0 ? 256 : 0xffff)));
			const m = model(text.replace(/\r\n?/g, '\n'));
			expect(Array.isArray(m.syntaxErrors)).toBe(true);
		}
	});

	it('never fails internally on Python-like token soup', () => {
		const vocabulary = [
			'def ', 'async ', 'await ', 'with ', 'as ', 'for ', 'in ', 'if ', 'else', 'try', 'except ', 'class ', 'return ', 'yield ',
			'import ', 'from ', 'lambda ', 'global ', 'match ', 'case ', '(', ')', '[', ']', '{', '}', ':', ',', '=', '+', '*', '**',
			'.', '@app.post(', '@', '\n', '\n    ', '\n        ', '\t', '"s"', "'x'", 'f"{a}"', 'f"/{B}"', '"""', 'b"x"', '#c',
			'app', 'DaprClient()', 'client.invoke_binding(', 'x', 'y', '1', ';', '\\\n', ':=', 'print ', '*args', 'None',
		];
		let seed = 7;
		const random = (): number => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed / 2147483648;
		};
		for (let round = 0; round < 300; round++) {
			let text = '';
			for (let index = 0; index < 120; index++) text += vocabulary[Math.floor(random() * vocabulary.length)];
			const m = model(text);
			expect(m.syntaxErrors.filter((error) => error.message.includes('could not analyse'))).toEqual([]);
			for (const error of m.syntaxErrors) expect(error.span.line).toBeGreaterThanOrEqual(1);
		}
	});

	it.each([
		['deep brackets', '('.repeat(20_000)],
		['deep closed brackets', `x = ${'['.repeat(3000)}${']'.repeat(3000)}\n`],
		['deep concatenation', `X = ${Array.from({length: 5000}, () => '"a"').join(' + ')}\n@app.post(X)\ndef f(): pass\n`],
		['unclosed string at the end', 'x = """'],
		['only a decorator', '@app.post("/x")'],
		['empty', ''],
		['many errors', ')\n'.repeat(5000)],
	])('does not throw: %s', (_name, text) => {
		const m = model(text);
		expect(m.file).toBe('app.py');
	});

	it('re-reads thousands of parenthesised with-headers without false errors', () => {
		const m = model('def f():\n' + '    with (a() as b, c() as d):\n        pass\n'.repeat(2500));
		expect(m.syntaxErrors).toEqual([]);
		expect(m.withs).toHaveLength(5000);
		expect(m.withs[4999]).toMatchObject({contextCallee: 'c', asName: 'd', span: {line: 5000, column: 21}});
	});

	it('reads deep concatenation as far as it can', () => {
		const m = model(`X = ${Array.from({length: 20}, () => '"a"').join(' + ')}\n`);
		expect(m.constants.get('X')).toBe('a'.repeat(20));
	});
});
