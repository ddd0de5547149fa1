/**
 * The secure-triggers lab's run end to end (issue 13): the fake dapr, real uvicorn apps, a real redis-server. The
 * reference solution passes every probe; apps that leave a door open fail the probe that knocks on it.
 */
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readStream} from '../../src/runner/redis-stream.js';
import {collect, e2ePython, fakeEnv, hasRedisServer, makeLab, missing, ports, pubsubComponent, removeLab, resultOf, ROOT, startRedis, type RedisServer} from './e2e-helpers.js';

const LAB_DIR = join(ROOT, 'labs', 'secure-triggers');

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

const solution = (file: string) => readFile(join(LAB_DIR, 'solution', file), 'utf8');

async function folder(app: string): Promise<string> {
	const dir = await makeLab({
		'components/cron-binding.yaml': (await solution('components/cron-binding.yaml')).replace('@every 30s', '@every 1s'),
		'components/http-binding.yaml': await solution('components/http-binding.yaml'),
		'components/pubsub.yaml': pubsubComponent(redis!.port),
		'components/secretstore.yaml': await solution('components/secretstore.yaml'),
		'app.py': app,
		Dockerfile: await solution('Dockerfile'),
	});
	dirs.push(dir);
	return dir;
}

async function run(app: string) {
	const events = await collect({lab: 'secure-triggers', dir: await folder(app), timeoutSec: 50, ...(await ports()), env: fakeEnv('1.18'), build: 'skip'});
	const checks = Object.fromEntries(events.flatMap((event) => (event.type === 'check' ? [[event.id, `${event.status}: ${event.message}`]] : [])));
	return {result: resultOf(events), checks};
}

describe('secure-triggers under the fake dapr', () => {
	it('passes the reference solution: cron with the token, the outside knock refused, one genuine event, the secret resolved', async (context) => {
		if (skip) return context.skip(skip);
		const {result, checks} = await run(await solution('app.py'));
		expect(result.findings, JSON.stringify({findings: result.findings, checks})).toEqual([]);
		expect(result.status).toBe('pass');
		expect(checks['triggers']).toMatch(/^pass/u);
		expect(checks['sidecar-only']).toMatch(/^pass: POST \/cleanup-cron without the dapr-api-token header answered 401/u);
		expect(checks['signed-webhook']).toMatch(/^pass: POST \/webhooks\/payments: forged 401, replayed 401, genuine 200/u);
		expect(checks['webhook-token']).toMatch(/^pass/u);
		const entries = await readStream(`redis://127.0.0.1:${redis!.port}`, 'payment-events');
		expect(entries.length).toBe(1);
		expect(entries[0]!.cloudEvent).toMatchObject({topic: 'payment-events', pubsubname: 'pubsub', source: 'cron-app'});
	});

	it('fails an app that publishes before it verifies and takes a stale timestamp, and one whose cron route is open', async (context) => {
		if (skip) return context.skip(skip);
		const reference = await solution('app.py');
		// Publish first, verify after; no timestamp window.
		const leaky = reference
			.replace('    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > MAX_AGE_SECONDS:\n        raise HTTPException(status_code=401, detail="missing or stale timestamp")\n', '')
			.replace('    if not signed_by_provider(body, timestamp, request.headers.get("X-Signature", "")):\n        raise HTTPException(status_code=401, detail="bad signature")\n    payment = json.loads(body)\n', '    payment = json.loads(body)\n')
			.replace('    return {"status": "accepted"}', '    if not signed_by_provider(body, timestamp, request.headers.get("X-Signature", "")):\n        raise HTTPException(status_code=401, detail="bad signature")\n    return {"status": "accepted"}');
		expect(leaky).not.toBe(reference);
		const first = await run(leaky);
		expect(first.result.status).toBe('fail');
		expect(first.checks['signed-webhook']).toMatch(/^fail: .*replayed request .* answered 200, not 401.*the forged request put 1 event\(s\) on payment-events although it answered 401 \(the handler publishes before it verifies\); the replayed request put 1 event\(s\) on payment-events/u);
		expect(first.checks['sidecar-only']).toMatch(/^pass/u);
		// The cron route without its token check.
		const open = reference.replace('    if not from_sidecar(request):\n        raise HTTPException(status_code=401, detail="not from the Dapr sidecar")\n', '');
		expect(open).not.toBe(reference);
		const second = await run(open);
		expect(second.result.status).toBe('fail');
		expect(second.checks['sidecar-only']).toMatch(/^fail: POST \/cleanup-cron from outside the sidecar answered 200 without the dapr-api-token header and 200 with a wrong token/u);
		expect(second.checks['triggers']).toMatch(/^pass/u);
	});
});
