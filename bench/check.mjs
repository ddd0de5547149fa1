// Whole-process time of `check --format json` on a complete lab folder, as a ratio to bare `node -e 0`, both
// measured in the same run (median of RUNS each, interleaved so machine load affects both alike).
import {spawnSync} from 'node:child_process';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const check = [join(root, 'bin', 'dapr-labs.js'), 'check', '--format', 'json', '--lab', 'all', '--dir', 'labs/combined/solution'];

function time(args) {
	const start = process.hrtime.bigint();
	const child = spawnSync(process.execPath, args, {cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	if (child.error) throw child.error;
	return {ms, status: child.status, stderr: child.stderr.toString()};
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const probe = time(check);
// labs/combined/solution passes combined but not lab-a/lab-b's own checks only if content drifts; 0 or 1 both mean it ran.
if (probe.status !== 0 && probe.status !== 1) {
	process.stderr.write(`check failed (exit ${probe.status}):\n${probe.stderr}\n`);
	process.exit(2);
}
time(['-e', '0']);
const checkTimes = [];
const bareTimes = [];
for (let i = 0; i < RUNS; i++) {
	checkTimes.push(time(check).ms);
	bareTimes.push(time(['-e', '0']).ms);
}
const c = median(checkTimes);
const b = median(bareTimes);
console.log(`check: median ${c.toFixed(1)} ms, node -e 0 ${b.toFixed(1)} ms, ratio ${(c / b).toFixed(2)}`);
