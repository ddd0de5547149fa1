/**
 * Each probe kind on its own, armed from a plan the way runLab arms it, against real parts: an HTTP app on loopback,
 * the local webhook receiver, a real redis-server, and line events classified from real daprd/uvicorn lines.
 */
import {createServer, type Server} from 'node:http';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {analyzeWorkspace} from '../../src/core/analyze.js';
import {diagnose} from '../../src/core/diagnose.js';
import type {LabDef} from '../../src/core/labs.js';
import {classifyLine} from '../../src/core/log/classify.js';
import type {LineEvent, RunEvent} from '../../src/core/run-events.js';
import {planRun, type ProbeDef} from '../../src/core/run-plan.js';
import type {SourceFile} from '../../src/core/types.js';
import {PROBE_KINDS} from '../../src/runner/probes/index.js';
import type {ArmedProbe, ProbeContext} from '../../src/runner/probes/probe.js';
import {startReceiver, type Receiver} from '../../src/runner/receiver.js';
import {readStream} from '../../src/runner/redis-stream.js';
import {createClient} from 'redis';
import {cronYaml, HTTP_YAML, pubsubYaml} from '../helpers/components.js';
import {freePort, hasRedisServer, missing, startRedis, type RedisServer} from './e2e-helpers.js';

const LAB: LabDef = {id: 'probe-lab', title: 'Probe lab', summary: 's', appId: 'probe-app', requiredComponents: [], needsDaprSdk: false, steps: []} as unknown as LabDef;

function modelOf(files: Record<string, string>) {
	const map = new Map<string, SourceFile>();
	for (const [path, text] of Object.entries(files)) map.set(path, {path, kind: 'text', text, size: text.length});
	return analyzeWorkspace({files: map});
}

const APP = `from dapr.clients import DaprClient
from fastapi import FastAPI

app = FastAPI()


@app.post("/cleanup-cron")
async def handle():
    with DaprClient() as client:
        client.publish_event(pubsub_name="pubsub", topic_name="audit", data="{}")
        client.invoke_binding(binding_name="monitoring-webhook", operation="post", data="{}")
    return {"status": "OK"}
`;

type Armed = {probes: ArmedProbe[]; emitted: RunEvent[]; abort: AbortController; plan: ReturnType<typeof planRun>};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Plans `probes` for a folder and arms them as runLab does (same context shape, real receiver when planned). */
async function arm(probes: ProbeDef[], files: Record<string, string>, extra: {appUrl?: string; timeoutSec?: number} = {}): Promise<Armed & {receiver: Receiver | null}> {
	const model = modelOf(files);
	const plan = planRun({...LAB, runtime: {probes}}, model, {dir: '/x', timeoutSec: extra.timeoutSec ?? 60, now: new Date(), zone: 'UTC', kinds: PROBE_KINDS});
	const receiver = plan.receiver ? await startReceiver() : null;
	if (receiver) cleanups.push(() => receiver.close());
	const abort = new AbortController();
	cleanups.push(() => abort.abort());
	const emitted: RunEvent[] = [];
	const base: Omit<ProbeContext, 'earlier'> = {plan, model, appUrl: extra.appUrl ?? null, daprHttpPort: 3500, receiver, readStream, signal: abort.signal, emit: (event) => emitted.push(event)};
	const armed: ArmedProbe[] = [];
	for (const probe of plan.probes) armed.push(PROBE_KINDS.get(probe.kind)!.arm(probe, {...base, earlier: [...armed]}));
	return {probes: armed, emitted, abort, plan, receiver};
}

/** A loopback "app" answering every request with the given status and body. */
async function app(status: number, body: string): Promise<string> {
	const server: Server = createServer((_req, res) => {
		res.writeHead(status, {'content-type': 'application/json'});
		res.end(body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
	const address = server.address();
	return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

const until = async (test: () => boolean, ms = 15_000) => {
	const end = Date.now() + ms;
	while (!test() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
};

const access = (path: string, status: number): LineEvent => classifyLine(`INFO:     127.0.0.1:5555 - "POST ${path} HTTP/1.1" ${status} OK`).event!;

describe('cron-triggers', () => {
	const files = {'components/cron-binding.yaml': cronYaml('@every 1s'), 'app.py': APP};

	it('passes after two deliveries spaced as the schedule says, with a trigger and the next expectation shown', async () => {
		const {probes} = await arm([{kind: 'cron-triggers'}], files);
		const cron = probes[0]!;
		expect(cron.satisfied()).toBe(false);
		expect(cron.onAppUp?.()).toMatchObject({within: expect.any(Number), events: [{type: 'expect', what: 'cron event 1 on /cleanup-cron'}]});
		const t0 = new Date();
		expect(cron.observe?.(access('/cleanup-cron', 200), t0)).toMatchObject([{type: 'trigger', index: 1}, {type: 'expect', what: 'cron event 2 on /cleanup-cron'}]);
		expect(cron.observe?.(access('/cleanup-cron', 200), new Date(t0.getTime() + 1000))).toMatchObject([{type: 'trigger', index: 2}]);
		expect(cron.satisfied()).toBe(true);
		const finish = await cron.finish({appUp: true, interrupted: false});
		expect(finish.triggers?.at).toHaveLength(2);
		expect(cron.verdict?.()).toEqual([{type: 'check', id: 'triggers', status: 'pass', message: 'Dapr delivered 2 cron events to /cleanup-cron, 1 s apart.'}]);
	});

	it('fails on deliveries the app rejected, and on a wrong spacing', async () => {
		const {probes} = await arm([{kind: 'cron-triggers', count: 3}], files);
		const cron = probes[0]!;
		const t0 = new Date();
		expect(cron.observe?.(access('/cleanup-cron', 404), t0)).toBeUndefined();
		cron.observe?.(access('/cleanup-cron', 200), t0);
		cron.observe?.(access('/cleanup-cron', 200), new Date(t0.getTime() + 5000));
		expect(cron.satisfied()).toBe(false);
		await cron.finish({appUp: true, interrupted: false});
		expect(cron.verdict?.()).toEqual([{type: 'check', id: 'triggers', status: 'fail', message: 'Dapr delivered 2 of the 3 expected cron events to /cleanup-cron.'}]);
		cron.observe?.(access('/cleanup-cron', 200), new Date(t0.getTime() + 6000));
		await cron.finish({appUp: true, interrupted: false});
		expect(cron.verdict?.()[0]).toMatchObject({status: 'fail', message: 'The first two cron events arrived 5 s apart; the schedule "@every 1s" fires every 1 s.'});
	});

	it('counts the fires daprd logged when the app printed no access log', async () => {
		const {probes} = await arm([{kind: 'cron-triggers'}], files);
		const fired = classifyLine('time="2026-12-06T00:00:00Z" level=debug msg="name: cleanup-cron, schedule fired: 2026-12-06 00:00:00" app_id=a scope=dapr.contrib type=log').event;
		expect(fired?.type).toBe('cron-fired');
		const t0 = new Date();
		probes[0]!.observe?.(fired!, t0);
		probes[0]!.observe?.(fired!, new Date(t0.getTime() + 1000));
		const finish = await probes[0]!.finish({appUp: true, interrupted: false});
		expect(finish.events).toEqual([{type: 'note', message: 'The app printed no access log; counting the fires daprd logged instead.'}]);
		expect(probes[0]!.verdict?.()[0]).toMatchObject({status: 'pass'});
	});
});

describe('app-call', () => {
	it('passes on a 2xx answer holding the expected JSON, and shows the check at once', async () => {
		const url = await app(200, '{"task_id": "task-42", "status": "notified"}');
		const {probes, emitted} = await arm([{kind: 'app-call', path: '/tasks/task-42/complete', expectJson: {task_id: 'task-42'}}], {}, {appUrl: url});
		probes[0]!.onAppUp?.();
		await until(() => probes[0]!.satisfied());
		expect(emitted).toEqual([{type: 'check', id: 'app-answer', status: 'pass', message: 'POST /tasks/task-42/complete answered 200 {"task_id": "task-42", "status": "notified"}.'}]);
		expect(await probes[0]!.action!.done).toEqual({ok: true});
		expect((await probes[0]!.finish({appUp: true, interrupted: false})).reports).toEqual([{checkId: 'app-answer', ok: true, detail: expect.any(String)}]);
	});

	it('fails on a wrong answer, a wrong status and an app that does not answer', async () => {
		const wrong = await app(200, '{"task_id": "x"}');
		const first = await arm([{kind: 'app-call', path: '/t', expectJson: {task_id: 'task-42'}}], {}, {appUrl: wrong});
		first.probes[0]!.onAppUp?.();
		await until(() => first.probes[0]!.satisfied());
		expect(first.emitted[0]).toEqual({type: 'check', id: 'app-answer', status: 'fail', message: 'POST /t answered 200 {"task_id": "x"}; expected JSON with "task_id": "task-42".'});

		const created = await app(200, '');
		const second = await arm([{kind: 'app-call', method: 'put', path: '/t', expectStatus: 201}], {}, {appUrl: created});
		second.probes[0]!.onAppUp?.();
		await until(() => second.probes[0]!.satisfied());
		expect(second.emitted[0]).toMatchObject({status: 'fail', message: 'PUT /t answered 200 (empty); expected status 201.'});

		const port = await freePort();
		const third = await arm([{kind: 'app-call', path: '/t'}], {}, {appUrl: `http://127.0.0.1:${port}`});
		third.probes[0]!.onAppUp?.();
		await until(() => third.probes[0]!.satisfied());
		expect(third.emitted[0]).toMatchObject({status: 'fail', message: expect.stringMatching(/^POST \/t failed: .+\.$/)});
		expect(await third.probes[0]!.action!.done).toEqual({ok: false});
	});

	it('reports nothing when the app never came up (the run diagnoses that)', async () => {
		const {probes} = await arm([{kind: 'app-call', path: '/t'}], {});
		expect(probes[0]!.satisfied()).toBe(false);
		expect(await probes[0]!.finish({appUp: false, interrupted: false})).toEqual({});
	});
});

describe('webhook-receiver', () => {
	const files = {'components/http-binding.yaml': HTTP_YAML, 'app.py': APP};
	const post = (receiver: Receiver, body: unknown) => fetch(`${receiver.url}/post`, {method: 'POST', body: JSON.stringify(body)});

	it('after an app call: passes when the receiver gets the expected body, fails naming the last body', async () => {
		const url = await app(200, '{}');
		const good = await arm([{kind: 'app-call', path: '/go'}, {kind: 'webhook-receiver', expectBody: {event: 'done'}}], files, {appUrl: url});
		expect(good.plan.componentEdits).toEqual([{component: 'monitoring-webhook', key: 'url', receiverPath: '/post'}]);
		for (const probe of good.probes) probe.onAppUp?.();
		await post(good.receiver!, {event: 'done', extra: 1});
		await until(() => good.probes[1]!.satisfied());
		expect(good.emitted.at(-1)).toEqual({type: 'check', id: 'webhook', status: 'pass', message: 'The receiver got POST /post with {"event": "done"}.'});

		const bad = await arm([{kind: 'app-call', path: '/go'}, {kind: 'webhook-receiver', expectBody: {event: 'done'}}], files, {appUrl: url});
		await post(bad.receiver!, {event: 'other'});
		for (const probe of bad.probes) probe.onAppUp?.();
		await until(() => bad.probes[1]!.satisfied());
		const report = (await bad.probes[1]!.finish({appUp: true, interrupted: false})).reports![0]!;
		expect(report).toMatchObject({checkId: 'webhook', ok: false, detail: 'The receiver got 1 request(s), none with {"event": "done"}; the last body was {"event":"other"}.', finding: {ruleId: 'run/webhook-not-received'}});
	});

	it('after an app call that fails and nothing arrives: says so; never checked when the app never came up', async () => {
		const port = await freePort();
		const run = await arm([{kind: 'app-call', path: '/go'}, {kind: 'webhook-receiver'}], files, {appUrl: `http://127.0.0.1:${port}`});
		for (const probe of run.probes) probe.onAppUp?.();
		await until(() => run.probes[1]!.satisfied());
		expect(run.emitted.at(-1)).toMatchObject({id: 'webhook', status: 'fail', message: 'The webhook receiver got no request after POST /go.'});
		const idle = await arm([{kind: 'app-call', path: '/go'}, {kind: 'webhook-receiver'}], files);
		expect((await idle.probes[1]!.finish({appUp: false, interrupted: false})).reports![0]!.detail).toBe('The app never started listening, so the webhook could not be tested.');
	});

	it('passive: satisfied by a request with the keys; judged at the end, its check shown unless an earlier probe shares the id', async () => {
		const alone = await arm([{kind: 'webhook-receiver', expectKeys: ['alert']}], files);
		expect(alone.probes[0]!.satisfied()).toBe(false);
		await post(alone.receiver!, {alert: 'x', task_id: 't'});
		await until(() => alone.probes[0]!.satisfied());
		expect(await alone.probes[0]!.finish({appUp: true, interrupted: false})).toMatchObject({events: [{type: 'check', id: 'webhook', status: 'pass', message: 'The receiver got POST /post with {"alert": ...}.'}]});

		const shared = await arm([{kind: 'webhook-receiver', expectBody: {a: 1}}, {kind: 'webhook-receiver', expectKeys: ['alert'], missing: 'No alert came.'}], files);
		const finish = await shared.probes[1]!.finish({appUp: true, interrupted: false});
		expect(finish.events).toBeUndefined();
		expect(finish.reports).toMatchObject([{checkId: 'webhook', ok: false, detail: 'No alert came.'}]);
	});

	it('becomes run/webhook-not-received at the invoke_binding call unless an output binding error explains it', async () => {
		const model = modelOf(files);
		const {probes} = await arm([{kind: 'webhook-receiver', expectKeys: ['alert']}], files);
		const {reports} = await probes[0]!.finish({appUp: true, interrupted: false});
		const diagnosis = diagnose({events: [], triggers: [], expectation: null, appPort: 8000, reports: reports!}, model);
		expect(diagnosis.findings).toMatchObject([{ruleId: 'run/webhook-not-received', file: 'app.py', line: APP.split('\n').findIndex((line) => line.includes('invoke_binding')) + 1}]);
		const error = classifyLine('dapr.clients.DaprInternalError: ERR_INVOKE_OUTPUT_BINDING: error invoking output binding monitoring-webhook: binding monitoring-webhook does not support operation POST. supported operations:create get head post put patch delete options trace').event!;
		expect(diagnose({events: [error], triggers: [], expectation: null, appPort: 8000, reports: reports!}, model).findings.map((f) => f.ruleId)).toEqual(['run/output-binding-failed']);
	});
});

describe('stream', () => {
	let redis: RedisServer | null = null;
	let skip: string | null = null;
	beforeAll(async () => {
		if (!(await hasRedisServer())) skip = missing('redis-server is not installed');
		else redis = await startRedis();
	});
	afterAll(async () => {
		await redis?.stop();
	});
	const files = () => ({'components/pubsub.yaml': pubsubYaml(`127.0.0.1:${redis!.port}`), 'app.py': APP});
	async function publish(topic: string, data: unknown): Promise<void> {
		const client = createClient({url: `redis://127.0.0.1:${redis!.port}`});
		await client.connect();
		await client.xAdd(topic, '*', {data: JSON.stringify({topic, data})});
		await client.quit();
	}

	it('passes on entries published after prepare(), ignoring those before, and settles 1.5 s', async (context) => {
		if (skip) return context.skip(skip);
		await publish('audit', {old: true});
		const {probes, plan} = await arm([{kind: 'stream'}], files());
		expect(plan.probes[0]!.params).toMatchObject({pubsub: 'pubsub', topic: 'audit'});
		expect(probes[0]!.settleMs).toBe(1500);
		await probes[0]!.prepare?.();
		await publish('audit', {event: 'task.expired', task_id: 'task-1'});
		const finish = await probes[0]!.finish({appUp: true, interrupted: false});
		expect(finish.events).toEqual([{type: 'check', id: 'published', status: 'pass', message: 'XRANGE audit shows 1 new event(s), e.g. {"event":"task.expired","task_id":"task-1"}.'}]);
	});

	it('fails when nothing new (or nothing with the expected data) was published, and without a Redis pub/sub', async (context) => {
		if (skip) return context.skip(skip);
		const quiet = await arm([{kind: 'stream', topic: 'quiet'}], files());
		await quiet.probes[0]!.prepare?.();
		expect((await quiet.probes[0]!.finish({appUp: true, interrupted: false})).reports).toMatchObject([{checkId: 'published', ok: false, detail: 'XRANGE quiet shows no event published during the run.', finding: {ruleId: 'run/pubsub-not-published'}}]);

		const picky = await arm([{kind: 'stream', topic: 'picky', expectData: {event: 'task.expired'}}], files());
		await picky.probes[0]!.prepare?.();
		await publish('picky', {event: 'other'});
		expect((await picky.probes[0]!.finish({appUp: true, interrupted: false})).events).toMatchObject([{status: 'fail', message: 'XRANGE picky shows no event with {"event": "task.expired"} published during the run.'}]);

		const none = await arm([{kind: 'stream'}], {'app.py': APP});
		expect((await none.probes[0]!.finish({appUp: true, interrupted: false})).events).toMatchObject([{status: 'fail', message: 'No pubsub.redis component named "pubsub" in components/, so the published events cannot be read back.'}]);
	});
});
