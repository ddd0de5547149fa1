// Workbook latency, measured the way a student feels it: the real bin in a real terminal (tmux).
// - time to first frame: from starting a tmux session running `dapr-labs start` to the lab list on screen, against
//   the same for bare node printing the same text in the same kind of tmux session (so both pay tmux's start-up and
//   the terminal's drawing; the two alternate, five each, medians);
// - save to verdict: from writing app.py to the changed checklist on screen (median of 20 saves);
// with `node -e 0` start-up for reference, and ratio lines.
// Usage: node bench/workbook.mjs (after `npm run build`); exits 0 with a note when tmux is missing.
import {execFileSync, spawnSync} from 'node:child_process';
import {copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(root, 'bin', 'dapr-labs.js');
const SAVES = 20;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function hasTmux() {
	return spawnSync('tmux', ['-V']).status === 0;
}

if (!hasTmux()) {
	console.log('workbook bench: skipped (tmux is not installed).');
	process.exit(0);
}

const session = `dapr-labs-bench-${process.pid}`;
const capture = () => spawnSync('tmux', ['capture-pane', '-p', '-t', session], {encoding: 'utf8'}).stdout ?? '';
const alive = () => spawnSync('tmux', ['has-session', '-t', session]).status === 0;

function waitScreen(predicate, what, limitMs = 30_000) {
	const start = now();
	for (;;) {
		const screen = capture();
		if (predicate(screen)) return now();
		if (now() - start > limitMs) throw new Error(`timed out waiting for ${what}:\n${screen}`);
	}
}

function bareNode(runs = 10) {
	const times = [];
	for (let i = 0; i < runs; i++) {
		const start = now();
		spawnSync(process.execPath, ['-e', '0']);
		times.push(now() - start);
	}
	return median(times);
}

const dir = mkdtempSync(join(tmpdir(), 'dapr-labs-bench-lab-'));
try {
	execFileSync(process.execPath, [bin, 'init', '--lab', 'lab-a'], {cwd: dir, stdio: 'ignore'});
	copyFileSync(join(root, 'labs', 'lab-a', 'solution', 'components', 'cron-binding.yaml'), join(dir, 'components', 'cron-binding.yaml'));
	const app = readFileSync(join(dir, 'app.py'), 'utf8');
	const node = bareNode();

	// The text of the first frame, for the baseline to print.
	const startCommand = `cd '${dir}' && exec env -u CI -u CONTINUOUS_INTEGRATION '${process.execPath}' '${bin}' start`;
	execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '80', '-y', '24', startCommand]);
	waitScreen((s) => s.includes('Lab A: Cron input binding') && s.includes('q quit'), 'the first frame');
	const frameText = capture().trimEnd() + '\n';
	execFileSync('tmux', ['send-keys', '-t', session, 'q']);
	while (alive()) spawnSync('sleep', ['0.02']);
	const printer = join(dir, '.bench-print.cjs');
	writeFileSync(printer, `process.stdout.write(${JSON.stringify(frameText)}); setInterval(() => {}, 1 << 30);\n`);

	// First frame, alternating with the baseline: several starts each, medians.
	const firstFrames = [];
	const bareFrames = [];
	for (let i = 0; i < 5; i++) {
		let start = now();
		execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '80', '-y', '24', `exec '${process.execPath}' '${printer}'`]);
		bareFrames.push(waitScreen((s) => s.includes('Lab A: Cron input binding'), 'the bare frame') - start);
		spawnSync('tmux', ['kill-session', '-t', session]);
		while (alive()) spawnSync('sleep', ['0.02']);

		start = now();
		execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '80', '-y', '24', startCommand]);
		firstFrames.push(waitScreen((s) => s.includes('Lab A: Cron input binding'), 'the first frame') - start);
		execFileSync('tmux', ['send-keys', '-t', session, 'q']);
		while (alive()) spawnSync('sleep', ['0.02']);
	}

	// Save to verdict: the handler step stays failing while the route changes, so each save has its own verdict.
	execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '120', '-y', '40', `cd '${dir}' && exec env -u CI -u CONTINUOUS_INTEGRATION '${process.execPath}' '${bin}' start --lab lab-a`]);
	waitScreen((s) => s.includes('2. Write the POST handler') && s.includes('problem to fix'), 'the handler step');
	const saves = [];
	for (let i = 0; i < SAVES; i++) {
		const route = `/cleanup_cron_${i}`;
		const start = now();
		writeFileSync(join(dir, 'app.py'), app.replace('"/cleanup_cron"', JSON.stringify(route)));
		saves.push(waitScreen((s) => s.includes(`"${route}"`), `the verdict for save ${i + 1}`) - start);
	}
	execFileSync('tmux', ['send-keys', '-t', session, 'q']);
	while (alive()) spawnSync('sleep', ['0.02']);

	const first = median(firstFrames);
	const bare = median(bareFrames);
	const save = median(saves);
	console.log(`bare node start-up (node -e 0), median of 10: ${node.toFixed(1)} ms (for reference)`);
	console.log(`bare node printing the same first frame in tmux, median of ${bareFrames.length}: ${bare.toFixed(1)} ms`);
	console.log(`workbook time to first frame in tmux, median of ${firstFrames.length}: ${first.toFixed(1)} ms`);
	console.log(`workbook save to verdict on screen, median of ${SAVES}: ${save.toFixed(1)} ms (min ${Math.min(...saves).toFixed(1)}, max ${Math.max(...saves).toFixed(1)})`);
	console.log(`ratio first frame / bare node printing it (like for like): ${(first / bare).toFixed(2)}x`);
	console.log(`ratio save to verdict / bare node start-up: ${(save / node).toFixed(2)}x`);
} finally {
	if (alive()) spawnSync('tmux', ['kill-session', '-t', session]);
	rmSync(dir, {recursive: true, force: true});
}
