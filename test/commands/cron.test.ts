// `dapr-labs cron` run in-process with a fake CommandIO.
import {describe, expect, it} from 'vitest';
import {run} from '../../src/commands/cron.js';
import {UsageError, type CommandIO} from '../../src/commands/io.js';

function fakeIO(env: Record<string, string> = {}) {
	const out: string[] = [];
	const err: string[] = [];
	const io: CommandIO = {
		out: (text) => void out.push(text),
		err: (text) => void err.push(text),
		cwd: '/nonexistent',
		env,
		isTTY: false,
		stdoutColumns: 80,
	};
	return {io, stdout: () => out.join(''), stderr: () => err.join('')};
}

const FROM = '2026-03-14T15:09:26.535Z';

describe('dapr-labs cron', () => {
	it('prints the JSON shape for a valid schedule', async () => {
		const {io, stdout} = fakeIO();
		const code = await run(['0 */15 * * * *', '--from', FROM, '--tz', 'UTC', '--count', '3', '--json'], io);
		expect(code).toBe(0);
		expect(JSON.parse(stdout())).toEqual({
			schedule: '0 */15 * * * *',
			valid: true,
			error: null,
			form: 'six-field',
			next: ['2026-03-14T15:15:00.000Z', '2026-03-14T15:30:00.000Z', '2026-03-14T15:45:00.000Z'],
		});
	});

	it('prints the JSON shape for an invalid schedule and exits 1', async () => {
		const {io, stdout} = fakeIO();
		const code = await run(['0 0 0 * * 7', '--json', '--from', FROM], io);
		expect(code).toBe(1);
		expect(JSON.parse(stdout())).toEqual({schedule: '0 0 0 * * 7', valid: false, error: 'end of range (7) above maximum (6): 7', form: null, next: []});
	});

	it('defaults to five fire times', async () => {
		const {io, stdout} = fakeIO();
		await run(['@every 30s', '--json', '--from', FROM], io);
		expect((JSON.parse(stdout()) as {next: string[]}).next).toEqual([
			'2026-03-14T15:09:56.535Z',
			'2026-03-14T15:10:26.535Z',
			'2026-03-14T15:10:56.535Z',
			'2026-03-14T15:11:26.535Z',
			'2026-03-14T15:11:56.535Z',
		]);
	});

	it('uses --tz for schedules without a prefix', async () => {
		const {io, stdout} = fakeIO();
		await run(['0 0 9 * * *', '--json', '--from', FROM, '--tz', 'America/New_York', '--count', '1'], io);
		expect((JSON.parse(stdout()) as {next: string[]}).next).toEqual(['2026-03-15T13:00:00.000Z']);
	});

	it('defaults --tz to the local zone the way Go picks time.Local from TZ', async () => {
		const zones: [string, string][] = [
			['Asia/Tokyo', '2026-03-15T00:00:00.000Z'],
			[':Asia/Tokyo', '2026-03-15T00:00:00.000Z'],
			['', '2026-03-15T09:00:00.000Z'],
			['Not/AZone', '2026-03-15T09:00:00.000Z'],
		];
		for (const [tz, first] of zones) {
			const {io, stdout} = fakeIO({TZ: tz});
			await run(['0 0 9 * * *', '--json', '--from', FROM, '--count', '1'], io);
			expect((JSON.parse(stdout()) as {next: string[]}).next, `TZ=${tz}`).toEqual([first]);
		}
	});

	it('explains a five-field schedule in text, with its 6-field form and the warning', async () => {
		const {io, stdout} = fakeIO();
		const code = await run(['*/15 * * * *', '--from', FROM, '--tz', 'Asia/Kathmandu', '--count', '2'], io);
		expect(code).toBe(0);
		const text = stdout();
		expect(text).toContain('Valid:    yes');
		expect(text).toContain('Form:     five-field');
		expect(text).toContain('6-field:  0 */15 * * * *');
		expect(text).toContain('minute-level crontab');
		expect(text).toContain('fires every 5 minutes');
		expect(text).toContain('The lab and the lesson ask for the 6-field form');
		expect(text).toContain('Means:    at second 0 of every 15th minute every day');
		expect(text).toContain('Zone:     Asia/Kathmandu');
		// 15:15Z is 21:00 in Kathmandu (+05:45).
		expect(text).toContain('  2026-03-14 21:00:00 +05:45 (Sat)');
		expect(text).toContain('  2026-03-14 21:15:00 +05:45 (Sat)');
	});

	it('shows fire times in the prefix zone and says where the zone came from', async () => {
		const {io, stdout} = fakeIO();
		await run(['TZ=America/New_York 0 30 1 * * *', '--from', '2026-10-31T12:00:00Z', '--tz', 'UTC', '--count', '3'], io);
		const text = stdout();
		expect(text).toContain('Zone:     America/New_York (from the TZ= prefix)');
		expect(text).toContain('  2026-11-01 01:30:00 -04:00 (Sun)\n  2026-11-01 01:30:00 -05:00 (Sun)\n  2026-11-02 01:30:00 -05:00 (Mon)');
	});

	it("prints Dapr's error for an invalid schedule and exits 1", async () => {
		const {io, stdout} = fakeIO();
		const code = await run(['INVALID_SCHEDULE', '--from', FROM], io);
		expect(code).toBe(1);
		expect(stdout()).toContain('Valid:    no');
		expect(stdout()).toContain("invalid schedule format 'INVALID_SCHEDULE': expected 5 to 6 fields, found 1: [INVALID_SCHEDULE]");
	});

	it('does not claim daprd logs an error for "TZ=UTC", which makes dapr/kit\'s parser panic', async () => {
		const {io, stdout} = fakeIO();
		const code = await run(['TZ=UTC', '--from', FROM], io);
		expect(code).toBe(1);
		expect(stdout()).toContain('panic');
		expect(stdout()).not.toContain('daprd:    invalid schedule format');
		expect(stdout()).toContain('logs no "invalid schedule format" line');
	});

	it('says when a valid schedule never fires', async () => {
		const {io, stdout} = fakeIO();
		const code = await run(['0 0 0 30 2 *', '--from', FROM, '--tz', 'UTC'], io);
		expect(code).toBe(0);
		expect(stdout()).toContain('Next:     never');
	});

	it('strips control sequences from the echoed schedule', async () => {
		const {io, stdout} = fakeIO();
		const code = await run(['\u001b[31m@daily\u001b[0m', '--from', FROM], io);
		expect(code).toBe(1);
		expect(stdout()).not.toMatch(/\u001b/);
		expect(stdout()).toContain('Schedule: "@daily"');
	});

	it('rejects bad usage with UsageError (exit 2 in the CLI)', async () => {
		const cases: string[][] = [
			[],
			['a', 'b'],
			['@daily', '--count', 'x'],
			['@daily', '--count', '-1'],
			['@daily', '--from', 'yesterday'],
			['@daily', '--tz', 'Mars/Olympus'],
			['@daily', '--bogus'],
		];
		for (const argv of cases) {
			const {io} = fakeIO();
			await expect(run(argv, io), argv.join(' ')).rejects.toBeInstanceOf(UsageError);
		}
	});

	it('prints help and exits 0', async () => {
		const {io, stdout} = fakeIO();
		expect(await run(['--help'], io)).toBe(0);
		expect(stdout()).toContain('Usage: dapr-labs cron');
	});
});
