import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parse} from 'yaml';
import {beforeAll, describe, expect, it} from 'vitest';
import {analyzeWorkspace} from '../../src/core/analyze.js';
import {REHEARSAL_SCHEDULE} from '../../src/core/diagnose.js';
import type {LabDef} from '../../src/core/labs.js';
import {validateLabDef} from '../../src/core/labs-validate.js';
import {planRun, runtimeProblems, type PlanOptions} from '../../src/core/run-plan.js';
import type {SourceFile, Workspace} from '../../src/core/types.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {packageRoot} from '../../src/runner/package-root.js';
import {PROBE_KINDS} from '../../src/runner/probes/index.js';
import {cronYaml, HTTP_YAML, pubsubYaml} from '../helpers/components.js';

function model(files: Record<string, string>) {
	const map = new Map<string, SourceFile>();
	for (const [path, text] of Object.entries(files)) map.set(path, {path, kind: 'text', text, size: text.length});
	return analyzeWorkspace({files: map} satisfies Workspace);
}

const root = packageRoot();
let labs: readonly LabDef[];
const solution: Record<string, string> = {};
beforeAll(async () => {
	labs = await loadLabs();
	for (const lab of labs) solution[lab.id] = await readFile(join(root, 'labs', lab.id, 'solution', 'app.py'), 'utf8').catch(() => '');
});

const options: PlanOptions = {dir: '/labs/x', timeoutSec: 60, now: new Date('2026-12-06T10:00:00Z'), zone: 'UTC', kinds: PROBE_KINDS};
/** The lab whose runtime section holds exactly these probe kinds (labs are found by what they observe, not by id). */
const labWith = (...kinds: string[]) => {
	const found = labs.find((lab) => JSON.stringify(lab.runtime?.probes.map((probe) => probe.kind)) === JSON.stringify(kinds));
	if (!found) throw new Error(`no shipped lab observes exactly ${kinds.join(', ')}`);
	return found;
};

describe('planRun', () => {
	it('plans a cron lab: the app command, the ports, the trigger expectation, no edit for a schedule that fires in time', () => {
		const lab = labWith('cron-triggers');
		const plan = planRun(lab, model({'components/cron-binding.yaml': cronYaml('@every 5s'), 'app.py': solution[lab.id]!}), options);
		expect(plan).toMatchObject({lab: lab.id, appId: lab.appId, appPort: 8000, daprHttpPort: 3500, daprGrpcPort: 50001, timeoutMs: 60_000, componentEdits: [], receiver: false, notes: []});
		expect(plan.app.args).toEqual(['-m', 'uvicorn', 'app:app', '--host', '0.0.0.0', '--port', '8000']);
		expect(plan.needs).toEqual({daprSdk: lab.needsDaprSdk, redis: [], ports: [8000, 3500, 50001]});
		expect(plan.probes).toHaveLength(1);
		expect(plan.probes[0]!.params).toMatchObject({binding: 'cleanup-cron', expectation: {route: '/cleanup-cron', runSpec: '@every 5s', rehearsal: false, intervalMs: 5000}});
	});

	it('rehearses a schedule too slow for the timeout in the temporary copy and says so', () => {
		const lab = labWith('cron-triggers');
		const plan = planRun(lab, model({'components/cron-binding.yaml': cronYaml('0 0 2 * * *'), 'app.py': solution[lab.id]!}), {...options, timeoutSec: 40});
		expect(plan.componentEdits).toEqual([{component: 'cleanup-cron', key: 'schedule', value: REHEARSAL_SCHEDULE}]);
		expect(plan.notes).toEqual([`The schedule "0 0 2 * * *" would not fire twice within 40 s, so this run rehearses it with "${REHEARSAL_SCHEDULE}" in a temporary copy of the components (your files are not edited).`]);
	});

	it('watches nothing when the folder has no input cron binding, and leaves a schedule the engine rejects to daprd', () => {
		const lab = labWith('cron-triggers');
		expect(planRun(lab, model({'app.py': solution[lab.id]!}), options).probes[0]!.params).toEqual({binding: null, expectation: null});
		const invalid = planRun(lab, model({'components/cron-binding.yaml': cronYaml('INVALID'), 'app.py': solution[lab.id]!}), options);
		expect(invalid.probes[0]!.params).toEqual({binding: 'cleanup-cron', expectation: null});
		expect(invalid.componentEdits).toEqual([]);
	});

	it('plans the app call and points the http binding at the receiver', () => {
		const lab = labWith('app-call', 'webhook-receiver');
		const plan = planRun(lab, model({'components/http-binding.yaml': HTTP_YAML, 'app.py': solution[lab.id]!}), {...options, appPort: 18000});
		expect(plan.receiver).toBe(true);
		expect(plan.componentEdits).toEqual([{component: 'monitoring-webhook', key: 'url', receiverPath: '/post'}]);
		expect(plan.probes.map((probe) => probe.params)).toEqual([
			{method: 'POST', path: '/tasks/task-42/complete', expectStatus: '2xx', expectJson: {task_id: 'task-42'}, checkId: 'app-answer'},
			{binding: 'monitoring-webhook', expectBody: {event: 'task.completed', task_id: 'task-42'}, expectKeys: [], describe: '{"event": "task.completed", "task_id": "task-42"}', missing: null, checkId: 'webhook', shared: false},
		]);
		expect(plan.app.args.at(-1)).toBe('18000');
		expect(plan.app.pythonModules).toEqual(['fastapi', 'uvicorn', 'dapr']);
	});

	it('plans the combined pattern: one url edit for two webhook probes, the stream resolved from the app and the component', () => {
		const lab = labWith('cron-triggers', 'app-call', 'webhook-receiver', 'webhook-receiver', 'stream');
		const files = {'components/cron-binding.yaml': cronYaml('@every 10s'), 'components/http-binding.yaml': HTTP_YAML, 'components/pubsub.yaml': pubsubYaml('127.0.0.1:6399'), 'app.py': solution[lab.id]!};
		const plan = planRun(lab, model(files), {...options, appPort: null});
		expect(plan.componentEdits).toEqual([{component: 'monitoring-webhook', key: 'url', receiverPath: '/post'}]);
		expect(plan.probes[3]!.params).toMatchObject({expectKeys: ['alert'], shared: true});
		expect(plan.probes[4]!.params).toEqual({pubsub: 'pubsub', topic: 'task-events', redis: 'redis://127.0.0.1:6399', expectData: null, checkId: 'published'});
		expect(plan.needs.redis).toEqual([{address: '127.0.0.1:6399', source: 'components/pubsub.yaml'}]);
		expect(plan.appPort).toBeNull();
		expect(plan.needs.ports).toEqual([3500, 50001]);
		// Without --app-port the app still listens on 8000, as it did.
		expect(plan.app.args.at(-1)).toBe('8000');
	});

	it('reads the topic the app publishes to before the default, and the lab can override both', () => {
		const lab = labWith('cron-triggers', 'app-call', 'webhook-receiver', 'webhook-receiver', 'stream');
		const app = solution[lab.id]!.replace('topic_name="task-events"', 'topic_name="audit"');
		expect(planRun(lab, model({'app.py': app}), options).probes[4]!.params).toMatchObject({topic: 'audit', redis: null});
		const overridden: LabDef = {...lab, runtime: {probes: [{kind: 'stream', topic: 'fixed', pubsub: 'other'}]}};
		expect(planRun(overridden, model({'app.py': app, 'components/pubsub.yaml': pubsubYaml()}), options).probes[0]!.params).toMatchObject({topic: 'fixed', pubsub: 'other', redis: null});
	});

	it('throws with the probe and the parameter when the runtime section is not valid', () => {
		const lab = labWith('cron-triggers');
		const broken: LabDef = {...lab, runtime: {probes: [{kind: 'cron-triggers', count: 0}, {kind: 'telepathy'}, {kind: 'app-call', method: 'POST'}]}};
		expect(() => planRun(broken, model({}), options)).toThrow(/runtime\.probes\[0\] \(cron-triggers\): count must be a positive integer[\s\S]*runtime\.probes\[1\]: unknown probe kind "telepathy"[\s\S]*runtime\.probes\[2\] \(app-call\): path is required/);
	});

	it('a lab without a runtime section plans no probe', () => {
		const {runtime: _, ...lab} = labWith('cron-triggers');
		expect(planRun(lab, model({}), options).probes).toEqual([]);
	});
});

describe('runtime sections', () => {
	it('every shipped lab.yaml with a runtime step has a runtime section whose probes validate (and only those labs)', async () => {
		const folders = (await readdir(join(root, 'labs'), {withFileTypes: true})).filter((entry) => entry.isDirectory());
		let checked = 0;
		for (const folder of folders) {
			const path = join(root, 'labs', folder.name, 'lab.yaml');
			const text = await readFile(path, 'utf8').catch(() => null);
			if (text === null) continue;
			const result = validateLabDef(parse(text), folder.name);
			expect(result.ok, `${path}: ${JSON.stringify(result)}`).toBe(true);
			if (!result.ok) continue;
			const runs = result.lab.steps.some((step) => step.kind === 'runtime');
			expect(result.lab.runtime !== undefined, `${path}: a runtime section exactly when a step is a runtime step`).toBe(runs);
			if (!runs) continue;
			expect(result.lab.runtime?.probes.length, `${path} has no runtime probes`).toBeGreaterThan(0);
			expect(runtimeProblems(result.lab.runtime, PROBE_KINDS), path).toEqual([]);
			checked++;
		}
		expect(checked).toBeGreaterThanOrEqual(3);
	});

	it('each kind rejects parameters it does not know, naming the known ones', () => {
		expect(runtimeProblems({probes: [{kind: 'webhook-receiver', expectbody: {}}]}, PROBE_KINDS)).toEqual([
			'runtime.probes[0] (webhook-receiver): unknown parameter "expectbody" (known: binding, expectBody, expectKeys, describe, missing, checkId).',
		]);
		expect(runtimeProblems({probes: [{kind: 'app-call', path: 'tasks', expectStatus: '3xx', expectJson: 'x'}]}, PROBE_KINDS)).toEqual([
			'runtime.probes[0] (app-call): path must be a path starting with "/".',
			'runtime.probes[0] (app-call): expectStatus must be "2xx" or a status number.',
			'runtime.probes[0] (app-call): expectJson must be a mapping (key: value).',
		]);
	});
});
