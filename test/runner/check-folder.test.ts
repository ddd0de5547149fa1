import {mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {checkFolder} from '../../src/runner/check-folder.js';
import {loadLabs, readLabFolders} from '../../src/runner/labs-loader.js';
import {WorkspaceError} from '../../src/runner/read-workspace.js';
import {APP_PY, CRON_YAML, DOCKERFILE, HTTP_YAML, PUBSUB_YAML} from '../helpers/rules.js';

let dir = '';

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'dapr-labs-check-folder-'));
	await mkdir(join(dir, 'components'));
	await writeFile(join(dir, 'components', 'cron-binding.yaml'), CRON_YAML);
	await writeFile(join(dir, 'components', 'http-binding.yaml'), HTTP_YAML);
	await writeFile(join(dir, 'components', 'pubsub.yaml'), PUBSUB_YAML);
	await writeFile(join(dir, 'app.py'), APP_PY);
	await writeFile(join(dir, 'Dockerfile'), DOCKERFILE);
});

afterEach(async () => {
	if (dir) await rm(dir, {recursive: true, force: true});
});

describe('loadLabs', () => {
	test('loads the three labs in order, validated', async () => {
		const labs = await loadLabs();
		expect(labs.map((lab) => lab.id).slice(0, 3)).toEqual(['lab-a', 'lab-b', 'combined']);
		expect(await loadLabs()).toBe(labs);
	});
	test('whatever the source (dist/labs.json or lab.yaml), the labs equal the lab.yaml files', async () => {
		expect(await loadLabs()).toEqual(await readLabFolders());
	});
});

describe('checkFolder', () => {
	test('a complete folder passes every lab (but the one whose security/* rules ask the app to check senders); workspace label defaults to the dir', async () => {
		const {result, workspace} = await checkFolder(dir);
		expect(result.workspace).toBe(dir);
		const asksForSecurity = (lab: {readonly steps: readonly {readonly rules: readonly string[]}[]}) => lab.steps.some((step) => step.rules.some((rule) => rule.startsWith('security/')));
		expect(result.labs.map((lab) => [lab.id, lab.status])).toEqual((await loadLabs()).map((lab) => [lab.id, asksForSecurity(lab) ? 'fail' : 'pass']));
		expect(workspace.files.has('app.py')).toBe(true);
	});
	test('selects labs and uses the label', async () => {
		const {result} = await checkFolder(dir, {labs: ['lab-b'], workspaceLabel: 'mine'});
		expect(result.labs.map((lab) => lab.id)).toEqual(['lab-b']);
		expect(result.workspace).toBe('mine');
	});
	test('reads a requirements file the Dockerfile names in a subfolder', async () => {
		await mkdir(join(dir, 'deps'));
		await writeFile(join(dir, 'deps', 'prod.txt'), 'fastapi\nuvicorn[standard]\ndapr==1.14.0\n');
		await writeFile(join(dir, 'Dockerfile'), DOCKERFILE.replace('RUN pip install fastapi uvicorn dapr', 'COPY deps/ deps/\nRUN pip install -r deps/prod.txt'));
		const {result, workspace} = await checkFolder(dir, {labs: ['combined']});
		expect(workspace.files.has('deps/prod.txt')).toBe(true);
		expect(result.labs[0]!.findings.filter((f) => f.ruleId === 'dockerfile/missing-package')).toEqual([]);
		await writeFile(join(dir, 'deps', 'prod.txt'), 'fastapi\nuvicorn\n');
		const again = await checkFolder(dir, {labs: ['combined']});
		expect(again.result.labs[0]!.findings.map((f) => f.ruleId)).toContain('dockerfile/missing-package');
	});
	test('a symlink out of the folder is a finding, not a read', async () => {
		await rm(join(dir, 'app.py'));
		await symlink('/etc/hostname', join(dir, 'app.py'));
		const {result} = await checkFolder(dir, {labs: ['lab-a']});
		const ids = result.labs[0]!.findings.map((f) => [f.ruleId, f.file]);
		expect(ids).toContainEqual(['file/unreadable', 'app.py']);
		expect(result.labs[0]!.steps.find((s) => s.id === 'handler')!.status).toBe('fail');
	});
	test('a missing folder throws WorkspaceError', async () => {
		await expect(checkFolder(join(dir, 'nope'))).rejects.toBeInstanceOf(WorkspaceError);
	});
	test('an aborted signal stops it', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(checkFolder(dir, {signal: controller.signal})).rejects.toThrow();
	});
});

describe('the modules app.py imports (issue 9)', () => {
	const appWithRouter = 'from fastapi import FastAPI\nfrom routes import events\napp = FastAPI()\napp.include_router(events.router)\n';
	const router = 'from fastapi import APIRouter\nrouter = APIRouter()\n@router.post("/cleanup-cron")\ndef cleanup():\n    return {"status": "OK"}\n';
	test('are read (both drivers alike) and their routes count, with their file', async () => {
		await writeFile(join(dir, 'app.py'), appWithRouter);
		await mkdir(join(dir, 'routes'));
		await writeFile(join(dir, 'routes', '__init__.py'), '');
		await writeFile(join(dir, 'routes', 'events.py'), router.replace('/cleanup-cron', '/cleanup_cron'));
		for (const syncRead of [false, true]) {
			const {result, workspace} = await checkFolder(dir, {labs: ['lab-a'], syncRead});
			expect([...workspace.files.keys()].filter((path) => path.endsWith('.py')).sort()).toEqual(['app.py', 'routes/__init__.py', 'routes/events.py']);
			const mismatch = result.labs[0]!.findings.filter((f) => f.ruleId === 'input-binding/route-mismatch');
			expect(mismatch.map((f) => `${f.file}:${f.line}`)).toEqual(['routes/events.py:3']);
		}
	});
	test('a module symlinked out of the folder is never read: its route is info, not a 404 claim', async () => {
		const outside = await mkdtemp(join(tmpdir(), 'dapr-labs-outside-'));
		try {
			await writeFile(join(outside, 'events.py'), router);
			await writeFile(join(dir, 'app.py'), appWithRouter);
			await symlink(outside, join(dir, 'routes'));
			const {result, workspace} = await checkFolder(dir, {labs: ['lab-a']});
			const texts = [...workspace.files.values()].filter((file) => file.kind === 'text' && file.path.startsWith('routes/'));
			expect(texts).toEqual([]);
			const findings = result.labs[0]!.findings.filter((f) => f.ruleId === 'input-binding/no-handler');
			expect(findings.map((f) => f.severity)).toEqual(['info']);
			expect(result.labs[0]!.findings.some((f) => f.ruleId === 'file/unreadable')).toBe(false);
		} finally {
			await rm(outside, {recursive: true, force: true});
		}
	});
	test('imports that name no file of the folder cost no reads', async () => {
		const {workspace} = await checkFolder(dir, {labs: ['combined']});
		expect([...workspace.files.keys()].filter((path) => path.endsWith('.py'))).toEqual(['app.py']);
	});
});
