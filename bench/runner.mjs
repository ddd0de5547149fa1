// Runner benchmarks: the line classifier's throughput on a large debug-level `dapr run` log, against a bare line
// split over the same text, and the memory growth while tailing one million lines through BoundedTail.
// Run: node bench/runner.mjs  (node --expose-gc gives steadier memory numbers)
import {build} from 'esbuild';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundled = await build({
	stdin: {
		contents: "export {classifyLine} from './src/core/log/classify.ts'; export {BoundedTail} from './src/runner/log-store.ts';",
		resolveDir: root,
		loader: 'ts',
	},
	bundle: true,
	write: false,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	logLevel: 'error',
});
const {classifyLine, BoundedTail} = await import('data:text/javascript;base64,' + Buffer.from(bundled.outputFiles[0].text).toString('base64'));

// Memory first, before the throughput test allocates (and frees) its large text, which would skew rss.
// Memory: one million lines through a 2,000-line tail, generated on the fly so only the tail can hold them.
const gc = globalThis.gc ?? (() => {});
gc();
const before = process.memoryUsage();
const tail = new BoundedTail(2000);
for (let i = 0; i < 1_000_000; i++) tail.push(classifyLine(`time="2026-11-30T00:24:17Z" level=debug msg="name: cleanup-cron, schedule fired: line ${i}" app_id=cron-app scope=dapr.contrib type=log`));
gc();
const after = process.memoryUsage();
// A signed change: rss can shrink when the collector returns pages to the system (it printed "+-505 MB" when this ran
// after the throughput test, whose 1e6-line text was freed in between).
const mb = (bytes) => `${bytes < 0 ? '-' : '+'}${(Math.abs(bytes) / 1024 / 1024).toFixed(1)}`;
const memoryLine = `tail 1e6 lines: heap ${mb(after.heapUsed - before.heapUsed)} MB (bounded: ${tail.size} kept, ${tail.dropped.toLocaleString('en-US')} dropped), rss ${mb(after.rss - before.rss)} MB${globalThis.gc ? '' : ' (run with --expose-gc for steadier numbers)'}`;

// A debug-level run as daprd, the CLI and a uvicorn app print it: mostly logfmt debug lines.
function generate(lines) {
	const out = [];
	const time = '2026-11-30T00:24:17.920123456Z';
	const tail = 'app_id=cron-app instance=vm scope=dapr.runtime type=log ver=1.18.3';
	for (let i = 0; i < lines; i++) {
		const k = i % 20;
		if (k < 8) out.push(`time="${time}" level=debug msg="name: cleanup-cron, next run: 2026-11-30 00:24:${String(i % 60).padStart(2, '0')} +0000 UTC" app_id=cron-app component="cleanup-cron (bindings.cron/v1)" instance=vm scope=dapr.contrib type=log ver=1.18.3`);
		else if (k < 12) out.push(`time="${time}" level=debug msg="name: cleanup-cron, schedule fired: 2026-11-30 00:24:19 +0000 UTC" app_id=cron-app component="cleanup-cron (bindings.cron/v1)" instance=vm scope=dapr.contrib type=log ver=1.18.3`);
		else if (k < 14) out.push(`time="${time}" level=info msg="HTTP API Called" ${tail}`);
		else if (k === 14) out.push(`time="${time}" level=debug msg="error from app consumer for binding [cleanup-cron]: fails to send binding event to http app channel, status code: 404 body: {\\"detail\\":\\"Not Found\\"}" ${tail}`);
		else if (k === 15) out.push(`INFO:     127.0.0.1:${40000 + (i % 1000)} - "POST /cleanup-cron HTTP/1.1" 200 OK`);
		else if (k === 16) out.push(`INFO:app:CRON TRIGGERED at 2026-11-30T00:24:19.${i % 1000}`);
		else if (k === 17) out.push(`== APP == INFO:     127.0.0.1:5555 - "POST /cleanup-cron HTTP/1.1" 200 OK`);
		else if (k === 18) out.push('ℹ️  Updating metadata for appPID: 4268');
		else out.push(`time="${time}" level=info msg="successful init for input binding (cleanup-cron (bindings.cron/v1))" ${tail}`);
	}
	return out.join('\n') + '\n';
}

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const text = generate(LINES);

function timeIt(fn) {
	fn(); // warm-up
	const start = process.hrtime.bigint();
	const result = fn();
	return {ms: Number(process.hrtime.bigint() - start) / 1e6, result};
}

// Baseline: splitting the same text into lines and touching each one.
const baseline = timeIt(() => {
	let total = 0;
	for (const line of text.split('\n')) total += line.length;
	return total;
});
const classified = timeIt(() => {
	let events = 0;
	for (const line of text.split('\n')) if (classifyLine(line).event !== null) events++;
	return events;
});
const rate = Math.round(LINES / (classified.ms / 1000));
console.log(`classify: ${rate.toLocaleString('en-US')} lines/s (${LINES.toLocaleString('en-US')} lines in ${classified.ms.toFixed(0)} ms, ${classified.result.toLocaleString('en-US')} with events)`);
console.log(`baseline split: ${Math.round(LINES / (baseline.ms / 1000)).toLocaleString('en-US')} lines/s; classify costs ${(classified.ms / baseline.ms).toFixed(1)}x the bare split`);
console.log(memoryLine);
