// `grade` throughput: 500 generated submissions graded by one `grade` process (worker threads across the cores),
// next to the same kind of folders checked by one `check` process at a time, measured in the same run.
// The one-at-a-time side checks the first SAMPLE folders only and extrapolates its rate (it would take minutes
// to run all 500); both rates are whole-process wall-clock rates.
// Usage: npm run build && node bench/grade.mjs [count] [sample]
import {spawnSync} from 'node:child_process';
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync} from 'node:fs';
import {availableParallelism, loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin', 'dapr-labs.js');
const count = Number(process.argv[2] ?? 500);
const sample = Number(process.argv[3] ?? 40);
if (!existsSync(join(root, 'dist', 'cli.js'))) {
	console.error('bench/grade.mjs: dist/cli.js is missing; run `npm run build` first.');
	process.exit(2);
}

const bases = [join(root, 'solutions', 'lab-a'), join(root, 'solutions', 'lab-b'), join(root, 'solutions', 'combined'), join(root, 'labs', 'lab-a', 'starter'), join(root, 'labs', 'lab-b', 'starter'), join(root, 'labs', 'combined', 'starter')];

/** Copies a base folder and varies it the way a class's submissions vary: names, routes, schedules, comments. */
function makeSubmission(dir, index) {
	const base = bases[index % bases.length];
	cpSync(base, dir, {recursive: true});
	const app = join(dir, 'app.py');
	if (existsSync(app)) {
		let text = readFileSync(app, 'utf8');
		if (index % 7 === 0) text = text.replace('"/cleanup-cron"', '"/cleanup_cron"');
		text += `\n# submission ${index}: ${'x'.repeat(index % 50)}\n`;
		writeFileSync(app, text);
	}
	const cron = join(dir, 'components', 'cron-binding.yaml');
	if (existsSync(cron) && index % 5 === 0) writeFileSync(cron, readFileSync(cron, 'utf8').replace(/value: "[^"]*"(\s*\n\s*- name: direction)/, 'value: "*/5 * * * *"$1'));
}

const work = mkdtempSync(join(tmpdir(), 'dapr-labs-bench-grade-'));
try {
	const dirs = [];
	for (let index = 0; index < count; index++) {
		const dir = join(work, `student-${String(index).padStart(4, '0')}`);
		makeSubmission(dir, index);
		dirs.push(dir);
	}
	// Warm the file cache and node's compile cache for both sides.
	spawnSync(process.execPath, [bin, 'check', '--dir', dirs[0], '--format', 'json']);

	const gradeStart = performance.now();
	const graded = spawnSync(process.execPath, [bin, 'grade', work, '--format', 'json'], {maxBuffer: 1024 * 1024 * 1024});
	const gradeSeconds = (performance.now() - gradeStart) / 1000;
	if (graded.status !== 0 && graded.status !== 1) throw new Error(`grade exited with ${graded.status}: ${graded.stderr}`);
	const report = JSON.parse(graded.stdout.toString('utf8'));
	if (report.submissions.length !== count) throw new Error(`grade reported ${report.submissions.length} submissions, expected ${count}`);

	const checkStart = performance.now();
	for (const dir of dirs.slice(0, sample)) {
		const checked = spawnSync(process.execPath, [bin, 'check', '--dir', dir, '--format', 'json']);
		if (checked.status !== 0 && checked.status !== 1) throw new Error(`check exited with ${checked.status}: ${checked.stderr}`);
	}
	const checkSeconds = (performance.now() - checkStart) / 1000;

	const gradeRate = count / gradeSeconds;
	const checkRate = sample / checkSeconds;
	console.log(`${count} submissions (${report.summary.passed} pass, ${report.summary.failed} fail, ${report.summary.errored} error), ${availableParallelism()} cores, node ${process.version}, load average ${loadavg()[0].toFixed(1)}`);
	console.log(`grade: ${gradeSeconds.toFixed(2)} s for ${count}; check: ${sample} folders one process at a time in ${checkSeconds.toFixed(2)} s, rate extrapolated to all ${count}`);
	console.log(`grade: ${gradeRate.toFixed(0)} submissions/s; one check process at a time: ${checkRate.toFixed(1)} submissions/s; ratio ${(gradeRate / checkRate).toFixed(1)}`);
} finally {
	rmSync(work, {recursive: true, force: true});
}
