import {join} from 'node:path';
import {XMLValidator} from 'fast-xml-parser';
import {describe, expect, it} from 'vitest';
import {run} from '../../src/commands/check.js';
import {memoryIO} from '../commands/io.js';
import {ROOT} from './fixtures.js';

describe('check --format junit|sarif|github', () => {
	it('each format is wired into `check` and reflects the same failures', async () => {
		const outputs: Record<string, string> = {};
		for (const format of ['junit', 'sarif', 'github']) {
			const memory = memoryIO(ROOT);
			expect(await run(['--dir', 'labs/lab-a/starter', '--lab', 'lab-a', '--format', format], memory.io)).toBe(1);
			outputs[format] = memory.out();
		}
		expect(XMLValidator.validate(outputs['junit']!)).toBe(true);
		expect(outputs['junit']).toContain('cron/five-field');
		const sarif = JSON.parse(outputs['sarif']!);
		expect(sarif.version).toBe('2.1.0');
		expect(sarif.runs[0].results.some((result: {ruleId: string}) => result.ruleId === 'cron/five-field')).toBe(true);
		expect(outputs['github']).toMatch(/^::error file=labs\/lab-a\/starter\/components\/cron-binding\.yaml,line=\d+,col=\d+.*title=cron\/five-field::/m);
		// Two runs use two different stop-commands tokens.
		const second = memoryIO(ROOT);
		await run(['--dir', join('labs', 'lab-a', 'starter'), '--lab', 'lab-a', '--format', 'github'], second.io);
		const token = (text: string) => /^::stop-commands::(\S+)$/m.exec(text)?.[1];
		expect(token(outputs['github']!)).toBeTruthy();
		expect(token(second.out())).not.toBe(token(outputs['github']!));
	});
});
