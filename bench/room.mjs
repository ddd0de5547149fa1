// The workshop room under a class: the real `room serve` process (embedded store: NDJSON log, fdatasync per batch)
// on loopback, 500 simulated students.
//  1. ingest: every student posts 20 events, one per request as the workbook does after each save, all students at
//     once; events/s = acknowledged (durable) events / wall-clock time. Then the same as 100-event batches (a
//     workbook flushing what it queued while the room was away).
//  2. event -> page: while the 500 keep posting (one event each every 2 s), probes post an event and time until the
//     Server-Sent Events stream the instructor page follows delivers a grid that has it. Median and p99.
//  3. the server's peak RSS (VmHWM from /proc) after all of it.
// Usage: npm run build && node bench/room.mjs [students]
import {spawn} from 'node:child_process';
import {Agent, request} from 'node:http';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {randomUUID} from 'node:crypto';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin', 'dapr-labs.js');
const STUDENTS = Number(process.argv[2] ?? 500);
const PER_STUDENT = 20;
const PROBES = 200;
if (!existsSync(join(root, 'dist', 'cli.js'))) {
	console.error('bench/room.mjs: dist/cli.js is missing; run `npm run build` first.');
	process.exit(2);
}

const port = await new Promise((resolve) => {
	const server = createServer().listen(0, '127.0.0.1', () => {
		const {port} = server.address();
		server.close(() => resolve(port));
	});
});
const data = mkdtempSync(join(tmpdir(), 'dapr-labs-bench-room-'));
const child = spawn(process.execPath, [bin, 'room', 'serve', '--port', String(port), '--data', data], {stdio: ['ignore', 'pipe', 'inherit']});
let banner = '';
child.stdout.on('data', (chunk) => (banner += chunk));
for (let i = 0; i < 200 && !banner.includes('#token='); i++) await new Promise((resolve) => setTimeout(resolve, 50));
const join_ = /\/join\/([A-Za-z0-9_-]+)/.exec(banner)?.[1];
const instructor = /#token=([A-Za-z0-9_-]+)/.exec(banner)?.[1];
if (!join_ || !instructor) {
	console.error(`bench/room.mjs: the room did not start:\n${banner}`);
	child.kill('SIGKILL');
	process.exit(2);
}
let url = `http://127.0.0.1:${port}`;

const STEPS = ['component', 'handler', 'dockerfile', 'run', 'triggers'];
function checkEvent(student, name, round) {
	const at = STEPS[Math.min(4, Math.floor(round / 4))];
	const passed = STEPS.slice(0, STEPS.indexOf(at));
	return {
		kind: 'check',
		id: randomUUID(),
		student,
		name,
		at: Date.now(),
		lab: 'lab-a',
		step: at,
		steps: STEPS.map((id) => ({id, status: passed.includes(id) ? 'pass' : id === at ? 'fail' : 'todo', failing: id === at ? ['input-binding/route-mismatch'] : []})),
		findings: [{rule: 'input-binding/route-mismatch', file: 'app.py', line: 12, severity: 'error'}],
	};
}
// node:http with keep-alive: the load generator must not be the bottleneck (fetch costs ~4x more CPU per request,
// and the students' CPU is not the room's).
const agent = new Agent({keepAlive: true, maxSockets: 256});
function post(events) {
	return new Promise((resolve, reject) => {
		const req = request(`${url}/api/events`, {method: 'POST', agent, headers: {authorization: `Bearer ${join_}`, 'content-type': 'application/json'}}, (response) => {
			let text = '';
			response.setEncoding('utf8');
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () => (response.statusCode === 200 ? resolve(JSON.parse(text).added) : reject(new Error(`POST answered ${response.statusCode}: ${text}`))));
		});
		req.on('error', reject);
		req.end(JSON.stringify({events}));
	});
}
const students = Array.from({length: STUDENTS}, (_, index) => ({id: randomUUID(), name: `Student ${index + 1}`}));

// Warm-up (JIT, sockets): 2 events per student, not timed.
await Promise.all(students.map(async (student) => {
	for (let round = 0; round < 2; round++) await post([checkEvent(student.id, student.name, round)]);
}));

// 1. ingest, one event per request
let started = performance.now();
let added = 0;
await Promise.all(
	students.map(async (student) => {
		for (let round = 0; round < PER_STUDENT; round++) {
			const n = await post([checkEvent(student.id, student.name, round)]);
			added += n;
		}
	}),
);
const single = added / ((performance.now() - started) / 1000);
const load = (await import('node:os')).loadavg()[0].toFixed(1);
console.log(`ingest, one event per request: ${added} events from ${STUDENTS} students in ${((performance.now() - started) / 1000).toFixed(2)} s = ${Math.round(single)} events/s (target >= 2,000; load average ${load} on ${(await import('node:os')).availableParallelism()} cores)`);

// Baseline, same client, same requests: a bare node:http server in its own process that reads the body and answers
// at once (no framework, no validation, no store). The room's rate over this is its cost per request.
{
	const bare = spawn(process.execPath, ['-e', "const s=require('http').createServer((q,r)=>{q.resume();q.on('end',()=>{r.setHeader('content-type','application/json');r.end('{\"added\":1}')})}).listen(0,'127.0.0.1',()=>console.log(s.address().port))"], {stdio: ['ignore', 'pipe', 'inherit']});
	const barePort = await new Promise((resolve) => bare.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
	const roomUrl = url;
	url = `http://127.0.0.1:${barePort}`;
	const t0 = performance.now();
	let count = 0;
	await Promise.all(
		students.map(async (student) => {
			for (let round = 0; round < PER_STUDENT; round++) {
				const n = await post([checkEvent(student.id, student.name, round)]);
				count += n;
			}
		}),
	);
	const rate = count / ((performance.now() - t0) / 1000);
	console.log(`baseline, bare node:http that stores nothing, same client: ${Math.round(rate)} requests/s; the room reaches ${((single / rate) * 100).toFixed(0)}% of it`);
	url = roomUrl;
	bare.kill('SIGTERM');
}

// ... and in 100-event batches (a queue flushed after the room was away): 50 students x 100 events, twice.
started = performance.now();
added = 0;
await Promise.all(
	students.slice(0, 50).map(async (student) => {
		for (let round = 0; round < 2; round++) {
			const n = await post(Array.from({length: 100}, (_, index) => checkEvent(student.id, student.name, index % 20)));
			added += n;
		}
	}),
);
console.log(`ingest, 100-event batches: ${added} events in ${((performance.now() - started) / 1000).toFixed(2)} s = ${Math.round(added / ((performance.now() - started) / 1000))} events/s`);

// 2. event -> page update, under a steady class load
const stream = await fetch(`${url}/api/stream?token=${instructor}`);
const reader = stream.body.getReader();
const decoder = new TextDecoder();
let waiting = null;
let frames = 0;
(async () => {
	let buffer = '';
	for (;;) {
		const {value, done} = await reader.read();
		if (done) return;
		buffer += decoder.decode(value, {stream: true});
		let end;
		while ((end = buffer.indexOf('\n\n')) >= 0) {
			const frame = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			if (!frame.startsWith('event: grid')) continue;
			frames++;
			if (waiting && frame.includes(`"student":"${waiting.student}"`)) {
				waiting.resolve(performance.now());
				waiting = null;
			}
		}
	}
})();
let steady = true;
const background = Promise.all(
	students.map(async (student, index) => {
		await new Promise((resolve) => setTimeout(resolve, (index * 2000) / STUDENTS));
		for (let round = 0; steady; round++) {
			await post([checkEvent(student.id, student.name, round % 20)]);
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
	}),
);
await new Promise((resolve) => setTimeout(resolve, 2000));
const latencies = [];
for (let probe = 0; probe < PROBES; probe++) {
	const student = `probe-${probe}`;
	const seen = new Promise((resolve) => (waiting = {student, resolve}));
	const sent = performance.now();
	await post([checkEvent(student, `Probe ${probe}`, 0)]);
	latencies.push((await seen) - sent);
	await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
}
steady = false;
await background;
await reader.cancel();
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
console.log(`event -> page update (SSE grid frame), ${PROBES} probes while ${STUDENTS} students post every 2 s: median ${pct(50).toFixed(0)} ms, p99 ${pct(99).toFixed(0)} ms, max ${latencies.at(-1).toFixed(0)} ms (target p99 < 1000 ms; ${frames} frames)`);

// 3. peak memory
const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
const peak = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
const now = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
console.log(`room server memory with ${STUDENTS + PROBES} students: peak RSS ${(peak / 1024).toFixed(0)} MB, now ${(now / 1024).toFixed(0)} MB`);
agent.destroy();
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
rmSync(data, {recursive: true, force: true});
