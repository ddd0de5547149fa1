/**
 * `dapr-labs start [--dir PATH] [--lab ID] [--watch]`: the workbook. On a terminal it draws the Ink app (loaded
 * lazily, so other commands never load Ink or React); otherwise it prints the same information as plain text once
 * (or, with --watch, a new block after every save until interrupted).
 */
import {stat} from 'node:fs/promises';
import {resolve} from 'node:path';
import {reduce, initialState} from '../core/session/reducer.js';
import {mergeRecordedRuns} from '../core/run-record.js';
import {formatPlain} from '../core/session/plain.js';
import type {Progress, SessionState} from '../core/session/state.js';
import type {LabId} from '../core/types.js';
import {loadLabs} from '../runner/labs-loader.js';
import {loadQuiz} from '../runner/quiz-loader.js';
import {loadProgress, readRunRecords, saveProgress} from '../runner/state-store.js';
import {watchFolder} from '../runner/watch.js';
import {labFilesIn, loadSolutions} from '../runner/workspace-writer.js';
import {loadOutsideCi} from './interactive.js';
import {asInvoked} from './invocation.js';
import {oneOf, parse, UsageError, useColor, type CommandIO} from './io.js';

const HELP = (LAB_IDS: readonly string[]) => `Usage: dapr-labs start [--dir PATH] [--lab ID] [--watch] [--room ADDRESS --name NAME]

Opens the workbook in this lab folder: labs, steps, a live checklist that re-checks on every save, hints,
solutions, the runtime check (r), and reference screens (cron, operations, troubleshooting, quiz).

  --dir PATH   The lab folder (default: the current folder).
  --lab ID     Open this lab at once: ${LAB_IDS.join(', ')}.
  --watch      When stdout is not a terminal: print a new block after every save instead of once.
  --room ADDR  Join a workshop room first (as \`dapr-labs join ADDR --name NAME\`) and share progress with it.
  --name NAME  Your name in the room (with --room).
`;

/** Everything a session starts from, read from disk. */
async function prepare(dir: string, lab: LabId | undefined, now: number, runnerAvailable: boolean): Promise<SessionState> {
	const labs = await loadLabs();
	const [quiz, solutions, loaded, files] = await Promise.all([loadQuiz().catch(() => []), loadSolutions(labs), loadProgress(dir), labFilesIn(dir)]);
	const warnings = [...(loaded.warning ? [loaded.warning] : []), ...(files.files.length === 0 && files.skipped.length === 0 ? [`This folder has no lab files yet. Run \`dapr-labs init --lab ${lab ?? 'lab-a'}\` here, or pass --dir.`] : [])];
	return initialState({labs, quiz, solutions, progress: loaded.progress, warnings, now, runnerAvailable, ...(lab ? {lab} : {})});
}

async function checkOnce(dir: string, signal?: AbortSignal) {
	// Loaded on the first check, after the first frame: the rules and parsers are not needed to draw it.
	const {checkFolder} = await import('../runner/check-folder.js');
	return (await checkFolder(dir, {workspaceLabel: '.', ...(signal ? {signal} : {})})).result;
}

/** Saves progress with what a `dapr-labs run` in another terminal recorded meanwhile (core/run-record.ts). */
async function saveMerged(dir: string, progress: Progress, labs: SessionState['labs']): Promise<void> {
	const runtimeSteps = Object.fromEntries(labs.map((def) => [def.id, def.steps.filter((step) => step.kind === 'runtime').map((step) => step.id)]));
	await saveProgress(dir, mergeRecordedRuns(progress, await readRunRecords(dir), runtimeSteps));
}

/** Plain-text mode: one block (or one per save with --watch). */
async function printPlain(dir: string, state: SessionState, io: CommandIO, watch: boolean): Promise<number> {
	const verdict = (from: SessionState, result: Awaited<ReturnType<typeof checkOnce>>) => reduce(reduce(from, {type: 'check-finished', result}), {type: 'follow'});
	let current = verdict(state, await checkOnce(dir));
	let printed = formatPlain(current);
	io.out(printed);
	await saveMerged(dir, current.progress, current.labs).catch(() => undefined);
	if (!watch) return 0;
	const controller = new AbortController();
	const stop = () => controller.abort();
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	let busy: Promise<void> = Promise.resolve();
	const watcher = watchFolder(dir, {
		signal: controller.signal,
		onChange: () => {
			busy = busy.then(async () => {
				if (controller.signal.aborted) return;
				try {
					current = verdict(current, await checkOnce(dir, controller.signal));
					// Only a changed verdict is printed: output redirected into the lab folder must not loop.
					const text = formatPlain(current);
					if (text === printed) return;
					printed = text;
					io.out('\n' + text);
					await saveMerged(dir, current.progress, current.labs);
				} catch (error) {
					if (!controller.signal.aborted) io.err(`dapr-labs start: ${error instanceof Error ? error.message : String(error)}\n`);
				}
			});
		},
	});
	await watcher.closed;
	await busy;
	process.off('SIGINT', stop);
	process.off('SIGTERM', stop);
	return 0;
}

/** The workbook UI, loaded outside Ink's CI detection (commands/interactive.ts). */
async function loadInteractiveUi(): Promise<typeof import('../ui/render.js')> {
	return loadOutsideCi(async () => {
		// The bundle with its V8 code cache (dist/ui-vm.js) when the build made one; the ES module otherwise.
		const {loadCachedModule} = await import('../runner/cached-module.js');
		const cached = loadCachedModule<typeof import('../ui/render.js')>('ui-vm', import.meta.url);
		return typeof cached?.renderWorkbook === 'function' ? cached : await import('../ui/render.js');
	});
}

export async function run(argv: readonly string[], io: CommandIO): Promise<number> {
	const LAB_IDS = (await loadLabs()).map((lab) => lab.id);
	const {values} = parse(argv, {dir: {type: 'string'}, lab: {type: 'string'}, watch: {type: 'boolean'}, room: {type: 'string'}, name: {type: 'string'}, help: {type: 'boolean', short: 'h'}}, false);
	if (values.help) {
		io.out(HELP(LAB_IDS));
		return 0;
	}
	const lab = values.lab === undefined ? undefined : oneOf('lab', values.lab, LAB_IDS, 'lab-a');
	const dir = resolve(io.cwd, values.dir ?? '.');
	const info = await stat(dir).catch(() => null);
	if (!info?.isDirectory()) throw new UsageError(`${values.dir ?? dir} is not a folder.`);
	const room = await import('./join.js').then((join) => join.joinForStart(dir, values.room, values.name));
	const tty = io.isTTY && Boolean(process.stdin.isTTY);
	// Ink and React take longer to load than the lab files take to read: start both at once.
	const ui = tty ? loadInteractiveUi() : null;
	const prepared = await prepare(dir, lab, Date.now(), true);
	// The warnings name commands: print them as the user can type them (`npx dapr-labs init` under npx).
	const invoked = {...prepared, warnings: prepared.warnings.map((warning) => asInvoked(warning, io.invocation ?? 'dapr-labs'))};
	const state = room ? {...invoked, warnings: [...invoked.warnings, room.label]} : invoked;
	if (!ui) {
		const code = await printPlain(dir, state, io, values.watch ?? false);
		if (room) {
			room.onState(reduce(reduce(state, {type: 'check-finished', result: await checkOnce(dir)}), {type: 'follow'}));
			await room.stop();
		}
		return code;
	}

	const {renderWorkbook} = await ui;
	// The runner drags in execa and the log classifier: loaded on the first r, not before the first frame.
	async function* runLab(id: LabId, signal: AbortSignal) {
		const runner = await import('../runner/run-lab.js');
		yield* runner.runLab({lab: id, dir, timeoutSec: 180}, signal);
	}
	// A closed terminal or a kill must still stop what the workbook started (dapr, the app), as q does.
	const stop = new AbortController();
	// process.on, not once: a second signal while dapr and the app are stopping must not kill Node before they are
	// gone. After SIGHUP the terminal is closed, so writes to it may fail: those errors are ignored.
	const onSignal = () => {
		for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
		stop.abort();
	};
	for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
	await renderWorkbook(
		state,
		{
			stop: stop.signal,
			check: (signal) => checkOnce(dir, signal),
			watch: (onChange, signal) => watchFolder(dir, {signal, onChange}),
			// Keep what a `dapr-labs run` in another terminal recorded meanwhile (core/run-record.ts).
			saveProgress: (progress) => saveMerged(dir, progress, state.labs),
			run: runLab,
			now: () => Date.now(),
			...(room ? {onState: room.onState} : {}),
		},
		{color: useColor(io)},
	);
	for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.off(signal, onSignal);
	await room?.stop();
	return 0;
}
