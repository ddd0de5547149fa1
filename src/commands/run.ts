/**
 * `dapr-labs run <lab-a|lab-b|combined>`: runs a lab under the real Dapr CLI and verifies it. Exit 0 verified,
 * 1 the lab fails (run/* findings plus the static findings that explain them), 2 not ready (env/* findings) or
 * usage error. Ctrl-C and SIGTERM stop dapr, daprd and the app (the whole process group) before exiting.
 */
import {resolve} from 'node:path';
import type {RunCheck} from '../core/diagnose.js';
import type {ClassifiedLine, RunEvent} from '../core/run-events.js';
import {stripControl} from '../core/text.js';
import {findingPlace, type Finding, type LabId} from '../core/types.js';
import {loadLabs} from '../runner/labs-loader.js';
import {WorkspaceError} from '../runner/read-workspace.js';
import {recordRunResult} from '../runner/state-store.js';
import {runLab, type RunSpec} from '../runner/run-lab.js';
import {oneOf, parse, UsageError, type CommandIO} from './io.js';

const USAGE = `Usage: dapr-labs run <lab-a|lab-b|combined> [--dir PATH] [--timeout SEC] [--format text|json]
                     [--python PATH] [--app-port N] [--dapr-http-port N] [--dapr-grpc-port N] [--no-build]

Runs the lab folder's app under \`dapr run\` (daprd at --log-level debug, because daprd reports failed deliveries
to the app only at debug), watches the sidecar and app output, and verifies the lab:
  lab-a     two cron events delivered at the schedule's interval (long schedules are rehearsed with @every 2s
            in a temporary copy of the components; your files are never edited)
  lab-b     POST /tasks/task-42/complete answers, and a local webhook receiver (standing in for httpbin.org)
            gets {"event": "task.completed", "task_id": "task-42"}
  combined  both, plus the published events read back from Redis (XRANGE task-events)
Options:
  --dir             the lab folder (default: the current folder)
  --timeout         seconds before giving up (default: 90)
  --format          text (streams the output) or json (one document at the end)
  --python          the Python to run the app with (default: the first that imports fastapi and uvicorn)
  --app-port, --dapr-http-port, --dapr-grpc-port   (defaults 8000, 3500, 50001)
  --no-build        skip \`docker build\`
Every run's full output is kept in .dapr-labs/logs/ (see \`dapr-labs logs\`).
Exit codes: 0 verified, 1 the lab fails, 2 not ready or usage error.`;

function port(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`--${name} must be a port number (got "${stripControl(value)}").`);
	return n;
}

/** Renders one event as text lines (no trailing newline), or null when the text front end shows nothing for it. */
export function formatRunEvent(event: RunEvent): string | null {
	switch (event.type) {
		case 'phase':
			return `» ${event.message}`;
		case 'command':
			return `$ ${event.argv.map(shellQuote).join(' ')}`;
		case 'line':
			// Blank lines (the CLI's trailing newlines) carry nothing; the log file keeps them.
			return event.line.text.trim() === '' ? null : formatLine(event.line);
		case 'trigger':
			return `✔ trigger ${event.index} at ${event.at}`;
		case 'expect':
			return `… expecting ${event.what} by ${event.deadline}`;
		case 'check':
			return `${event.status === 'pass' ? '✔' : event.status === 'fail' ? '✘' : '-'} ${stripControl(event.message)}`;
		case 'note':
			return `ℹ ${stripControl(event.message)}`;
		case 'finding':
		case 'result':
			return null;
	}
}

function formatLine(line: ClassifiedLine): string {
	const tag = line.source === 'daprd' ? `daprd ${line.level ?? ''}`.trim() : line.source;
	return `  [${tag}] ${stripControl(line.text)}`;
}

function shellQuote(arg: string): string {
	return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

/** `file:line:col  error  message  [rule]` plus the hint. */
export function formatFinding(finding: Finding): string {
	const where = findingPlace(finding);
	const hint = finding.hint ? `\n      hint: ${stripControl(finding.hint)}` : '';
	return `  ${where}  ${finding.severity}  ${stripControl(finding.message)}  [${finding.ruleId}]${hint}`;
}

/** Runs `run`. */
export async function run(argv: readonly string[], io: CommandIO): Promise<number> {
	const LAB_IDS = (await loadLabs()).map((lab) => lab.id);
	const {values, positionals} = parse(argv, {
		dir: {type: 'string'},
		timeout: {type: 'string'},
		format: {type: 'string'},
		python: {type: 'string'},
		'app-port': {type: 'string'},
		'dapr-http-port': {type: 'string'},
		'dapr-grpc-port': {type: 'string'},
		'no-build': {type: 'boolean'},
		help: {type: 'boolean', short: 'h'},
	});
	if (values.help) {
		io.out(USAGE + '\n');
		return 0;
	}
	if (positionals.length !== 1) throw new UsageError(`expected one lab (${LAB_IDS.join(', ')}).\n\n${USAGE}`);
	const lab = oneOf<LabId>('lab', positionals[0], LAB_IDS, 'lab-a');
	const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
	const timeoutSec = values.timeout === undefined ? 90 : Number(values.timeout);
	if (!Number.isFinite(timeoutSec) || timeoutSec <= 0) throw new UsageError(`--timeout must be a positive number of seconds (got "${stripControl(values.timeout ?? '')}").`);
	const spec: RunSpec = {
		lab,
		dir: resolve(io.cwd, values.dir ?? '.'),
		timeoutSec,
		appPort: port('app-port', values['app-port'], 8000),
		daprHttpPort: port('dapr-http-port', values['dapr-http-port'], 3500),
		daprGrpcPort: port('dapr-grpc-port', values['dapr-grpc-port'], 50001),
		...(values.python ? {python: values.python} : {}),
		build: values['no-build'] ? 'skip' : 'auto',
		env: io.env,
	};

	const controller = new AbortController();
	let signalled: NodeJS.Signals | null = null;
	const onSignal = (name: NodeJS.Signals) => {
		if (signalled) return;
		signalled = name;
		// After SIGHUP the terminal is gone: writing to it could raise EIO/EPIPE, so say nothing.
		if (format === 'text' && name !== 'SIGHUP') io.err(`\ndapr-labs run: ${name} received, stopping dapr, daprd and the app...\n`);
		controller.abort();
	};
	const onInt = () => onSignal('SIGINT');
	const onTerm = () => onSignal('SIGTERM');
	// A closed terminal (SIGHUP) stops the run like Ctrl-C: otherwise dapr and the app keep the ports.
	const onHup = () => {
		for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
		onSignal('SIGHUP');
	};
	process.on('SIGINT', onInt);
	process.on('SIGTERM', onTerm);
	process.on('SIGHUP', onHup);

	const checks: RunCheck[] = [];
	const notes: string[] = [];
	let command: readonly string[] | null = null;
	let result: Extract<RunEvent, {type: 'result'}> | null = null;
	try {
		for await (const event of runLab(spec, controller.signal)) {
			if (event.type === 'check') checks.push({id: event.id, status: event.status, message: event.message});
			if (event.type === 'note') notes.push(event.message);
			if (event.type === 'command') command = event.argv;
			if (event.type === 'result') result = event;
			if (format === 'text') {
				const text = formatRunEvent(event);
				if (text !== null) io.out(text + '\n');
			}
		}
	} catch (error) {
		if (error instanceof WorkspaceError) {
			io.err(`dapr-labs run: ${stripControl(error.message)}\n`);
			return 2;
		}
		throw error;
	} finally {
		process.off('SIGINT', onInt);
		process.off('SIGTERM', onTerm);
		process.off('SIGHUP', onHup);
	}
	if (!result) {
		io.err('dapr-labs run: the run ended without a result.\n');
		return 2;
	}
	// A finished run (not an interrupted or not-ready one) goes into the folder's progress, as the workbook's r does.
	let recorded = false;
	if ((result.status === 'pass' || result.status === 'fail') && result.fingerprint) {
		try {
			const def = (await loadLabs()).find((candidate) => candidate.id === lab);
			if (def) {
				await recordRunResult(spec.dir, lab, {status: result.status, at: new Date().toISOString(), fingerprint: result.fingerprint}, def.steps.filter((step) => step.kind === 'runtime').map((step) => step.id), def.steps.map((step) => step.id));
				recorded = true;
			}
		} catch (error) {
			io.err(`dapr-labs run: could not record the result in .dapr-labs/state.json: ${stripControl(error instanceof Error ? error.message : String(error))}\n`);
		}
	}
	if (format === 'json') {
		io.out(JSON.stringify({tool: 'dapr-labs', lab, status: result.status, command, checks, notes, findings: result.findings, logFile: result.logFile, interrupted: signalled, recorded}, null, 2) + '\n');
	} else {
		if (result.findings.length > 0) io.out('\n' + result.findings.map(formatFinding).join('\n') + '\n');
		const verdict = result.status === 'pass' ? `${lab}: verified.` : result.status === 'interrupted' ? `${lab}: interrupted; nothing was judged.` : result.status === 'not-ready' ? `${lab}: not ready to run (fix the environment first; \`dapr-labs doctor\` checks it all).` : `${lab}: the lab does not work yet.`;
		const saved = recorded ? `\nRecorded in .dapr-labs/state.json: the workbook and \`dapr-labs check\` show it.` : '';
		io.out(`\n${verdict}${result.logFile ? `\nFull output: ${result.logFile}` : ''}${saved}\n`);
	}
	if (signalled) return signalled === 'SIGINT' ? 130 : signalled === 'SIGHUP' ? 129 : 143;
	return result.status === 'pass' ? 0 : result.status === 'not-ready' ? 2 : 1;
}
