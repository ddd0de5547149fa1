import {describe, expect, it} from 'vitest';
import {analyzeWorkspace} from '../../src/core/analyze.js';
import {diagnose, judgeTriggers, planTriggers, REHEARSAL_SCHEDULE, toleranceFor, type RunObservation, type TriggerExpectation} from '../../src/core/diagnose.js';
import {classifyLine} from '../../src/core/log/classify.js';
import {streamReport} from '../../src/runner/probes/stream.js';
import {webhookReport} from '../../src/runner/probes/webhook-receiver.js';
import type {LineEvent} from '../../src/core/run-events.js';
import type {SourceFile, Workspace} from '../../src/core/types.js';
import {cronYaml} from '../helpers/components.js';

function workspace(files: Record<string, string>): Workspace {
	const map = new Map<string, SourceFile>();
	for (const [path, text] of Object.entries(files)) map.set(path, {path, kind: 'text', text, size: text.length});
	return {files: map};
}

const CRON = cronYaml('@every 1s');

const APP = `import json
from dapr.clients import DaprClient
from fastapi import FastAPI

app = FastAPI()


@app.post("/cleanup")
async def handle_cron():
    ratio = 1 / 0
    return {"status": ratio}


@app.post("/tasks/{task_id}/complete")
async def complete_task(task_id: str):
    with DaprClient() as client:
        client.invoke_binding(
            binding_name="monitoring-webhook",
            operation="POST",
            data=json.dumps({"event": "task.completed", "task_id": task_id}),
        )
        client.publish_event(pubsub_name="pubsub", topic_name="task-events", data="{}")
    return {"task_id": task_id}
`;

const model = analyzeWorkspace(workspace({'components/cron-binding.yaml': CRON, 'app.py': APP}));
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

const expectation: TriggerExpectation = {binding: 'cleanup-cron', route: '/cleanup-cron', spec: '@every 1s', runSpec: '@every 1s', rehearsal: false, zone: 'UTC', intervalMs: 1000, toleranceMs: 1000, waitMs: 3000};
const t0 = new Date('2026-11-30T00:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

function events(...lines: string[]): LineEvent[] {
	return lines.map((line) => classifyLine(line).event).filter((event): event is LineEvent => event !== null);
}

function observe(partial: Partial<RunObservation>): RunObservation {
	return {events: [], triggers: [], expectation, appPort: 8000, ...partial};
}

const daprd = (level: string, msg: string) => `time="2026-11-30T00:00:00Z" level=${level} msg=${JSON.stringify(msg)} app_id=cron-app scope=dapr.runtime type=log`;

describe('planTriggers', () => {
	it('watches a schedule that fires twice within the timeout', () => {
		const plan = planTriggers({binding: 'c', route: '/c', spec: '@every 30s', zone: 'UTC', now: t0, timeoutMs: 90_000});
		expect(plan).toMatchObject({ok: true, expectation: {rehearsal: false, runSpec: '@every 30s', intervalMs: 30_000, toleranceMs: toleranceFor(30_000)}});
	});

	it('rehearses a daily schedule with @every 2s and keeps the student spec', () => {
		const plan = planTriggers({binding: 'c', route: '/c', spec: '@daily', zone: 'UTC', now: t0, timeoutMs: 90_000});
		expect(plan).toMatchObject({ok: true, expectation: {rehearsal: true, runSpec: REHEARSAL_SCHEDULE, spec: '@daily', intervalMs: 2000}});
	});

	it('rehearses @every 30s when the timeout is too short for two fires', () => {
		const plan = planTriggers({binding: 'c', route: '/c', spec: '@every 30s', zone: 'UTC', now: t0, timeoutMs: 40_000});
		expect(plan.ok && plan.expectation.rehearsal).toBe(true);
	});

	it('reports a schedule Dapr rejects', () => {
		const plan = planTriggers({binding: 'c', route: '/c', spec: 'INVALID_SCHEDULE', zone: 'UTC', now: t0, timeoutMs: 90_000});
		expect(plan.ok).toBe(false);
	});
});

describe('judgeTriggers', () => {
	it('passes two deliveries at the interval', () => {
		expect(judgeTriggers(expectation, [at(0), at(1100)]).ok).toBe(true);
	});

	it('fails one delivery, and two at the wrong interval', () => {
		expect(judgeTriggers(expectation, [at(0)])).toMatchObject({ok: false});
		expect(judgeTriggers(expectation, [at(0), at(5000)]).message).toContain('5 s apart');
	});

	it('uses the calendar for six-field schedules', () => {
		const every2 = {...expectation, spec: '*/2 * * * * *', runSpec: '*/2 * * * * *', intervalMs: 2000, toleranceMs: 1000};
		expect(judgeTriggers(every2, [at(2000), at(4000)]).ok).toBe(true);
		expect(judgeTriggers(every2, [at(2000), at(8000)]).ok).toBe(false);
	});

	it('says when the run was a rehearsal', () => {
		const rehearsal = {...expectation, spec: '@daily', runSpec: REHEARSAL_SCHEDULE, rehearsal: true, intervalMs: 2000};
		expect(judgeTriggers(rehearsal, [at(0), at(2000)]).message).toContain('rehearsal with "@every 2s" instead of "@daily"');
	});
});

describe('diagnose', () => {
	it('passes when the triggers arrived and nothing failed', () => {
		const result = diagnose(observe({events: events(daprd('info', 'successful init for input binding (cleanup-cron (bindings.cron/v1))')), triggers: [at(0), at(1000)]}), model);
		expect(result).toMatchObject({status: 'pass', findings: []});
	});

	it('maps a 404 delivery to the lone POST route decorator', () => {
		const result = diagnose(observe({events: events(daprd('debug', 'error from app consumer for binding [cleanup-cron]: fails to send binding event to http app channel, status code: 404 body: {"detail":"Not Found"}'))}), model);
		expect(result.status).toBe('fail');
		expect(result.findings).toHaveLength(1);
		expect(result.findings[0]).toMatchObject({ruleId: 'run/delivery-failed', file: 'app.py', line: lineOf(APP, '@app.post("/cleanup")')});
		expect(result.findings[0]!.message).toMatch(/^Dapr POSTed .*404.*\.$/);
	});

	it('maps a 500 delivery to the raising line of the traceback', () => {
		const result = diagnose(
			observe({
				events: events(
					'ERROR:    Exception in ASGI application',
					'Traceback (most recent call last):',
					'  File "/usr/lib/python3/dist-packages/starlette/routing.py", line 677, in app',
					'  File "/tmp/lab/app.py", line 10, in handle_cron',
					'ZeroDivisionError: division by zero',
					daprd('debug', 'error from app consumer for binding [cleanup-cron]: fails to send binding event to http app channel, status code: 500 body: Internal Server Error'),
				),
			}),
			model,
		);
		expect(result.findings[0]).toMatchObject({ruleId: 'run/delivery-failed', file: 'app.py', line: 10});
		expect(result.findings[0]!.message).toContain('ZeroDivisionError: division by zero');
	});

	it('points an init failure at the schedule value', () => {
		const result = diagnose(observe({events: events(daprd('error', "Failed to init component cleanup-cron (bindings.cron/v1): [INIT_COMPONENT_FAILURE]: initialization error occurred for cleanup-cron (bindings.cron/v1): invalid schedule format 'x': expected 5 to 6 fields, found 1: [x]"), daprd('fatal', 'Fatal error from runtime: boom'))}), model);
		expect(result.findings.map((f) => f.ruleId)).toEqual(['run/component-init-failed']);
		expect(result.findings[0]).toMatchObject({file: 'components/cron-binding.yaml', line: lineOf(CRON, '@every 1s')});
	});

	it('reports the missing app channel, and an app that never listened', () => {
		expect(diagnose(observe({events: events(daprd('info', 'App channel is not initialized. Did you configure an app-port?'))}), model).findings.map((f) => f.ruleId)).toEqual(['run/app-channel-missing']);
		const waiting = diagnose(observe({events: events(daprd('info', 'application protocol: http. waiting on port 8000.  This will block until the app is listening on that port.'))}), model);
		expect(waiting.findings.map((f) => f.ruleId)).toEqual(['run/app-channel-missing']);
		expect(waiting.findings[0]!.message).toContain('port 8000');
	});

	it('reports an app that did not subscribe, at the nearest route', () => {
		const result = diagnose(observe({events: events(daprd('info', 'app has not subscribed to binding cleanup-cron.'))}), model);
		expect(result.findings[0]).toMatchObject({ruleId: 'run/app-not-subscribed', line: lineOf(APP, '@app.post("/cleanup")')});
	});

	it('reports the SDK failing to reach the sidecar at the with statement', () => {
		const result = diagnose(observe({expectation: null, events: events('Health check on http://127.0.0.1:3500/v1.0/healthz/outbound failed: refused')}), model);
		expect(result.findings[0]).toMatchObject({ruleId: 'run/no-sidecar', file: 'app.py', line: lineOf(APP, 'with DaprClient()')});
	});

	it('reports an unsupported operation at the operation argument', () => {
		const result = diagnose(
			observe({expectation: null, events: events('dapr.clients.DaprInternalError: ERR_INVOKE_OUTPUT_BINDING: error invoking output binding monitoring-webhook: binding monitoring-webhook does not support operation POST. supported operations:create get head post put patch delete options trace'), reports: [webhookReport('webhook', false, 'The receiver got nothing.')]}),
			model,
		);
		expect(result.findings.map((f) => f.ruleId)).toEqual(['run/output-binding-failed']);
		expect(result.findings[0]).toMatchObject({line: lineOf(APP, 'operation="POST"')});
		expect(result.findings[0]!.hint).toContain('case included');
	});

	it('reports missing triggers at the schedule when nothing else explains them', () => {
		const result = diagnose(observe({triggers: [at(0)], ended: 'the run reached its 30 s timeout.'}), model);
		expect(result.findings.map((f) => f.ruleId)).toEqual(['run/cron-not-triggered']);
		expect(result.findings[0]).toMatchObject({file: 'components/cron-binding.yaml', line: lineOf(CRON, '@every 1s')});
	});

	it('reports the webhook and the stream for the combined lab', () => {
		const result = diagnose(
			observe({triggers: [at(0), at(1000)], reports: [{checkId: 'app-answer', ok: true, detail: 'ok'}, webhookReport('webhook', false, 'The webhook receiver got no request.'), streamReport('published', false, 'XRANGE task-events shows no event published during the run.')]}),
			model,
		);
		expect(result.findings.map((f) => f.ruleId)).toEqual(['run/webhook-not-received', 'run/pubsub-not-published']);
		expect(result.findings[1]).toMatchObject({line: lineOf(APP, 'publish_event')});
		expect(result.checks.map((c) => `${c.id}:${c.status}`)).toEqual(['triggers:pass', 'app-answer:pass', 'webhook:fail', 'published:fail']);
	});

	it('works without a static model', () => {
		const result = diagnose(observe({events: events(daprd('info', 'app has not subscribed to binding cleanup-cron.'))}), null);
		expect(result.findings[0]).toMatchObject({ruleId: 'run/app-not-subscribed', file: 'components/cron-binding.yaml', line: 1});
	});
});

describe('app crash', () => {
	const crashLines = (prefix: string, exit: string) => [
		`${prefix}Traceback (most recent call last):`,
		`${prefix}  File "<frozen runpy>", line 198, in _run_module_as_main`,
		`${prefix}  File "/usr/lib/python3/dist-packages/uvicorn/importer.py", line 21, in import_from_string`,
		`${prefix}  File "/home/s/lab/app.py", line 2, in <module>`,
		`${prefix}    from dapr.clients import DaprClient`,
		`${prefix}ModuleNotFoundError: No module named 'dapr'`,
		exit,
	];

	it.each([
		['1.18', '', '❌  The App process exited with error code: 1'],
		['1.16', '== APP == ', '❌  The App process exited with error code: exit status 1'],
	])('reports the traceback\'s last line at its file:line under CLI %s, not "nothing listened"', (_style, prefix, exit) => {
		const evts = events(daprd('info', 'application protocol: http. waiting on port 8000.  This will block until the app is listening on that port.'), ...crashLines(prefix, exit));
		const result = diagnose(observe({events: evts, dir: '/home/s/lab'}), model);
		expect(result.status).toBe('fail');
		expect(result.findings.map((f) => f.ruleId)).toEqual(['run/app-crashed']);
		expect(result.findings[0]).toMatchObject({file: 'app.py', line: 2});
		expect(result.findings[0]!.message).toBe("The app crashed at start and exited with error code 1: ModuleNotFoundError: No module named 'dapr' (app.py:2).");
		expect(result.findings[0]!.hint).toContain('python3 -m venv .venv && .venv/bin/pip install dapr');
	});

	it('reports a syntax error frame without "in <function>"', () => {
		const evts = events('Traceback (most recent call last):', '  File "/home/s/lab/app.py", line 7', '    def f(:', '          ^', 'SyntaxError: invalid syntax', '❌  The App process exited with error code: 1');
		const result = diagnose(observe({events: evts, dir: '/home/s/lab'}), model);
		expect(result.findings[0]).toMatchObject({ruleId: 'run/app-crashed', file: 'app.py', line: 7});
		expect(result.findings[0]!.message).toContain('SyntaxError: invalid syntax (app.py:7)');
	});

	it('reports uvicorn\'s load error when the module itself is not found', () => {
		const evts = events('ERROR:    Error loading ASGI app. Could not import module "app".', '❌  The App process exited with error code: 1');
		const result = diagnose(observe({events: evts}), model);
		expect(result.findings[0]!.message).toContain('Error loading ASGI app. Could not import module "app".');
	});

	it('scores nothing when the run was interrupted', () => {
		const result = diagnose(observe({events: [], triggers: [], interrupted: true}), model);
		expect(result).toEqual({status: 'interrupted', checks: [], findings: []});
	});

	it('without an interruption the same observation blames the schedule', () => {
		expect(diagnose(observe({events: [], triggers: []}), model).findings.map((f) => f.ruleId)).toEqual(['run/cron-not-triggered']);
	});
});
