// Schedules parsed and advanced five times per second: the Dapr engine (src/core/cron, bundled here with esbuild)
// against cron-parser alone on the same inputs, measured in the same run, in alternating slices. Inputs cron-parser rejects (or reads
// differently enough to throw) are dropped from both sides so both do the same amount of work.
import {build} from 'esbuild';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {CronExpressionParser} from 'cron-parser';

const SCHEDULES = [
	'* * * * * *', '*/15 * * * * *', '30 * * * * *', '0 * * * * *', '0 0 * * * *', '0 30 9 * * *', '0 0 15 * * *',
	'59 59 23 31 12 *', '0 0 0 1 1 *', '0 0 0 14 3 *', '0 0 0 1 * *', '0 0 0 1,15 * *', '0 0 9 ? * ?', '5/20 * * * * *',
	'0 5/20 * * * *', '0 0 0/6 * * *', '0 0 1-5/2 * * *', '0 0 */5 * * *', '0 0 0 */10 * *', '0 0 0 * */3 *',
	'0 0 0 1 */3 *', '0 0 0 1 FEB-MAR,DEC *', '0 0 12 * JAN,JUL *', '0 30 9 * * MON-FRI', '0 0 0 * * SAT',
	'0 0 0 * * sun,sat', '0 0 12 * * 0,6', '0 0 0 * * 1-5', '0 0 0 13 * FRI', '0 0 0 1 * */2', '0 0 0 29 2 *',
	'0 0 0 31 * *', '0 0 0 * * */2', '*/15 * * * *', '0 9 * * 1-5', '30 2 * * *', '0 */2 * * *', '5 4 * * sun',
	'0 0 1 1 *', '*/5 * * * *', '0 0 * * 0', '15 14 1 * *', '0 22 * * 1-5', '0 0 9 * * mon,wed,fri',
	'0 0-59/15 * * * *', '0 0 0 1-15/7 * *', '0 0 0 1 Jan-Jun MON', '15 * * * * *', '0 0 12 1 jan *', '0 45 23 * * *',
];
const FROM = new Date('2026-03-14T15:09:26.535Z');
const ZONES = ['UTC', 'America/New_York'];

const dir = mkdtempSync(join(tmpdir(), 'dapr-labs-bench-'));
try {
	const bundle = await build({entryPoints: [fileURLToPath(new URL('../src/core/cron/index.ts', import.meta.url))], bundle: true, write: false, format: 'esm', platform: 'neutral', logLevel: 'warning'});
	const file = join(dir, 'cron.mjs');
	writeFileSync(file, bundle.outputFiles[0].text);
	const {parseSchedule, nextFires} = await import(pathToFileURL(file).href);

	for (const zone of ZONES) {
		const accepted = SCHEDULES.filter((spec) => {
			try {
				const expression = CronExpressionParser.parse(spec, {currentDate: FROM, tz: zone});
				for (let i = 0; i < 5; i++) expression.next();
				return parseSchedule(spec, {zone}).ok;
			} catch {
				return false;
			}
		});
		const ours = () => {
			for (const spec of accepted) {
				const schedule = parseSchedule(spec, {zone});
				nextFires(schedule, FROM, 5);
			}
		};
		const theirs = () => {
			for (const spec of accepted) {
				const expression = CronExpressionParser.parse(spec, {currentDate: FROM, tz: zone});
				for (let i = 0; i < 5; i++) expression.next();
			}
		};
		// Both sides measured in alternating 100 ms slices (A B, then B A, ...), so a change in machine load during the
		// run falls on both alike.
		const rates = (first, second) => {
			for (let i = 0; i < 20; i++) {
				first();
				second();
			}
			const rounds = [0, 0];
			const spent = [0, 0];
			const slice = (index, fn) => {
				const start = performance.now();
				let elapsed = 0;
				while (elapsed < 100) {
					fn();
					rounds[index]++;
					elapsed = performance.now() - start;
				}
				spent[index] += elapsed;
			};
			for (let i = 0; i < 10; i++) {
				if (i % 2 === 0) {
					slice(0, first);
					slice(1, second);
				} else {
					slice(1, second);
					slice(0, first);
				}
			}
			return rounds.map((count, index) => (count * accepted.length) / (spent[index] / 1000));
		};
		const [a, b] = rates(ours, theirs);
		const label = zone === 'UTC' ? 'cron' : `cron (${zone})`;
		console.log(`${label}: ${Math.round(a)} schedules/s, cron-parser ${Math.round(b)} schedules/s, ratio ${(a / b).toFixed(2)}`);
		console.log(`  (${accepted.length} schedules, ${SCHEDULES.length - accepted.length} skipped on both sides because cron-parser rejected them; parse + 5x next each)`);
	}
} finally {
	rmSync(dir, {recursive: true, force: true});
}
