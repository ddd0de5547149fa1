// `grade` throughput: 500 generated submissions graded by one `grade` process (worker threads across the cores),
// next to the same kind of folders checked by one `check` process at a time, measured in the same run.
// The one-at-a-time side checks the first SAMPLE folders only and extrapolates its rate (it would take minutes
// to run all 500); both rates are whole-process wall-clock rates.
// Usage: npm run build && node bench/grade.mjs [count] [sample]
// DAPR_LABS_BENCH_DIR=/some/dir keeps the generated folders there (and reuses them when the folder already holds
// `count` submissions), so that `grade --format json` outputs of two builds can be compared on the same class.
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

const bases = [join(root, 'labs', 'lab-a', 'solution'), join(root, 'labs', 'lab-b', 'solution'), join(root, 'labs', 'combined', 'solution'), join(root, 'labs', 'lab-a', 'starter'), join(root, 'labs', 'lab-b', 'starter'), join(root, 'labs', 'combined', 'starter')];

const SCHEDULES = ['@every 30s', '@every 10s', '@every 1m', '*/5 * * * *', '0 */2 * * * *', '@hourly', '@every 15s'];
const IMAGES = ['python:3.12-slim', 'python:3.11-slim', 'python:3.12', 'python:3.11-slim-bookworm'];
const URLS = ['https://httpbin.org/post', 'https://example.com/hooks/monitoring', 'http://localhost:9000/alerts'];

/** Rewrites the file at `path` (when it exists) with `change`. */
function edit(path, change) {
	if (existsSync(path)) writeFileSync(path, change(readFileSync(path, 'utf8')));
}

/**
 * Copies a base folder and varies it the way a class's submissions vary: every app.py differs (names, routes,
 * comments, blank lines), schedules, images, URLs and comments in the Dockerfile and components differ for part
 * of the class, and the rest keep the starter's text as given (which real classes do too). grade's parse memo
 * (runner/check-folder.ts) gets its hits only from the files that really are identical.
 */
function makeSubmission(dir, index) {
	const base = bases[index % bases.length];
	cpSync(base, dir, {recursive: true});
	edit(join(dir, 'app.py'), (text) => {
		if (index % 7 === 0) text = text.replace('"/cleanup-cron"', '"/cleanup_cron"');
		if (index % 3 === 1) text = text.replace(/def (\w+)\(/, `def $1_v${index}(`);
		if (index % 4 === 2) text = text.replace(/\n\n/, `\n\n# Student ${index}: my notes on the lab.\n\n`);
		if (index % 5 === 3) text = text.replace(/"status": "OK"/, `"status": "ok-${index}"`).replace(/\n(\s+)return /, `\n$1# done\n$1return `);
		if (index % 2 === 1) text = text.replaceAll('\n\n\n', '\n\n');
		return `${text}\n# submission ${index}: ${'x'.repeat(index % 50)}\n`;
	});
	edit(join(dir, 'components', 'cron-binding.yaml'), (text) => {
		if (index % 3 !== 0) text = text.replace(/value: "[^"]*"(\s*\n\s*- name: direction)/, `value: "${SCHEDULES[index % SCHEDULES.length]}"$1`);
		if (index % 4 === 1) text = `# cron for student ${index}\n${text}`;
		return text;
	});
	edit(join(dir, 'components', 'http-binding.yaml'), (text) => (index % 2 === 0 ? text.replace(/https?:\/\/[^"\s]+/, URLS[index % URLS.length]) : text));
	edit(join(dir, 'components', 'pubsub.yaml'), (text) => (index % 6 === 5 ? text.replace('localhost:6379', 'redis:6379') : text));
	edit(join(dir, 'Dockerfile'), (text) => {
		if (index % 2 === 0) text = text.replace(/^FROM \S+/m, `FROM ${IMAGES[index % IMAGES.length]}`);
		if (index % 5 === 4) text = `# Dockerfile of student ${index}\n${text}`;
		if (index % 3 === 2) text = text.replace(/\n/g, '\n\n');
		return text;
	});
}

const keep = process.env.DAPR_LABS_BENCH_DIR;
const work = keep ?? mkdtempSync(join(tmpdir(), 'dapr-labs-bench-grade-'));
try {
	const dirs = [];
	for (let index = 0; index < count; index++) {
		const dir = join(work, `student-${String(index).padStart(4, '0')}`);
		if (!keep || !existsSync(dir)) makeSubmission(dir, index);
		dirs.push(dir);
	}
	// How much text really repeats across the class (what grade's parse memo can reuse), per kind of file.
	const distinct = {};
	for (const dir of dirs) {
		for (const file of ['app.py', 'Dockerfile', 'components/cron-binding.yaml', 'components/http-binding.yaml', 'components/pubsub.yaml']) {
			const path = join(dir, file);
			if (!existsSync(path)) continue;
			distinct[file] ??= {files: 0, texts: new Set()};
			distinct[file].files++;
			distinct[file].texts.add(readFileSync(path, 'utf8'));
		}
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
	console.log(`distinct texts: ${Object.entries(distinct).map(([file, {files, texts}]) => `${file} ${texts.size}/${files}`).join(', ')}`);
	console.log(`grade: ${gradeSeconds.toFixed(2)} s for ${count}; check: ${sample} folders one process at a time in ${checkSeconds.toFixed(2)} s, rate extrapolated to all ${count}`);
	console.log(`grade: ${gradeRate.toFixed(0)} submissions/s; one check process at a time: ${checkRate.toFixed(1)} submissions/s; ratio ${(gradeRate / checkRate).toFixed(1)}`);
} finally {
	if (!keep) rmSync(work, {recursive: true, force: true});
}
