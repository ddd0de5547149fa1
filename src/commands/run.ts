/**
 * `dapr-labs run <lab>` (declared in declarations/run.ts; text and JSON in report/run-formats.ts): runs a lab under
 * the real Dapr CLI and verifies it. Exit 0 verified, 1 the lab fails (run/* findings plus the static findings that
 * explain them), 2 not ready (env/* findings) or usage error. Ctrl-C and SIGTERM stop dapr, daprd and the app (the whole process group) before exiting.
 */
import {resolve} from 'node:path';
import type {RunCheck} from '../core/diagnose.js';
import type {RunEvent} from '../core/run-events.js';
import {stripControl} from '../core/text.js';
import type {LabId} from '../core/types.js';
import {runFormats} from '../report/run-formats.js';
import {loadLabs} from '../runner/labs-loader.js';
import {WorkspaceError} from '../runner/read-workspace.js';
import {recordRunResult} from '../runner/state-store.js';
import {runLab, type RunSpec} from '../runner/run-lab.js';
import {commandRunner} from './command.js';
import {runCommand} from './declarations/index.js';
import {UsageError} from './io.js';

function port(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`--${name} must be a port number (got "${stripControl(value)}").`);
	return n;
}

/** Runs `run`. */
export const run = commandRunner(runCommand, async ({values, positionals}, io) => {
	const lab = positionals[0]! as LabId;
	const format = runFormats[values.format]!;
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
		if (format.streams && name !== 'SIGHUP') io.err(`\ndapr-labs run: ${name} received, stopping dapr, daprd and the app...\n`);
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
			const text = format.event(event);
			if (text !== null) io.out(text + '\n');
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
	io.out(format.end({lab, status: result.status, command, checks, notes, findings: result.findings, logFile: result.logFile, interrupted: signalled, recorded}));
	if (signalled) return signalled === 'SIGINT' ? 130 : signalled === 'SIGHUP' ? 129 : 143;
	return result.status === 'pass' ? 0 : result.status === 'not-ready' ? 2 : 1;
});
