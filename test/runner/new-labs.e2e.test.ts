/**
 * `dapr-labs run` of the labs written from the lesson's prompts, against the stand-in Dapr (test/fixtures/fake-dapr on
 * PATH, the HTTP stand-in of the Python SDK on PYTHONPATH): the reference solutions pass through the probes their
 * lab.yaml declares, and the silent-binding starter fails the way real daprd shows it (the debug-level 404).
 */
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {listFiles} from '../../src/runner/workspace-writer.js';
import {collect, e2ePython, fakeEnv, makeLab, missing, ports, removeLab, resultOf, ROOT} from './e2e-helpers.js';

let skip: string | null = null;
const dirs: string[] = [];

beforeAll(async () => {
	if (!(await e2ePython())) skip = missing('no python3 on this machine imports fastapi and uvicorn');
});

afterAll(async () => {
	for (const dir of dirs) await removeLab(dir);
});

/** A temporary copy of labs/<id>/<which>/ (the runner writes .dapr-labs/ into the folder it runs). */
async function copyOf(id: string, which: 'starter' | 'solution'): Promise<string> {
	const from = join(ROOT, 'labs', id, which);
	const files: Record<string, string> = {};
	for (const file of await listFiles(from)) files[file] = await readFile(join(from, file), 'utf8');
	const dir = await makeLab(files);
	dirs.push(dir);
	return dir;
}

function checksOf(events: Awaited<ReturnType<typeof collect>>): string[] {
	return events.flatMap((e) => (e.type === 'check' ? [`${e.id}:${e.status}`] : []));
}

function notesOf(events: Awaited<ReturnType<typeof collect>>): string {
	return events.flatMap((e) => (e.type === 'note' ? [e.message] : [])).join('\n');
}

describe('silent-binding under the fake dapr', () => {
	it('the solution passes: the 2 AM schedule is rehearsed and two events reach POST /nightly-cleanup', async (context) => {
		if (skip) return context.skip(skip);
		const dir = await copyOf('silent-binding', 'solution');
		const component = await readFile(join(dir, 'components/cron-binding.yaml'), 'utf8');
		const events = await collect({lab: 'silent-binding', dir, timeoutSec: 40, ...(await ports()), env: fakeEnv('1.18'), build: 'skip'});
		const result = resultOf(events);
		expect(result.findings, JSON.stringify(result.findings)).toEqual([]);
		expect(result.status).toBe('pass');
		expect(checksOf(events)).toContain('triggers:pass');
		expect(notesOf(events)).toContain('"0 0 2 * * *"');
		expect(notesOf(events)).toContain('"@every 2s"');
		expect(events.filter((e) => e.type === 'trigger')).toHaveLength(2);
		// The rehearsal lives in a temporary copy: the student's schedule is untouched.
		expect(await readFile(join(dir, 'components/cron-binding.yaml'), 'utf8')).toBe(component);
	});

	it('the starter fails with the 404 that daprd logs only at debug level, at the decorator of /nightly_cleanup', async (context) => {
		if (skip) return context.skip(skip);
		const dir = await copyOf('silent-binding', 'starter');
		const events = await collect({lab: 'silent-binding', dir, timeoutSec: 40, ...(await ports()), env: fakeEnv('1.18'), build: 'skip'});
		const result = resultOf(events);
		expect(result.status).toBe('fail');
		// The line the lab teaches came through, as daprd prints it at --log-level debug.
		const debugLine = events.find((e) => e.type === 'line' && e.line.event?.type === 'delivery-failed');
		expect(debugLine?.type === 'line' ? debugLine.line.text : '').toContain('error from app consumer for binding [nightly-cleanup]: fails to send binding event to http app channel, status code: 404');
		const delivery = result.findings.find((f) => f.ruleId === 'run/delivery-failed');
		expect(delivery, JSON.stringify(result.findings)).toBeDefined();
		expect(delivery!.message).toContain('/nightly-cleanup');
		expect(delivery!.message).toContain('404');
		const app = await readFile(join(dir, 'app.py'), 'utf8');
		expect(delivery).toMatchObject({file: 'app.py', line: app.split('\n').findIndex((l) => l.includes('@app.post("/nightly_cleanup")')) + 1});
	});
});

describe('system-stats under the fake dapr', () => {
	it('the solution passes: the cron handler sends JSON with load_average, memory and disk to the receiver', async (context) => {
		if (skip) return context.skip(skip);
		const dir = await copyOf('system-stats', 'solution');
		const http = await readFile(join(dir, 'components/http-binding.yaml'), 'utf8');
		const events = await collect({lab: 'system-stats', dir, timeoutSec: 40, ...(await ports()), env: fakeEnv('1.18'), build: 'skip'});
		const result = resultOf(events);
		expect(result.findings, JSON.stringify(result.findings)).toEqual([]);
		expect(result.status).toBe('pass');
		const checks = checksOf(events);
		expect(checks).toContain('triggers:pass');
		expect(checks.some((c) => c.startsWith('webhook') && c.endsWith(':pass')), checks.join(', ')).toBe(true);
		expect(notesOf(events)).toContain('"@every 60s"');
		expect(await readFile(join(dir, 'components/http-binding.yaml'), 'utf8')).toBe(http);
	});

	it('fails when the handler sends stats without the keys the lab asks for', async (context) => {
		if (skip) return context.skip(skip);
		const dir = await copyOf('system-stats', 'solution');
		const app = await readFile(join(dir, 'app.py'), 'utf8');
		// Same call, but the body lacks "disk": the probe's expectKeys must notice.
		await writeFile(join(dir, 'app.py'), app.replace('"disk": {"total": disk.total, "used": disk.used, "free": disk.free},', '"storage": {"free": disk.free},'));
		const events = await collect({lab: 'system-stats', dir, timeoutSec: 30, ...(await ports()), env: fakeEnv('1.18'), build: 'skip'});
		const result = resultOf(events);
		expect(result.status).toBe('fail');
		expect(checksOf(events).some((c) => c.startsWith('webhook') && c.endsWith(':fail')), checksOf(events).join(', ')).toBe(true);
	});
});
