import {describe, expect, it} from 'vitest';
import {classifyLine, classifyLines, parseLogfmt} from '../../../src/core/log/classify.js';

const LOGFMT = (level: string, msg: string, extra = '') => `time="2026-11-30T00:24:17.920Z" level=${level} msg="${msg.replaceAll('"', '\\"')}" app_id=cron-app ${extra}instance=vm scope=dapr.runtime type=log ver=1.18.3`;

describe('classifyLine: sources and levels', () => {
	it.each([
		['ℹ️  Starting Dapr with id cron-app. HTTP Port: 3500. gRPC Port: 50001', 'cli', 'info', 'Starting Dapr with id cron-app. HTTP Port: 3500. gRPC Port: 50001'],
		["✅  You're up and running! Both Dapr and your app logs will appear here.", 'cli', 'success', "You're up and running! Both Dapr and your app logs will appear here."],
		['❌  The daprd process exited with error code: exit status 1', 'cli', 'failure', 'The daprd process exited with error code: exit status 1'],
		['⚠  Dapr sidecar might not be responding.', 'cli', 'warning', 'Dapr sidecar might not be responding.'],
		['⌛  Making the jump to hyperspace...', 'cli', 'pending', 'Making the jump to hyperspace...'],
		['WARNING: no application command found.', 'cli', 'warning', 'WARNING: no application command found.'],
		['== APP == INFO:     Started server process [123]', 'app', 'info', 'INFO:     Started server process [123]'],
		['INFO:     Started server process [123]', 'app', 'info', 'INFO:     Started server process [123]'],
		['ERROR:    Exception in ASGI application', 'app', 'error', 'ERROR:    Exception in ASGI application'],
		['hello from print()', 'app', null, 'hello from print()'],
		[LOGFMT('info', 'Log level set to: debug'), 'daprd', 'info', 'Log level set to: debug'],
		[LOGFMT('warning', 'something odd'), 'daprd', 'warn', 'something odd'],
		['\u001b[36mINFO\u001b[0m[0000] HTTP API Called                              \u001b[36mapp_id\u001b[0m=order-processor \u001b[36minstance\u001b[0m=mypc \u001b[36mscope\u001b[0m=dapr.runtime.http-info', 'daprd', 'info', 'HTTP API Called'],
		['DEBU[0003] name: cleanup-cron, schedule fired: 2026-11-30 00:24:19 +0000 UTC  app_id=cron-app component="cleanup-cron (bindings.cron/v1)" instance=vm scope=dapr.contrib type=log ver=1.18.3', 'daprd', 'debug', 'name: cleanup-cron, schedule fired: 2026-11-30 00:24:19 +0000 UTC'],
		['{"app_id":"cron-app","instance":"vm","level":"info","msg":"Component loaded: cleanup-cron (bindings.cron/v1)","scope":"dapr.runtime.processor","time":"2026-11-30T00:24:17.931Z","type":"log","ver":"1.18.3"}', 'daprd', 'info', 'Component loaded: cleanup-cron (bindings.cron/v1)'],
		['{"time":"2026-11-30T00:24:17Z","status":"success","msg":"You\'re up and running! Dapr logs will appear here.\\n"}', 'cli', 'success', "You're up and running! Dapr logs will appear here."],
		['{"not":"a log line"}', 'app', null, '{"not":"a log line"}'],
		['INFO:     127.0.0.1:1 - "POST /x HTTP/1.1" 200 OK\r', 'app', 'info', 'INFO:     127.0.0.1:1 - "POST /x HTTP/1.1" 200 OK'],
	])('%s', (raw, source, level, text) => {
		const line = classifyLine(raw);
		expect(line.source).toBe(source);
		expect(line.level).toBe(level);
		expect(line.text).toBe(text);
	});

	it('keeps scope and component of daprd lines', () => {
		const line = classifyLine(LOGFMT('debug', 'name: cleanup-cron, next run: x', 'component="cleanup-cron (bindings.cron/v1)" '));
		expect(line.scope).toBe('dapr.runtime');
		expect(line.component).toBe('cleanup-cron (bindings.cron/v1)');
	});

	it('strips control sequences from student output', () => {
		const line = classifyLine('== APP == \u001b[31mred\u001b[0m \u001b]0;title\u0007text\u0000');
		expect(line).toMatchObject({source: 'app', text: 'red text'});
	});

	it('unescapes quoted logfmt values', () => {
		expect(parseLogfmt('time="t" level=info msg="a \\"quoted\\" \\\\ value" scope=x')).toMatchObject({msg: 'a "quoted" \\ value', scope: 'x'});
	});
});

describe('classifyLine: events', () => {
	it.each([
		[LOGFMT('info', 'successful init for input binding (cleanup-cron (bindings.cron/v1))'), {type: 'input-binding-ready', name: 'cleanup-cron', componentType: 'bindings.cron'}],
		[LOGFMT('info', 'successful init for output binding (monitoring-webhook (bindings.http/v1))'), {type: 'output-binding-ready', name: 'monitoring-webhook', componentType: 'bindings.http'}],
		[LOGFMT('info', 'Component loaded: pubsub (pubsub.redis/v1)'), {type: 'component-loaded', name: 'pubsub', componentType: 'pubsub.redis'}],
		[
			LOGFMT('error', "Failed to init component cron (bindings.cron/v1): [INIT_COMPONENT_FAILURE]: initialization error occurred for cron (bindings.cron/v1): invalid schedule format 'x': expected 5 to 6 fields, found 1: [x]"),
			{type: 'component-init-failed', name: 'cron', componentType: 'bindings.cron', error: "[INIT_COMPONENT_FAILURE]: initialization error occurred for cron (bindings.cron/v1): invalid schedule format 'x': expected 5 to 6 fields, found 1: [x]"},
		],
		[LOGFMT('warn', 'Error processing component, daprd will exit gracefully: process component cron (bindings.cron/v1) error: boom'), {type: 'component-error-exit', error: 'process component cron (bindings.cron/v1) error: boom'}],
		[LOGFMT('fatal', 'Fatal error from runtime: process component cron (bindings.cron/v1) error: boom'), {type: 'fatal', error: 'process component cron (bindings.cron/v1) error: boom'}],
		[LOGFMT('info', 'app has not subscribed to binding cleanup-cron.'), {type: 'app-not-subscribed', binding: 'cleanup-cron'}],
		[
			LOGFMT('debug', 'error from app consumer for binding [cleanup-cron]: fails to send binding event to http app channel, status code: 404 body: {"detail":"Not Found"}'),
			{type: 'delivery-failed', binding: 'cleanup-cron', status: 404, body: '{"detail":"Not Found"}'},
		],
		[LOGFMT('debug', 'error from app consumer for binding [cleanup-cron]: error invoking app: connection refused'), {type: 'delivery-failed', binding: 'cleanup-cron', status: null, body: 'error invoking app: connection refused'}],
		[LOGFMT('info', 'App channel is not initialized. Did you configure an app-port?'), {type: 'app-channel-missing'}],
		[LOGFMT('info', 'application protocol: http. waiting on port 8000.  This will block until the app is listening on that port.'), {type: 'waiting-for-app', port: 8000}],
		[LOGFMT('info', 'application discovered on port 8000'), {type: 'app-discovered', port: 8000}],
		[LOGFMT('debug', 'name: cleanup-cron, schedule fired: 2026-11-30 00:24:19.466 +0000 UTC'), {type: 'cron-fired', name: 'cleanup-cron'}],
		[LOGFMT('info', 'Starting Dapr Runtime -- version 1.18.3 -- commit 2dcf2e3'), {type: 'runtime-version', version: '1.18.3'}],
		[LOGFMT('warn', 'failed to read from bindings: could not invoke OPTIONS method on input binding subscription endpoint "x": boom '), {type: 'bindings-read-failed', error: 'could not invoke OPTIONS method on input binding subscription endpoint "x": boom'}],
		['ℹ️  Starting Dapr with id cron-app. HTTP Port: 3500. gRPC Port: 50001', {type: 'dapr-starting', appId: 'cron-app', httpPort: 3500, grpcPort: 50001}],
		["✅  You're up and running! Both Dapr and your app logs will appear here.", {type: 'up-and-running'}],
		['❌  The daprd process exited with error code: exit status 1', {type: 'daprd-exited', code: 'exit status 1'}],
		['❌  The App process exited with error code: 1', {type: 'app-exited', code: '1'}],
		['❌  The App process exited with error code: exit status 1', {type: 'app-exited', code: 'exit status 1'}],
		['terminated signal received: shutting down', {type: 'shutting-down'}],
		['Health check on http://127.0.0.1:3500/v1.0/healthz/outbound failed: <urlopen error [Errno 111] Connection refused>', {type: 'sidecar-unreachable', url: 'http://127.0.0.1:3500/v1.0/healthz/outbound'}],
		['== APP == Traceback (most recent call last):', {type: 'python-traceback'}],
		['  File "/home/s/lab/app.py", line 14, in handle_cron', {type: 'python-frame', file: '/home/s/lab/app.py', line: 14, function: 'handle_cron'}],
		['ZeroDivisionError: division by zero', {type: 'python-exception', exception: 'ZeroDivisionError', message: 'division by zero'}],
		['TimeoutError: Dapr health check timed out, after 60.', {type: 'python-exception', exception: 'TimeoutError', message: 'Dapr health check timed out, after 60.'}],
		['INFO:     127.0.0.1:5555 - "POST /cleanup-cron HTTP/1.1" 200 OK', {type: 'app-request', method: 'POST', path: '/cleanup-cron', status: 200}],
		['== APP == INFO:     127.0.0.1:5555 - "POST /cleanup-cron HTTP/1.1" 405 Method Not Allowed', {type: 'app-request', method: 'POST', path: '/cleanup-cron', status: 405}],
		[
			'dapr.clients.DaprInternalError: ERR_INVOKE_OUTPUT_BINDING: error invoking output binding monitoring-webhook: binding monitoring-webhook does not support operation POST. supported operations:create get head post put patch delete options trace',
			{type: 'output-binding-error', binding: 'monitoring-webhook', message: 'binding monitoring-webhook does not support operation POST. supported operations:create get head post put patch delete options trace'},
		],
		[
			'{"errorCode":"ERR_INVOKE_OUTPUT_BINDING","message":"error invoking output binding monitoring-webhook: couldn\'t find output binding monitoring-webhook"}',
			{type: 'output-binding-error', binding: 'monitoring-webhook', message: "couldn't find output binding monitoring-webhook"},
		],
		['WARNING: no application command found.', {type: 'no-app-command'}],
	])('%s', (raw, event) => {
		expect(classifyLine(raw).event).toEqual(event);
	});

	it('recognises the same event in the logfmt, TTY and JSON forms', () => {
		const msg = 'app has not subscribed to binding cleanup-cron.';
		const forms = [
			LOGFMT('info', msg),
			`\u001b[36mINFO\u001b[0m[0001] ${msg.padEnd(44)}  \u001b[36mapp_id\u001b[0m=cron-app \u001b[36mscope\u001b[0m=dapr.runtime.processor.binding`,
			JSON.stringify({app_id: 'cron-app', level: 'info', msg, scope: 'dapr.runtime.processor.binding', time: 't', type: 'log'}),
		];
		for (const raw of forms) expect(classifyLine(raw)).toMatchObject({source: 'daprd', level: 'info', event: {type: 'app-not-subscribed', binding: 'cleanup-cron'}});
	});

	it('leaves ordinary lines without an event', () => {
		expect(classifyLine(LOGFMT('info', 'HTTP server is running on port 3500')).event).toBeNull();
		expect(classifyLine('INFO:app:CRON TRIGGERED at 2026-11-30T00:24:19').event).toBeNull();
		expect(classifyLine('').event).toBeNull();
	});

	it('splits chunks into lines', () => {
		expect(classifyLines('a\n\nb\n').map((line) => line.text)).toEqual(['a', 'b']);
	});
});
