import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {collect, cronComponent, e2ePython, fakeEnv, hasRedisServer, HTTP_COMPONENT, makeLab, missing, ports, pubsubComponent, removeLab, resultOf, ROOT, startRedis, type RedisServer} from './e2e-helpers.js';
import {readStream} from '../../src/runner/redis-stream.js';

let skip: string | null = null;
let redis: RedisServer | null = null;
const dirs: string[] = [];

beforeAll(async () => {
	if (!(await e2ePython())) skip = missing('no python3 on this machine imports fastapi and uvicorn');
	else if (!(await hasRedisServer())) skip = missing('redis-server is not installed');
	else redis = await startRedis();
});

afterAll(async () => {
	await redis?.stop();
	for (const dir of dirs) await removeLab(dir);
});

async function lab(files: Record<string, string>): Promise<string> {
	const dir = await makeLab(files);
	dirs.push(dir);
	return dir;
}

const solution = (labId: string, file: string) => readFile(join(ROOT, 'labs', labId, 'solution', file), 'utf8');

describe.each(['1.18', '1.16'] as const)('output binding labs under the fake dapr %s', (style) => {
	it('passes Lab B end to end with the local receiver', async (context) => {
		if (skip) return context.skip(skip);
		const dir = await lab({'components/cron-binding.yaml': cronComponent('@every 1s'), 'components/http-binding.yaml': HTTP_COMPONENT, 'app.py': await solution('lab-b', 'app.py')});
		const events = await collect({lab: 'lab-b', dir, timeoutSec: 40, ...(await ports()), env: fakeEnv(style), build: 'skip'});
		const result = resultOf(events);
		expect(result.findings, JSON.stringify(result.findings)).toEqual([]);
		expect(result.status).toBe('pass');
		const checks = events.flatMap((e) => (e.type === 'check' ? [`${e.id}:${e.status}`] : []));
		expect(checks).toContain('webhook:pass');
		expect(checks).toContain('app-answer:pass');
		// The student's component still points at httpbin: only the temporary copy was changed.
		expect(await readFile(join(dir, 'components/http-binding.yaml'), 'utf8')).toBe(HTTP_COMPONENT);
	});

	it('diagnoses an upper-case operation as run/output-binding-failed', async (context) => {
		if (skip) return context.skip(skip);
		const app = (await solution('lab-b', 'app.py')).replace('operation="post"', 'operation="POST"');
		const dir = await lab({'components/cron-binding.yaml': cronComponent('@every 1s'), 'components/http-binding.yaml': HTTP_COMPONENT, 'app.py': app});
		const result = resultOf(await collect({lab: 'lab-b', dir, timeoutSec: 40, ...(await ports()), env: fakeEnv(style), build: 'skip'}));
		expect(result.status).toBe('fail');
		const run = result.findings.filter((f) => f.ruleId.startsWith('run/'));
		expect(run[0]?.ruleId, JSON.stringify(result.findings)).toBe('run/output-binding-failed');
		expect(run[0]!.message).toContain('does not support operation POST');
		expect(run[0]).toMatchObject({file: 'app.py', line: app.split('\n').findIndex((l) => l.includes('operation="POST"')) + 1});
	});

	it('passes the combined pattern: cron, webhook alerts and events in the Redis stream', async (context) => {
		if (skip) return context.skip(skip);
		const dir = await lab({
			'components/cron-binding.yaml': cronComponent('@every 1s'),
			'components/http-binding.yaml': HTTP_COMPONENT,
			'components/pubsub.yaml': pubsubComponent(redis!.port),
			'app.py': await solution('combined', 'app.py'),
		});
		const events = await collect({lab: 'combined', dir, timeoutSec: 50, ...(await ports()), env: fakeEnv(style), build: 'skip'});
		const result = resultOf(events);
		expect(result.findings, JSON.stringify(result.findings)).toEqual([]);
		expect(result.status).toBe('pass');
		const entries = await readStream(`redis://127.0.0.1:${redis!.port}`, 'task-events');
		expect(entries.length).toBeGreaterThanOrEqual(2);
		expect(entries[0]!.cloudEvent).toMatchObject({topic: 'task-events', pubsubname: 'pubsub', source: 'cron-app', type: 'com.dapr.event.sent'});
	});
});

describe('combined preflight', () => {
	it('stops at once with the environment fix when the Redis of the pub/sub component is down', async (context) => {
		if (skip) return context.skip(skip);
		const {freePort} = await import('./e2e-helpers.js');
		const downPort = await freePort();
		const dir = await lab({
			'components/cron-binding.yaml': cronComponent('@every 1s'),
			'components/http-binding.yaml': HTTP_COMPONENT,
			'components/pubsub.yaml': pubsubComponent(downPort),
			'app.py': await solution('combined', 'app.py'),
		});
		const events = await collect({lab: 'combined', dir, timeoutSec: 50, ...(await ports()), env: fakeEnv('1.18'), build: 'skip'});
		const result = resultOf(events);
		expect(result.status).toBe('not-ready');
		expect(result.findings.map((f) => f.ruleId)).toEqual(['env/redis-unreachable']);
		expect(result.findings[0]!.message).toContain(`127.0.0.1:${downPort} (from components/pubsub.yaml) refuses connections`);
		expect(result.findings[0]!.hint).toContain('redis-server --daemonize yes');
		// Nothing was started: no dapr command, no run/* blame.
		expect(events.some((e) => e.type === 'command')).toBe(false);
	});
});
