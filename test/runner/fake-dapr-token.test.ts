/**
 * The fake dapr's part of issue 13, against real HTTP servers on loopback: it sends `dapr-api-token` on every call
 * to the app when APP_API_TOKEN is in its environment (and nothing when it is not), as daprd does; it resolves a
 * component's secretKeyRef from a secretstores.local.env store (and leaves out a component whose store is missing,
 * with daprd's warning); the http binding sends securityToken in securityTokenHeader.
 */
import {createServer, type IncomingHttpHeaders, type Server} from 'node:http';
import {join} from 'node:path';
import {execa, type ResultPromise} from 'execa';
import {afterAll, describe, expect, it} from 'vitest';
import {FAKE_DAPR_DIR, freePort, makeLab, removeLab} from './e2e-helpers.js';

const DAPR = join(FAKE_DAPR_DIR, 'dapr');
const dirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
	for (const cleanup of cleanups) await cleanup();
	for (const dir of dirs) await removeLab(dir);
});

type Seen = {method: string; url: string; headers: IncomingHttpHeaders};

async function recorder(): Promise<{port: number; seen: Seen[]; next(predicate: (seen: Seen) => boolean): Promise<Seen>}> {
	const seen: Seen[] = [];
	const waiters: {predicate: (seen: Seen) => boolean; resolve: (seen: Seen) => void}[] = [];
	const server: Server = createServer((req, res) => {
		const item = {method: req.method ?? '', url: req.url ?? '', headers: req.headers};
		seen.push(item);
		for (const waiter of waiters.filter((w) => w.predicate(item))) waiter.resolve(item);
		req.resume();
		req.on('end', () => {
			res.writeHead(200, {'content-type': 'application/json'});
			res.end('{}');
		});
	});
	const port = await freePort();
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
	return {
		port,
		seen,
		next: (predicate) => {
			const found = seen.find(predicate);
			if (found) return Promise.resolve(found);
			return new Promise((resolve) => waiters.push({predicate, resolve}));
		},
	};
}

const CRON = `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: cleanup-cron
spec:
  type: bindings.cron
  version: v1
  metadata:
    - name: schedule
      value: "@every 300ms"
`;

function httpBinding(url: string, store: string): string {
	return `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: monitoring-webhook
spec:
  type: bindings.http
  version: v1
  metadata:
    - name: url
      value: "${url}"
    - name: securityTokenHeader
      value: "X-Monitoring-Token"
    - name: securityToken
      secretKeyRef:
        name: MONITORING_TOKEN
        key: MONITORING_TOKEN
auth:
  secretStore: ${store}
`;
}

const STORE = `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: envsecrets
spec:
  type: secretstores.local.env
  version: v1
  metadata: []
`;

async function start(files: Record<string, string>, appPort: number, env: Record<string, string>): Promise<{httpPort: number; output: () => string; child: ResultPromise}> {
	const dir = await makeLab(files);
	dirs.push(dir);
	const httpPort = await freePort();
	const child = execa(DAPR, ['run', '--app-id', 'cron-app', '--app-port', String(appPort), '--dapr-http-port', String(httpPort), '--dapr-grpc-port', String(await freePort()), '--resources-path', join(dir, 'components'), '--log-level', 'debug'], {reject: false, env: {...env, FAKE_DAPR_STYLE: '1.18'}, extendEnv: true, all: true});
	let text = '';
	child.all?.on('data', (chunk: Buffer) => (text += chunk.toString()));
	cleanups.push(async () => {
		child.kill('SIGTERM');
		await child;
	});
	return {httpPort, output: () => text, child};
}

async function until<T>(what: () => T | undefined, timeoutMs = 15000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = what();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe('fake dapr: APP_API_TOKEN, secretKeyRef, securityToken', () => {
	it('sends dapr-api-token on the OPTIONS probe and every cron POST when APP_API_TOKEN is set, string for string', async () => {
		const app = await recorder();
		await start({'components/cron-binding.yaml': CRON}, app.port, {APP_API_TOKEN: 'tok-3f9a c/+='});
		const options = await app.next((seen) => seen.method === 'OPTIONS');
		const post = await app.next((seen) => seen.method === 'POST');
		expect(options.headers['dapr-api-token']).toBe('tok-3f9a c/+=');
		expect(post.url).toBe('/cleanup-cron');
		expect(post.headers['dapr-api-token']).toBe('tok-3f9a c/+=');
	});

	it('sends no dapr-api-token when APP_API_TOKEN is not set or empty', async () => {
		const app = await recorder();
		await start({'components/cron-binding.yaml': CRON}, app.port, {APP_API_TOKEN: ''});
		const post = await app.next((seen) => seen.method === 'POST');
		expect('dapr-api-token' in post.headers).toBe(false);
	});

	it('resolves securityToken from secretstores.local.env and sends it in securityTokenHeader', async () => {
		const app = await recorder();
		const receiver = await recorder();
		const run = await start({'components/http-binding.yaml': httpBinding(`http://127.0.0.1:${receiver.port}/alerts`, 'envsecrets'), 'components/secretstore.yaml': STORE}, app.port, {MONITORING_TOKEN: 'mon-secret-42'});
		await until(() => (run.output().includes('dapr initialized') ? true : undefined));
		const response = await fetch(`http://127.0.0.1:${run.httpPort}/v1.0/bindings/monitoring-webhook`, {method: 'POST', body: JSON.stringify({operation: 'post', data: {alert: 'x'}})});
		expect(response.status).toBe(200);
		const got = await receiver.next((seen) => seen.url === '/alerts');
		expect(got.headers['x-monitoring-token']).toBe('mon-secret-42');
	});

	it('leaves out a component whose secret store is not loaded, with daprd\'s warning', async () => {
		const app = await recorder();
		const run = await start({'components/http-binding.yaml': httpBinding('http://127.0.0.1:9/x', 'nosuchstore')}, app.port, {MONITORING_TOKEN: 'mon-secret-42'});
		await until(() => (run.output().includes('dapr initialized') ? true : undefined));
		expect(run.output()).toContain("Component monitoring-webhook references a secret store that isn't loaded: nosuchstore");
		const response = await fetch(`http://127.0.0.1:${run.httpPort}/v1.0/bindings/monitoring-webhook`, {method: 'POST', body: JSON.stringify({operation: 'post', data: {}})});
		expect(response.status).toBe(500);
		expect(await response.text()).toContain("couldn't find output binding monitoring-webhook");
	});
});
