/**
 * The issue-9 `truth-*` folders of the real-world corpus through the REAL bin (`node bin/dapr-labs.js check --format
 * json`): the exit code and the error and warning ids must be the person-judged verdict in each expect.json.
 */
import {execFile} from 'node:child_process';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {packageRoot} from '../../src/runner/package-root.js';

const ROOT = packageRoot();
const BIN = join(ROOT, 'bin', 'dapr-labs.js');
const BASE = join(ROOT, 'test', 'corpus', 'real-world');
const names = readdirSync(BASE, {withFileTypes: true})
	.filter((entry) => entry.isDirectory() && entry.name.startsWith('truth-'))
	.map((entry) => entry.name)
	.sort();

type Expect = {lab: string; errors: string[]; warnings: string[]};
type Json = {labs: {id: string; status: string; findings: {ruleId: string; severity: string}[]}[]};

beforeAll(async () => {
	if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
		await new Promise<void>((resolve, reject) => {
			execFile('npm', ['run', 'build'], {cwd: ROOT}, (error) => (error ? reject(error) : resolve()));
		});
	}
}, 120_000);

function check(dir: string, lab: string): Promise<{code: number | null; json: Json}> {
	return new Promise((resolve, reject) => {
		execFile(process.execPath, [BIN, 'check', '--format', 'json', '--lab', lab, '--dir', dir], {cwd: ROOT, timeout: 60_000, killSignal: 'SIGKILL', env: {...process.env, NO_COLOR: '1'}}, (error, stdout) => {
			const failure = error as (Error & {code?: number | string}) | null;
			try {
				resolve({code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0, json: JSON.parse(stdout) as Json});
			} catch (parseError) {
				reject(parseError as Error);
			}
		});
	});
}

describe('issue 9 truth corpus through the real bin', () => {
	test('holds at least 10 truth-* folders', () => expect(names.length).toBeGreaterThanOrEqual(10));
	test.each(names)('%s', async (name) => {
		const spec = JSON.parse(readFileSync(join(BASE, name, 'expect.json'), 'utf8')) as Expect;
		const {code, json} = await check(join(BASE, name), spec.lab);
		const lab = json.labs[0]!;
		const ids = (severity: string) => [...new Set(lab.findings.filter((f) => f.severity === severity).map((f) => f.ruleId))].sort();
		expect(ids('error')).toEqual([...spec.errors].sort());
		expect(ids('warning')).toEqual([...spec.warnings].sort());
		expect(code).toBe(spec.errors.length > 0 ? 1 : 0);
	}, 60_000);
});
