/**
 * Shared setup of the runner's end-to-end tests: the fake dapr on PATH, a Python that imports fastapi and uvicorn,
 * a real redis-server on a free port, lab folders in temp dirs. Missing tools skip with a printed reason, or fail
 * when DAPR_LABS_REQUIRE_E2E=1.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtemp, mkdir, rm, writeFile} from 'node:fs/promises';
import {createServer, connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {execa} from 'execa';
import type {RunEvent} from '../../src/core/run-events.js';
import {choosePython} from '../../src/runner/python.js';
import {runLab, type RunSpec} from '../../src/runner/run-lab.js';
import {cronYaml, HTTP_YAML, pubsubYaml} from '../helpers/components.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const FAKE_DAPR_DIR = join(ROOT, 'test/fixtures/fake-dapr');
export const PYTHON_SDK_DIR = join(ROOT, 'test/fixtures/python-sdk');
export const REQUIRE_E2E = process.env['DAPR_LABS_REQUIRE_E2E'] === '1';

/** Either a skip reason (printed) or a thrown error under DAPR_LABS_REQUIRE_E2E=1. */
export function missing(reason: string): string {
	if (REQUIRE_E2E) throw new Error(`DAPR_LABS_REQUIRE_E2E=1 but ${reason}`);
	console.warn(`skipping runner end-to-end tests: ${reason}`);
	return reason;
}

export async function e2ePython(): Promise<string | null> {
	const {chosen} = await choosePython(undefined, {env: {...process.env, PYTHONPATH: PYTHON_SDK_DIR}});
	return chosen?.path ?? null;
}

export async function hasRedisServer(): Promise<boolean> {
	const result = await execa('redis-server', ['--version'], {reject: false, timeout: 3000});
	return result.exitCode === 0;
}

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	await new Promise<void>((ok) => server.close(() => ok()));
	return port;
}

export type RedisServer = {readonly port: number; stop(): Promise<void>};

export async function startRedis(): Promise<RedisServer> {
	const port = await freePort();
	const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], {stdio: 'ignore'});
	for (let i = 0; i < 100; i++) {
		const up = await new Promise<boolean>((ok) => {
			const socket = connect({port, host: '127.0.0.1'});
			socket.once('connect', () => {
				socket.destroy();
				ok(true);
			});
			socket.once('error', () => ok(false));
		});
		if (up) break;
		await new Promise((ok) => setTimeout(ok, 50));
	}
	return {
		port,
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = new Promise((ok) => child.once('exit', ok));
			child.kill('SIGTERM');
			await exited;
		},
	};
}

export type LabFiles = Readonly<Record<string, string>>;

export async function makeLab(files: LabFiles): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'dapr-labs-e2e-'));
	for (const [path, text] of Object.entries(files)) {
		await mkdir(join(dir, path, '..'), {recursive: true});
		await writeFile(join(dir, path), text);
	}
	return dir;
}

export async function removeLab(dir: string): Promise<void> {
	await rm(dir, {recursive: true, force: true});
}

export function fakeEnv(style: '1.16' | '1.18'): Record<string, string | undefined> {
	return {...process.env, PATH: `${FAKE_DAPR_DIR}:${process.env['PATH'] ?? ''}`, FAKE_DAPR_STYLE: style, PYTHONPATH: PYTHON_SDK_DIR, DAPR_HEALTH_TIMEOUT: '5'};
}

export async function ports(): Promise<{appPort: number; daprHttpPort: number; daprGrpcPort: number}> {
	return {appPort: await freePort(), daprHttpPort: await freePort(), daprGrpcPort: await freePort()};
}

export async function collect(spec: RunSpec, signal = new AbortController().signal): Promise<RunEvent[]> {
	const events: RunEvent[] = [];
	for await (const event of runLab(spec, signal)) events.push(event);
	return events;
}

export function resultOf(events: readonly RunEvent[]): Extract<RunEvent, {type: 'result'}> {
	const result = events.find((event): event is Extract<RunEvent, {type: 'result'}> => event.type === 'result');
	if (!result) throw new Error('no result event');
	return result;
}

/** The Lab A cron component with the given schedule (shared YAML: test/helpers/components.ts). */
export const cronComponent = cronYaml;

export const HTTP_COMPONENT = HTTP_YAML;

export function pubsubComponent(port: number): string {
	return pubsubYaml(`127.0.0.1:${port}`);
}

export const LAB_A_APP = `from datetime import datetime
import logging

from fastapi import FastAPI

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

app = FastAPI()


@app.post("/cleanup-cron")
async def handle_cron():
    logger.info(f"CRON TRIGGERED at {datetime.now().isoformat()}")
    return {"status": "OK"}
`;
