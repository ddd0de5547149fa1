import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readFile} from 'node:fs/promises';
import {collect, cronComponent, e2ePython, fakeEnv, LAB_A_APP, makeLab, missing, ports, removeLab, resultOf} from './e2e-helpers.js';

let python: string | null = null;
let skip: string | null = null;
const dirs: string[] = [];

beforeAll(async () => {
	python = await e2ePython();
	if (!python) skip = missing('no python3 on this machine imports fastapi and uvicorn');
});

afterAll(async () => {
	for (const dir of dirs) await removeLab(dir);
});

async function lab(files: Record<string, string>): Promise<string> {
	const dir = await makeLab(files);
	dirs.push(dir);
	return dir;
}

describe.each(['1.18', '1.16'] as const)('Lab A under the fake dapr %s', (style) => {
	it('passes a correct Lab A after two triggers and keeps the log', async (context) => {
		if (skip) return context.skip(skip);
		const dir = await lab({'components/cron-binding.yaml': cronComponent('@every 1s'), 'app.py': LAB_A_APP});
		const events = await collect({lab: 'lab-a', dir, timeoutSec: 40, ...(await ports()), env: fakeEnv(style), build: 'skip'});
		const result = resultOf(events);
		expect(result.findings).toEqual([]);
		expect(result.status).toBe('pass');
		expect(events.filter((e) => e.type === 'trigger').length).toBeGreaterThanOrEqual(2);
		const command = events.find((e) => e.type === 'command');
		expect(command && command.type === 'command' ? command.argv.slice(0, 4) : []).toEqual(['dapr', 'run', '--app-id', 'cron-app']);
		const log = await readFile(result.logFile!, 'utf8');
		expect(log).toContain('successful init for input binding (cleanup-cron (bindings.cron/v1))');
		expect(log).toContain('POST /cleanup-cron HTTP/1.1" 200');
	});
});

const ROUTE_MISMATCH = LAB_A_APP.replace('@app.post("/cleanup-cron")', '@app.post("/cleanup")');
const GET_HANDLER = LAB_A_APP.replace('@app.post("/cleanup-cron")', '@app.get("/cleanup-cron")');
const RAISES = LAB_A_APP.replace('    return {"status": "OK"}', '    ratio = 1 / 0\n    return {"status": ratio}');

function lineOf(text: string, needle: string): number {
	return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

describe.each(['1.18', '1.16'] as const)('Lab A failures under the fake dapr %s', (style) => {
	async function runIt(files: Record<string, string>, extra: {appPort?: number | null} = {}) {
		const dir = await lab(files);
		const base = await ports();
		const events = await collect({lab: 'lab-a', dir, timeoutSec: 30, ...base, ...extra, env: fakeEnv(style), build: 'skip'});
		return resultOf(events);
	}

	it('diagnoses a route mismatch (404) at the decorator', async (context) => {
		if (skip) return context.skip(skip);
		const result = await runIt({'components/cron-binding.yaml': cronComponent('@every 1s'), 'app.py': ROUTE_MISMATCH});
		expect(result.status).toBe('fail');
		const run = result.findings.filter((f) => f.ruleId.startsWith('run/'));
		expect(run.map((f) => f.ruleId), JSON.stringify(result.findings)).toEqual(['run/delivery-failed']);
		expect(run[0]!.message).toContain('404');
		expect(run[0]).toMatchObject({file: 'app.py', line: lineOf(ROUTE_MISMATCH, '@app.post')});
	});

	it('diagnoses an app that has not subscribed when direction is absent (OPTIONS probe)', async (context) => {
		if (skip) return context.skip(skip);
		const result = await runIt({'components/cron-binding.yaml': cronComponent('@every 1s', ''), 'app.py': ROUTE_MISMATCH});
		expect(result.findings.filter((f) => f.ruleId.startsWith('run/')).map((f) => f.ruleId), JSON.stringify(result.findings)).toEqual(['run/app-not-subscribed']);
	});

	it('diagnoses a GET handler (405)', async (context) => {
		if (skip) return context.skip(skip);
		const result = await runIt({'components/cron-binding.yaml': cronComponent('@every 1s'), 'app.py': GET_HANDLER});
		const run = result.findings.filter((f) => f.ruleId.startsWith('run/'));
		expect(run.map((f) => f.ruleId), JSON.stringify(result.findings)).toEqual(['run/delivery-failed']);
		expect(run[0]!.message).toContain('405');
		expect(run[0]).toMatchObject({file: 'app.py', line: lineOf(GET_HANDLER, '@app.get')});
	});

	it('diagnoses an exception in the handler (500) at the raising line', async (context) => {
		if (skip) return context.skip(skip);
		const result = await runIt({'components/cron-binding.yaml': cronComponent('@every 1s'), 'app.py': RAISES});
		const run = result.findings.filter((f) => f.ruleId.startsWith('run/'));
		expect(run.map((f) => f.ruleId), JSON.stringify(result.findings)).toEqual(['run/delivery-failed']);
		expect(run[0]!.message).toContain('ZeroDivisionError');
		expect(run[0]).toMatchObject({file: 'app.py', line: lineOf(RAISES, '1 / 0')});
	});

	it('diagnoses an invalid schedule with Dapr own init error', async (context) => {
		if (skip) return context.skip(skip);
		const yaml = cronComponent('INVALID_SCHEDULE');
		const result = await runIt({'components/cron-binding.yaml': yaml, 'app.py': LAB_A_APP});
		const run = result.findings.filter((f) => f.ruleId.startsWith('run/'));
		expect(run.map((f) => f.ruleId), JSON.stringify(result.findings)).toEqual(['run/component-init-failed']);
		expect(run[0]!.message).toContain("invalid schedule format 'INVALID_SCHEDULE': expected 5 to 6 fields, found 1: [INVALID_SCHEDULE]");
		expect(run[0]).toMatchObject({file: 'components/cron-binding.yaml', line: lineOf(yaml, 'INVALID_SCHEDULE')});
	});

	it.for([
		['a missing module', 'import nosuchmodule_for_dapr_labs\n', "ModuleNotFoundError: No module named 'nosuchmodule_for_dapr_labs'", 1],
		['a syntax error', 'def broken(:\n    pass\n', 'SyntaxError: invalid syntax', 1],
		['an exception at import', 'RATIO = 1 / 0\n', 'ZeroDivisionError: division by zero', 1],
	] as const)('diagnoses an app that crashes at import with %s as the crash, at its file:line', async ([_what, head, error, line], context) => {
		if (skip) return context.skip(skip);
		const app = head + LAB_A_APP;
		const result = await runIt({'components/cron-binding.yaml': cronComponent('@every 1s'), 'app.py': app});
		expect(result.status).toBe('fail');
		const run = result.findings.filter((f) => f.ruleId.startsWith('run/'));
		expect(run.map((f) => f.ruleId), JSON.stringify(result.findings)).toEqual(['run/app-crashed']);
		expect(run[0]!.message).toContain(error);
		expect(run[0]!.message).toContain(`(app.py:${line})`);
		expect(run[0]).toMatchObject({file: 'app.py', line});
		expect(JSON.stringify(result.findings)).not.toContain('nothing listened');
	});

	it('diagnoses a run without --app-port', async (context) => {
		if (skip) return context.skip(skip);
		const result = await runIt({'components/cron-binding.yaml': cronComponent('@every 1s'), 'app.py': LAB_A_APP}, {appPort: null});
		expect(result.findings.filter((f) => f.ruleId.startsWith('run/')).map((f) => f.ruleId), JSON.stringify(result.findings)).toEqual(['run/app-channel-missing']);
	});
});

describe('Lab A interrupted', () => {
	it('says it was interrupted and scores nothing when stopped after the app is up', async (context) => {
		if (skip) return context.skip(skip);
		const dir = await lab({'components/cron-binding.yaml': cronComponent('@every 30s'), 'app.py': LAB_A_APP});
		const controller = new AbortController();
		const events: Awaited<ReturnType<typeof collect>> = [];
		const {runLab} = await import('../../src/runner/run-lab.js');
		for await (const event of runLab({lab: 'lab-a', dir, timeoutSec: 60, ...(await ports()), env: fakeEnv('1.18'), build: 'skip'}, controller.signal)) {
			events.push(event);
			if (event.type === 'phase' && event.phase === 'verifying') controller.abort();
		}
		const result = resultOf(events);
		expect(result.status).toBe('interrupted');
		expect(result.findings).toEqual([]);
		expect(events.filter((e) => e.type === 'finding')).toEqual([]);
		expect(events.filter((e) => e.type === 'check')).toEqual([]);
		expect(events.some((e) => e.type === 'phase' && e.message.startsWith('Interrupted'))).toBe(true);
	});
});

describe('Lab A rehearsal', () => {
	it('verifies a @daily schedule with a temporary @every 2s copy and says so', async (context) => {
		if (skip) return context.skip(skip);
		const yaml = cronComponent('@daily');
		const dir = await lab({'components/cron-binding.yaml': yaml, 'app.py': LAB_A_APP});
		const events = await collect({lab: 'lab-a', dir, timeoutSec: 40, ...(await ports()), env: fakeEnv('1.18'), build: 'skip'});
		const result = resultOf(events);
		expect(result.findings, JSON.stringify(result.findings)).toEqual([]);
		expect(result.status).toBe('pass');
		const notes = events.flatMap((e) => (e.type === 'note' ? [e.message] : []));
		expect(notes.some((n) => n.includes('rehearses it with "@every 2s"'))).toBe(true);
		const triggers = events.find((e) => e.type === 'check' && e.id === 'triggers');
		expect(triggers && triggers.type === 'check' ? triggers.message : '').toContain('rehearsal with "@every 2s" instead of "@daily"');
		const command = events.find((e) => e.type === 'command');
		expect(command && command.type === 'command' ? command.argv.join(' ') : '').not.toContain('--resources-path ./components');
		expect(await readFile(`${dir}/components/cron-binding.yaml`, 'utf8')).toBe(yaml);
	});
});
