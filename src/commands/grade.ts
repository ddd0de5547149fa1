/**
 * `dapr-labs grade <folder-or-archive>... [--lab ID|all] [--format table|json|csv|junit|markdown|classroom]
 * [--out FILE] [--jobs N] [--run-result FILE]`: grades many submissions with the check rules, in parallel,
 * without running any of their code. Exit 0 when every submission passes, 1 when any fails or cannot be graded,
 * 2 for usage errors.
 */
import {randomUUID} from 'node:crypto';
import {readFile, rename, rm, writeFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import {gradeReport, submissionStatus, type GradeReport} from '../core/grade.js';
import type {LabDef} from '../core/labs.js';
import {stripControl} from '../core/text.js';
import type {LabId} from '../core/types.js';
import {formatGradeClassroom, parseRunEvidence, type RunEvidence} from '../report/classroom.js';
import {formatGradeCsv} from '../report/csv.js';
import {formatGradeJson} from '../report/grade-json.js';
import {formatGradeJunit} from '../report/junit.js';
import {formatGradeMarkdown} from '../report/markdown.js';
import {formatGradeTable} from '../report/table.js';
import {discoverSubmissions, gradeAll} from '../runner/grade.js';
import {loadLabs} from '../runner/labs-loader.js';
import {oneOf, parse, UsageError, type CommandIO} from './io.js';

type Formatter = (report: GradeReport, labs: readonly LabDef[], runs: readonly RunEvidence[]) => string;

/** Every format `grade --format` accepts. */
export const gradeFormats: Readonly<Record<string, Formatter>> = {
	table: (report) => formatGradeTable(report),
	json: (report) => formatGradeJson(report),
	csv: (report) => formatGradeCsv(report),
	junit: (report, labs) => formatGradeJunit(report, {labs}),
	markdown: (report) => formatGradeMarkdown(report),
	classroom: (report, labs, runs) => formatGradeClassroom(report, {labs, runs}),
};

const USAGE = `Usage: dapr-labs grade <folder-or-archive>... [--lab lab-a|lab-b|combined|all] [--format ${Object.keys(gradeFormats).join('|')}] [--out FILE] [--jobs N] [--run-result FILE]

Grades submissions by the lab rules; never runs their code. Each argument is a submission folder, a folder of
submission folders, or a .zip / .tar / .tar.gz / .tgz archive (extracted with limits on size, count and paths).
  --lab     which lab to grade (default: all)
  --format  output format (default: table)
  --out     write the report to FILE instead of standard output
  --jobs    parallel graders (default: the number of cores)
  --run-result FILE  classroom format, one submission: the output of \`dapr-labs run <lab> --format json\`
            for it. Runtime steps score only on such evidence (repeat the option for several labs).
Exit codes: 0 every submission passes, 1 any fails or cannot be graded, 2 usage error.`;

/** Runs `grade`. */
export async function run(argv: readonly string[], io: CommandIO): Promise<number> {
	const LAB_IDS = (await loadLabs()).map((lab) => lab.id);
	const {values, positionals} = parse(argv, {
		lab: {type: 'string'},
		format: {type: 'string'},
		out: {type: 'string'},
		jobs: {type: 'string'},
		'run-result': {type: 'string', multiple: true},
		help: {type: 'boolean', short: 'h'},
	});
	if (values.help) {
		io.out(USAGE + '\n');
		return 0;
	}
	if (positionals.length === 0) throw new UsageError(`name at least one submission folder or archive.\n\n${USAGE}`);
	const lab = oneOf<LabId | 'all'>('lab', values.lab, [...LAB_IDS, 'all'], 'all');
	const format = oneOf('format', values.format, Object.keys(gradeFormats), 'table');
	let jobs: number | undefined;
	if (values.jobs !== undefined) {
		jobs = Number(values.jobs);
		if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs must be a whole number from 1 to 256 (got "${stripControl(values.jobs)}").`);
	}
	if (values.out === '') throw new UsageError('--out must not be empty.');
	const runFiles = values['run-result'] ?? [];
	if (runFiles.length > 0 && format !== 'classroom') throw new UsageError('--run-result goes with --format classroom.');
	const runs = await Promise.all(runFiles.map((file) => readRunEvidence(resolve(io.cwd, file), file)));
	let sources;
	try {
		sources = await discoverSubmissions(positionals, io.cwd);
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
	if (runs.length > 0 && sources.length !== 1) throw new UsageError(`--run-result needs exactly one submission (got ${sources.length}): a run verifies one lab folder.`);
	const progress = progressBar(io);
	// Ctrl-C, SIGTERM and a closed terminal stop the workers and remove the extracted submissions before exiting.
	const controller = new AbortController();
	let signalled: NodeJS.Signals | null = null;
	const onSignal = (name: NodeJS.Signals) => {
		if (signalled) return;
		signalled = name;
		controller.abort(new Error(`${name} received`));
	};
	const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((name) => [name, () => onSignal(name)] as const);
	for (const [name, handler] of handlers) process.on(name, handler);
	let submissions;
	try {
		submissions = await gradeAll(sources, {labs: lab === 'all' ? undefined : [lab], jobs, cwd: io.cwd, onProgress: progress.update, signal: controller.signal});
	} catch (error) {
		if (signalled) {
			progress.done();
			io.err(`dapr-labs grade: ${signalled} received; stopped, and the extracted submissions were removed.\n`);
			return signalled === 'SIGINT' ? 130 : signalled === 'SIGTERM' ? 143 : 129;
		}
		throw error;
	} finally {
		for (const [name, handler] of handlers) process.off(name, handler);
	}
	progress.done();
	const report = gradeReport(submissions);
	const text = gradeFormats[format]!(report, await loadLabs(), runs);
	if (values.out !== undefined) await writeAtomically(resolve(io.cwd, values.out), text);
	else io.out(text);
	return submissions.length > 0 && submissions.every((submission) => submissionStatus(submission) === 'pass') ? 0 : 1;
}

/** Reads one `--run-result` file; a missing or malformed file is a usage error naming it. */
async function readRunEvidence(path: string, given: string): Promise<RunEvidence> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		throw new UsageError(`--run-result ${stripControl(given)}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
	}
	try {
		return parseRunEvidence(text, (await loadLabs()).map((lab) => lab.id));
	} catch (error) {
		throw new UsageError(`--run-result ${stripControl(given)}: ${error instanceof Error ? error.message : String(error)}`);
	}
}

/**
 * A one-line progress bar on stderr, only when stderr is a terminal (never in CI logs or pipes); redrawn at most
 * every 50 ms so hundreds of submissions per second do not flood the terminal.
 */
function progressBar(io: CommandIO): {update: (done: number, total: number) => void; done: () => void} {
	const enabled = Boolean(process.stderr.isTTY) && io.env['CI'] === undefined && io.env['TERM'] !== 'dumb';
	if (!enabled) return {update: () => undefined, done: () => undefined};
	let last = 0;
	let drawn = false;
	return {
		update: (done, total) => {
			const now = Date.now();
			if (done < total && now - last < 50) return;
			last = now;
			const width = 30;
			const filled = total === 0 ? width : Math.round((done / total) * width);
			io.err(`\r\u001B[2Kgrading [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
			drawn = true;
		},
		done: () => {
			if (drawn) io.err('\r\u001B[2K');
		},
	};
}

/**
 * Writes the report as a whole or not at all: a temp file beside it, then rename (atomic on one file system), so two
 * graders writing the same --out never interleave and a reader never sees half a report.
 */
async function writeAtomically(path: string, text: string): Promise<void> {
	const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
	try {
		await writeFile(temp, text, {flag: 'wx'});
		await rename(temp, path);
	} catch (error) {
		await rm(temp, {force: true}).catch(() => undefined);
		throw error;
	}
}
