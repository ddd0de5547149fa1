/**
 * Every probe kind failing in a whole run under the fake dapr (their passing runs are in lab-a.e2e.test.ts and
 * output-binding.e2e.test.ts): the check each probe shows and the run/* finding it becomes. The labs are found by
 * the probes their runtime section arms, not by id.
 */
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunEvent} from '../../src/core/run-events.js';
import type {LabDef} from '../../src/core/labs.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {collect, cronComponent, e2ePython, fakeEnv, hasRedisServer, HTTP_COMPONENT, LAB_A_APP, makeLab, missing, ports, pubsubComponent, removeLab, resultOf, ROOT, startRedis, type RedisServer} from './e2e-helpers.js';

let skip: string | null = null;
let redis: RedisServer | null = null;
let labs: readonly LabDef[] = [];
const dirs: string[] = [];

beforeAll(async () => {
	labs = await loadLabs();
	if (!(await e2ePython())) skip = missing('no python3 on this machine imports fastapi and uvicorn');
	else if (!(await hasRedisServer())) skip = missing('redis-server is not installed');
	else redis = await startRedis();
});

afterAll(async () => {
	await redis?.stop();
	for (const dir of dirs) await removeLab(dir);
});

const kindsOf = (lab: LabDef) => (lab.runtime?.probes ?? []).map((probe) => probe.kind).join(',');
const labWith = (kinds: string) => {
	const lab = labs.find((candidate) => kindsOf(candidate) === kinds);
	if (!lab) throw new Error(`no lab arms ${kinds}`);
	return lab;
};
const solution = (lab: LabDef) => readFile(join(ROOT, 'labs', lab.id, 'solution', 'app.py'), 'utf8');

async function run(lab: LabDef, files: Record<string, string>): Promise<RunEvent[]> {
	const dir = await makeLab(files);
	dirs.push(dir);
	return collect({lab: lab.id, dir, timeoutSec: 30, ...(await ports()), env: fakeEnv('1.18'), build: 'skip'});
}

const checks = (events: readonly RunEvent[]) => events.flatMap((event) => (event.type === 'check' ? [{id: event.id, status: event.status, message: event.message}] : []));
const runFindings = (events: readonly RunEvent[]) => resultOf(events).findings.filter((finding) => finding.ruleId.startsWith('run/'));

describe('probes failing under the fake dapr', () => {
	it('cron-triggers: a handler on the wrong route gets no delivery, and the triggers check says how many came', async (context) => {
		if (skip) return context.skip(skip);
		const events = await run(labWith('cron-triggers'), {'components/cron-binding.yaml': cronComponent('@every 1s'), 'app.py': LAB_A_APP.replace('"/cleanup-cron"', '"/cleanup"')});
		expect(checks(events)).toEqual([{id: 'triggers', status: 'fail', message: 'Dapr delivered 0 of the 2 expected cron events to /cleanup-cron.'}]);
		expect(resultOf(events).status).toBe('fail');
	});

	it('app-call: an answer without the expected task_id fails app-answer', async (context) => {
		if (skip) return context.skip(skip);
		const lab = labWith('app-call,webhook-receiver');
		const app = (await solution(lab)).replace('return {"task_id": task_id', 'return {"task_id": "other"');
		const events = await run(lab, {'components/http-binding.yaml': HTTP_COMPONENT, 'app.py': app});
		const answer = checks(events).find((check) => check.id === 'app-answer');
		expect(answer?.status, JSON.stringify(checks(events))).toBe('fail');
		expect(answer?.message).toMatch(/^POST \/tasks\/task-42\/complete answered 200 \{.*"other".*\}; expected JSON with "task_id": "task-42"\.$/);
		expect(resultOf(events).status).toBe('fail');
	});

	it('webhook-receiver after the app call: a body without the expected event fails webhook and blames the invoke_binding call', async (context) => {
		if (skip) return context.skip(skip);
		const lab = labWith('app-call,webhook-receiver');
		const app = (await solution(lab)).replace('"event": "task.completed"', '"event": "task.done"');
		const events = await run(lab, {'components/http-binding.yaml': HTTP_COMPONENT, 'app.py': app});
		expect(checks(events).map((check) => `${check.id}:${check.status}`)).toEqual(['app-answer:pass', 'webhook:fail']);
		const [finding] = runFindings(events);
		expect(finding).toMatchObject({ruleId: 'run/webhook-not-received', file: 'app.py', line: app.split('\n').findIndex((line) => line.includes('binding_name=')) + 1});
		expect(finding!.message).toMatch(/^The receiver got \d+ request\(s\), none with \{"event": "task.completed", "task_id": "task-42"\}; the last body was .*task\.done/);
	});

	it('webhook-receiver on its own (the cron handler\'s alerts): no alert fails the run with the lab\'s wording', async (context) => {
		if (skip) return context.skip(skip);
		const lab = labWith('cron-triggers,app-call,webhook-receiver,webhook-receiver,stream');
		const app = (await solution(lab)).replace('{"alert": "task_expired"', '{"warning": "task_expired"');
		const events = await run(lab, {'components/cron-binding.yaml': cronComponent('@every 1s'), 'components/http-binding.yaml': HTTP_COMPONENT, 'components/pubsub.yaml': pubsubComponent(redis!.port), 'app.py': app});
		// The webhook check shown during the run is the app call's; the alert probe shares its id and reports at the end.
		expect(checks(events).filter((check) => check.id === 'webhook').map((check) => check.status)).toEqual(['pass']);
		expect(runFindings(events).map((finding) => [finding.ruleId, finding.message])).toEqual([['run/webhook-not-received', 'The receiver got no {"alert": "task_expired", ...} request from the cron handler.']]);
		expect(resultOf(events).status).toBe('fail');
	});

	it('stream: an app that publishes nothing fails published and blames the publish call', async (context) => {
		if (skip) return context.skip(skip);
		const lab = labWith('cron-triggers,app-call,webhook-receiver,webhook-receiver,stream');
		const app = (await solution(lab)).replace(/ {12}client\.publish_event\([\s\S]*?\n {12}\)\n/, '            pass\n');
		expect(app).not.toContain('publish_event');
		const events = await run(lab, {'components/cron-binding.yaml': cronComponent('@every 1s'), 'components/http-binding.yaml': HTTP_COMPONENT, 'components/pubsub.yaml': pubsubComponent(redis!.port), 'app.py': app});
		expect(checks(events).find((check) => check.id === 'published')).toEqual({id: 'published', status: 'fail', message: 'XRANGE task-events shows no event published during the run.'});
		expect(runFindings(events).map((finding) => finding.ruleId)).toEqual(['run/pubsub-not-published']);
	});
});
