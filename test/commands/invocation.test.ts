import {describe, expect, it} from 'vitest';
import {asInvoked, detectInvocation, withInvocation} from '../../src/commands/invocation.js';
import {run as init} from '../../src/commands/init.js';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {memoryIO} from './io.js';

describe('invocation', () => {
	it('detects npx from npm_command=exec or a bin in the _npx cache, and nothing else', () => {
		expect(detectInvocation({npm_command: 'exec', npm_config_user_agent: 'npm/11.0.0 node/v20.19.0 linux x64'}, '/home/s/.npm/_npx/1a2b/node_modules/.bin/dapr-labs')).toBe('npx dapr-labs');
		expect(detectInvocation({}, '/home/s/.npm/_npx/1a2b/node_modules/dapr-labs/bin/dapr-labs.js')).toBe('npx dapr-labs');
		expect(detectInvocation({npm_command: 'run-script'}, '/work/dapr-labs/bin/dapr-labs.js')).toBe('dapr-labs');
		// What npx sets for `npx dapr-labs start` (checked with npm 11), and what a child of `npx vitest` inherits.
		expect(detectInvocation({npm_command: 'exec', npm_lifecycle_event: 'npx', npm_lifecycle_script: "'dapr-labs' 'start'"}, '/work/lab/node_modules/.bin/dapr-labs')).toBe('npx dapr-labs');
		expect(detectInvocation({npm_command: 'exec', npm_lifecycle_event: 'npx', npm_lifecycle_script: 'dapr-labs'}, '/work/lab/node_modules/.bin/dapr-labs')).toBe('npx dapr-labs');
		expect(detectInvocation({npm_command: 'exec', npm_lifecycle_event: 'npx', npm_lifecycle_script: 'vitest'}, '/work/dapr-labs/bin/dapr-labs.js')).toBe('dapr-labs');
		expect(detectInvocation({}, '/usr/local/lib/node_modules/dapr-labs/bin/dapr-labs.js')).toBe('dapr-labs');
	});

	it('rewrites commands, not paths or the tool name', () => {
		const text = 'Run `dapr-labs init --lab lab-a`.\nUsage: dapr-labs check [--dir PATH]\n"tool": "dapr-labs"\n.dapr-labs/logs\nRun `dapr-labs <command> --help`';
		expect(asInvoked(text, 'npx dapr-labs')).toBe('Run `npx dapr-labs init --lab lab-a`.\nUsage: npx dapr-labs check [--dir PATH]\n"tool": "dapr-labs"\n.dapr-labs/logs\nRun `npx dapr-labs <command> --help`');
		expect(asInvoked(text, 'dapr-labs')).toBe(text);
		expect(asInvoked('`dapr-labs runner`', 'npx dapr-labs')).toBe('`dapr-labs runner`');
	});

	it('a command run through the IO prints what the user can type', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'dapr-labs-npx-'));
		try {
			const {io, out} = memoryIO(dir);
			expect(await init([], withInvocation(io, 'npx dapr-labs'))).toBe(0);
			expect(out()).toContain('Next: run `npx dapr-labs start` here.');
		} finally {
			await rm(dir, {recursive: true, force: true});
		}
	});
});
