/** The fake dapr prints only documented strings, in every form the classifier must read. */
import {afterAll, describe, expect, it} from 'vitest';
import {join} from 'node:path';
import {execa} from 'execa';
import {classifyLine} from '../../src/core/log/classify.js';
import {cronComponent, FAKE_DAPR_DIR, freePort, makeLab, removeLab} from './e2e-helpers.js';

const DAPR = join(FAKE_DAPR_DIR, 'dapr');
const dirs: string[] = [];
afterAll(async () => {
	for (const dir of dirs) await removeLab(dir);
});

describe('fake dapr', () => {
	it('prints CLI and runtime versions in both styles', async () => {
		expect((await execa(DAPR, ['--version'])).stdout).toBe('CLI version: 1.18.0 \nRuntime version: 1.18.3');
		expect((await execa(DAPR, ['--version'], {env: {FAKE_DAPR_STYLE: '1.16'}})).stdout).toBe('CLI version: 1.16.5 \nRuntime version: 1.16.0');
	});

	it.each([false, true])('fails an invalid schedule with the three-line init failure (json: %s)', async (json) => {
		const dir = await makeLab({'components/cron-binding.yaml': cronComponent('x')});
		dirs.push(dir);
		const args = [...(json ? ['--log-as-json'] : []), 'run', '--app-id', 'cron-app', '--dapr-http-port', String(await freePort()), '--dapr-grpc-port', String(await freePort()), '--resources-path', join(dir, 'components'), '--log-level', 'debug'];
		const result = await execa(DAPR, args, {reject: false});
		expect(result.exitCode).toBe(1);
		const lines = String(result.stdout).split('\n').filter(Boolean).map(classifyLine);
		expect(lines.every((line) => line.source !== 'app')).toBe(true);
		const types = lines.flatMap((line) => (line.event ? [line.event.type] : []));
		expect(types).toEqual(expect.arrayContaining(['no-app-command', 'dapr-starting', 'component-init-failed', 'component-error-exit', 'fatal', 'daprd-exited']));
		const failed = lines.find((line) => line.event?.type === 'component-init-failed');
		expect(failed?.text).toBe("Failed to init component cleanup-cron (bindings.cron/v1): [INIT_COMPONENT_FAILURE]: initialization error occurred for cleanup-cron (bindings.cron/v1): invalid schedule format 'x': expected 5 to 6 fields, found 1: [x]");
		expect(failed?.level).toBe('error');
	});

	it('answers dapr stop for an unknown app id like the CLI', async () => {
		const result = await execa(DAPR, ['stop', '--app-id', 'no-such-app-x'], {reject: false});
		expect(result.exitCode).toBe(1);
		expect(result.stdout).toBe("❌  failed to stop app id no-such-app-x: couldn't find app id no-such-app-x");
	});
});
