import {describe, expect, it} from 'vitest';
import {choosePython, evaluateDoctor, parseDaprVersion, type DoctorFacts, type PythonProbe} from '../../src/core/doctor.js';

const systemPython: PythonProbe = {path: '/usr/bin/python3', version: '3.11.2', modules: {fastapi: true, uvicorn: true, dapr: false}};
const pyenvPython: PythonProbe = {path: '/root/.pyenv/shims/python3', version: '3.11.7', modules: {fastapi: false, uvicorn: false, dapr: false}, externallyManaged: false};

const ready: DoctorFacts = {
	dapr: {state: 'ok', stdout: 'CLI version: 1.18.0 \nRuntime version: 1.18.3\n', stderr: '', exitCode: 0},
	daprInstall: {runtimeBinary: true, defaultComponents: true, placementBinary: false, daprDir: '/home/s/.dapr'},
	dockerCli: {state: 'ok', stdout: 'Docker version 28.2.2, build e6534b4\n', stderr: '', exitCode: 0},
	dockerEngine: {state: 'ok', stdout: '28.2.2\n', stderr: '', exitCode: 0},
	pythons: [systemPython],
	pythonOverride: null,
	ports: [{port: 8000, free: true}, {port: 3500, free: true}, {port: 50001, free: true}],
	redis: [{source: 'components/pubsub.yaml', address: 'localhost:6379', state: 'ok'}],
	pubsubComponents: [{name: 'pubsub', file: 'components/pubsub.yaml'}],
	componentsDir: true,
};

const NONE = {daprSdk: [], pubsub: []};
const SDK = {daprSdk: ['Lab B: HTTP output binding', 'Combined: cron + pub/sub + output binding'], pubsub: ['Combined: cron + pub/sub + output binding']};

function byId(facts: DoctorFacts, id: string, labNeedsSdk = false) {
	return evaluateDoctor(facts, labNeedsSdk ? SDK : NONE).filter((check) => check.id === id);
}

describe('parseDaprVersion', () => {
	it('reads both versions, and n/a before dapr init', () => {
		expect(parseDaprVersion('CLI version: 1.18.0 \nRuntime version: 1.18.3')).toEqual({cli: '1.18.0', runtime: '1.18.3'});
		expect(parseDaprVersion('CLI version: 1.16.5 \nRuntime version: n/a')).toEqual({cli: '1.16.5', runtime: 'n/a'});
		expect(parseDaprVersion('nonsense')).toEqual({cli: null, runtime: null});
	});
});

describe('evaluateDoctor', () => {
	it('passes a ready machine with no failures', () => {
		const checks = evaluateDoctor(ready, NONE);
		expect(checks.filter((check) => check.status === 'fail')).toEqual([]);
		expect(checks.map((check) => check.id)).toEqual(expect.arrayContaining(['env/dapr-missing', 'env/dapr-not-initialized', 'env/docker-missing', 'env/docker-engine-down', 'env/python-missing', 'env/uvicorn-missing', 'env/port-in-use', 'env/redis-unreachable', 'env/pubsub-component-missing']));
	});

	it('fails a missing dapr with the install command, and a timed-out one says so', () => {
		const [missing] = byId({...ready, dapr: {state: 'missing'}}, 'env/dapr-missing');
		expect(missing).toMatchObject({status: 'fail', found: 'dapr is not on PATH.'});
		expect(missing!.fix).toContain('dapr init');
		const [hung] = byId({...ready, dapr: {state: 'timeout', afterMs: 2500}}, 'env/dapr-missing');
		expect(hung).toMatchObject({status: 'fail', found: 'dapr did not answer within 2.5 s.'});
	});

	it('tells dapr init from slim init and from none', () => {
		expect(byId({...ready, dapr: {state: 'ok', stdout: 'CLI version: 1.18.0\nRuntime version: n/a', stderr: '', exitCode: 0}, daprInstall: {...ready.daprInstall, runtimeBinary: false}}, 'env/dapr-not-initialized')[0]).toMatchObject({status: 'fail', fix: expect.stringContaining('dapr init')});
		expect(byId({...ready, daprInstall: {...ready.daprInstall, defaultComponents: false, placementBinary: true}}, 'env/dapr-not-initialized')[0]!.found).toContain('Slim init');
	});

	it('warns (not fails) when the docker engine is down', () => {
		const [engine] = byId({...ready, dockerEngine: {state: 'ok', stdout: '', stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.', exitCode: 1}}, 'env/docker-engine-down');
		expect(engine).toMatchObject({status: 'warn'});
		expect(engine!.found).toContain('Cannot connect to the Docker daemon');
	});

	it('chooses the python that has fastapi and uvicorn, not just the first on PATH', () => {
		expect(choosePython([pyenvPython, systemPython], null)).toBe(systemPython);
		const checks = evaluateDoctor({...ready, pythons: [pyenvPython, systemPython]}, NONE);
		expect(checks.find((check) => check.id === 'env/python-missing')!.found).toContain('Using /usr/bin/python3');
		expect(checks.find((check) => check.id === 'env/uvicorn-missing')!.status).toBe('pass');
	});

	it('an override without uvicorn fails and points at the python that has it', () => {
		const [check] = byId({...ready, pythons: [pyenvPython, systemPython], pythonOverride: pyenvPython.path}, 'env/uvicorn-missing');
		expect(check).toMatchObject({status: 'fail', fix: `${pyenvPython.path} -m pip install fastapi uvicorn`});
		expect(check!.found).toContain('/usr/bin/python3 can');
	});

	it('checks the dapr SDK only for labs that need it', () => {
		expect(byId(ready, 'env/dapr-sdk-missing', false)).toEqual([]);
		// /usr/bin/python3 is not known to accept pip installs (Debian 12 refuses them: PEP 668), so a .venv is advised.
		expect(byId(ready, 'env/dapr-sdk-missing', true)[0]).toMatchObject({status: 'warn'});
		expect(byId(ready, 'env/dapr-sdk-missing', true)[0]!.fix).toMatch(/^python3 -m venv \.venv && \.venv\/bin\/pip install fastapi uvicorn dapr /);
	});

	it('names the process on a busy port', () => {
		const checks = byId({...ready, ports: [{port: 8000, free: false, owner: 'uvicorn (pid 4242)'}]}, 'env/port-in-use');
		expect(checks[0]).toMatchObject({status: 'fail', found: 'Port 8000 is in use by uvicorn (pid 4242).'});
		expect(checks[0]!.fix).toContain('kill 4242');
	});

	it('fails an unreachable Redis and warns about a missing pubsub component with the copy command', () => {
		expect(byId({...ready, redis: [{source: 'components/pubsub.yaml', address: 'localhost:6379', state: 'refused'}]}, 'env/redis-unreachable')[0]!.status).toBe('fail');
		const [pubsub] = byId({...ready, pubsubComponents: []}, 'env/pubsub-component-missing');
		expect(pubsub).toMatchObject({status: 'warn'});
		expect(pubsub!.fix).toContain('cp /home/s/.dapr/components/pubsub.yaml components/');
	});
});

describe('pipInstallFix', () => {
	it('advises a .venv in the lab folder with everything the lab needs, never a system-wide pip install', async () => {
		const {pipInstallFix} = await import('../../src/core/doctor.js');
		const system = {path: '/usr/bin/python3', version: '3.11.2', modules: {fastapi: true, uvicorn: true, dapr: false}};
		const fix = pipInstallFix(system, ['dapr'], ['fastapi', 'uvicorn', 'dapr']);
		expect(fix.startsWith('python3 -m venv .venv && .venv/bin/pip install fastapi uvicorn dapr')).toBe(true);
		expect(fix).not.toContain('/usr/bin/python3 -m pip');
		expect(pipInstallFix({...system, path: '/lab/.venv/bin/python3', venv: true}, ['dapr'], ['fastapi', 'uvicorn', 'dapr'])).toBe('/lab/.venv/bin/python3 -m pip install dapr');
	});
});

describe('evaluateDoctor with the needs of the labs (doctorNeeds)', () => {
	it('names the labs that need the SDK and a pub/sub by their titles, and no lab id', () => {
		const bare = {...ready, redis: [], pubsubComponents: []};
		const checks = evaluateDoctor(bare, SDK);
		const sdk = checks.find((check) => check.id === 'env/dapr-sdk-missing')!;
		expect(sdk.found).toBe('/usr/bin/python3 cannot import dapr (Lab B: HTTP output binding and Combined: cron + pub/sub + output binding need it).');
		expect(checks.find((check) => check.id === 'env/pubsub-component-missing')!.found).toBe('No pubsub.* component in ./components (Combined: cron + pub/sub + output binding publishes through one).');
		expect(checks.find((check) => check.id === 'env/redis-unreachable')!.fix).toBe('Create components/pubsub.yaml (pubsub.redis, redisHost localhost:6379) for Combined: cron + pub/sub + output binding.');
		const none = evaluateDoctor(bare, NONE);
		expect(none.some((check) => check.id === 'env/dapr-sdk-missing')).toBe(false);
		expect(none.find((check) => check.id === 'env/pubsub-component-missing')!.found).toBe('No pubsub.* component in ./components.');
		for (const check of [...checks, ...none]) expect(JSON.stringify(check)).not.toMatch(/lab-a|lab-b|"combined|combined lab|combined pattern/);
	});
});
