#!/usr/bin/env node
// The script behind action.yml (the dapr-labs GitHub Action). It runs the built CLI (bin/dapr-labs.js next to it)
// on the student's lab folder:
//   mode check: `check --format github` (annotations), `check --format sarif` into a file; exit 1 when the lab fails.
//   mode grade: the same annotations and SARIF, then `grade --format classroom` and the step output `result`: the
//               base64 of that JSON, which GitHub Classroom's autograding reporter decodes from <ID>_RESULTS.
//               Exit 0 whenever a result was written (the reporter decides pass or fail), as the runner actions do.
//   run true:   first `dapr-labs run <lab> --format json` (the composite action installed the Dapr CLI and ran
//               `dapr init`); in grade mode its result is the evidence for the runtime steps, in check mode a
//               failed run fails the step.
// Inputs come from environment variables that action.yml sets (a composite action gets no INPUT_* variables):
// DAPR_LABS_LAB, DAPR_LABS_DIR, DAPR_LABS_MODE, DAPR_LABS_RUN, DAPR_LABS_RUN_ARGS, DAPR_LABS_PYTHON,
// DAPR_LABS_SARIF. GITHUB_OUTPUT is the runner's step-output file.
import {spawnSync} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'dapr-labs.js');
const LABS = await labIds(join(dirname(fileURLToPath(import.meta.url)), '..'));
const env = process.env;

/**
 * The package's labs in list order: every folder labs/<id>/ with a lab.yaml, sorted by its order: key (ties by id),
 * read from the build's dist/labs.json, or from the lab.yaml itself for a lab added after the build.
 */
async function labIds(root) {
	let built = {};
	try {
		built = JSON.parse(readFileSync(join(root, 'dist', 'labs.json'), 'utf8'));
	} catch {
		// no build output: every lab.yaml is read below
	}
	const folders = readdirSync(join(root, 'labs'), {withFileTypes: true}).filter((entry) => entry.isDirectory() && existsSync(join(root, 'labs', entry.name, 'lab.yaml')));
	const labs = [];
	for (const {name} of folders) {
		const order = Object.hasOwn(built, name) ? built[name].order : (await import('yaml')).parse(readFileSync(join(root, 'labs', name, 'lab.yaml'), 'utf8'))?.order;
		labs.push({id: name, order: typeof order === 'number' ? order : Number.POSITIVE_INFINITY});
	}
	return labs.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((lab) => lab.id);
}

/** Prints an error annotation (the text escaped as the runner requires) and exits. */
function fail(message, code = 2) {
	process.stdout.write(`::error title=dapr-labs::${escapeData(message)}\n`);
	process.exit(code);
}

function escapeData(text) {
	return String(text).replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Runs the CLI; stdout is inherited (annotations reach the runner) unless captured. */
function cli(args, {capture = false} = {}) {
	const result = spawnSync(process.execPath, [BIN, ...args], {stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: {...env, NO_COLOR: '1'}});
	if (result.error) fail(`could not start dapr-labs: ${result.error.message}`);
	return {code: result.status ?? 2, stdout: result.stdout ?? ''};
}

/** Appends one step output the way the runner reads $GITHUB_OUTPUT (name=value; the values here are one line). */
function setOutput(name, value) {
	if (!env.GITHUB_OUTPUT) {
		process.stdout.write(`(GITHUB_OUTPUT is not set; ${name} not written as a step output)\n`);
		return;
	}
	if (/[\r\n]/.test(value)) fail(`internal error: output ${name} spans lines.`);
	appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

/** Prints text inside a stop-commands guard, so student text (app output) cannot issue workflow commands. */
function printGuarded(title, text) {
	const token = randomUUID().replaceAll('-', '');
	process.stdout.write(`::group::${escapeData(title)}\n::stop-commands::${token}\n${text}${text.endsWith('\n') ? '' : '\n'}::${token}::\n::endgroup::\n`);
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) fail(`dapr-labs needs Node.js 20 or later; this runner has ${process.versions.node}. Add actions/setup-node (node-version: 20) before this step.`);

const lab = (env.DAPR_LABS_LAB ?? '').trim();
const dir = (env.DAPR_LABS_DIR ?? '').trim() || '.';
const mode = (env.DAPR_LABS_MODE ?? '').trim() || 'check';
const runOption = (env.DAPR_LABS_RUN ?? '').trim() || 'false';
const sarif = env.DAPR_LABS_SARIF === undefined ? 'dapr-labs.sarif' : env.DAPR_LABS_SARIF.trim();
const runArgs = (env.DAPR_LABS_RUN_ARGS ?? '').split(/\s+/).filter(Boolean);
const python = (env.DAPR_LABS_PYTHON ?? '').trim();
if (!LABS.includes(lab)) fail(`input lab must be one of ${LABS.join(', ')} (got "${lab}").`);
if (!['check', 'grade'].includes(mode)) fail(`input mode must be check or grade (got "${mode}").`);
if (!['true', 'false'].includes(runOption)) fail(`input run must be true or false (got "${runOption}").`);

// 1. Annotations on the student's lines (the github format guards its own output with stop-commands).
const check = cli(['check', '--lab', lab, '--dir', dir, '--format', 'github']);
if (check.code === 2) fail(`dapr-labs check could not check ${dir} (see the message above).`);

// 2. SARIF for code scanning.
if (sarif !== '') {
	const report = cli(['check', '--lab', lab, '--dir', dir, '--format', 'sarif'], {capture: true});
	if (report.code === 2) fail('dapr-labs check --format sarif failed (see the message above).');
	writeFileSync(resolve(sarif), report.stdout);
	setOutput('sarif-file', sarif);
}

// 3. The run, when asked for.
const scratch = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'dapr-labs-action-'));
process.on('exit', () => rmSync(scratch, {recursive: true, force: true}));
let runCode = 0;
let runFile = null;
{
	// (a block, so the steps below read as one sequence; every exit removes the scratch folder)
	if (runOption === 'true') {
		const args = ['run', lab, '--dir', dir, '--format', 'json', ...(python ? ['--python', python] : []), ...runArgs];
		process.stdout.write(`dapr-labs ${args.join(' ')}\n`);
		const run = cli(args, {capture: true});
		runCode = run.code;
		let parsed = null;
		try {
			parsed = JSON.parse(run.stdout);
		} catch {
			// Usage errors and crashes print no JSON; the message went to stderr.
		}
		if (!parsed) fail(`dapr-labs run ${lab} produced no result (exit ${run.code}; see the message above).`);
		runFile = join(scratch, 'run.json');
		writeFileSync(runFile, run.stdout);
		const failed = (parsed.checks ?? []).filter((c) => c.status === 'fail').map((c) => `  ✘ ${c.id}: ${c.message}`);
		const findings = (parsed.findings ?? []).map((f) => `  ${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.message}  [${f.ruleId}]`);
		printGuarded(`dapr-labs run ${lab}: ${parsed.status}`, [`status: ${parsed.status}`, ...failed, ...findings].join('\n'));
		if (parsed.logFile) {
			let log = '';
			try {
				log = readFileSync(parsed.logFile, 'utf8');
			} catch {
				// The log is a convenience; the result above is what counts.
			}
			if (log) printGuarded(`dapr-labs run ${lab}: full output`, log.length > 200_000 ? log.slice(-200_000) : log);
		}
	}

	if (mode === 'check') {
		const code = check.code !== 0 ? check.code : runCode !== 0 ? 1 : 0;
		process.exit(code);
	}

	// 4. Grade for GitHub Classroom.
	const gradeArgs = ['grade', dir, '--lab', lab, '--format', 'classroom', ...(runFile ? ['--run-result', runFile] : [])];
	const graded = cli(gradeArgs, {capture: true});
	let result;
	try {
		result = JSON.parse(graded.stdout);
	} catch {
		fail(`dapr-labs grade produced no classroom result (exit ${graded.code}; see the message above).`);
	}
	const points = result.tests.reduce((sum, test) => sum + test.score, 0);
	setOutput('result', Buffer.from(JSON.stringify(result), 'utf8').toString('base64'));
	setOutput('points', String(points));
	setOutput('max-points', String(result.max_score));
	const rows = result.tests.map((test) => `${test.status === 'pass' ? '✔' : test.status === 'error' ? '!' : '✘'} ${test.name}  ${test.score}/${test.max_score}`);
	process.stdout.write(`${rows.join('\n')}\ndapr-labs: Points ${points}/${result.max_score} (${result.status})\n`);
	if (env.GITHUB_STEP_SUMMARY) {
		const cell = (text) => String(text).replace(/[|<>\r\n]/g, ' ');
		const table = result.tests.map((test) => `| ${cell(test.name)} | ${test.status} | ${test.score} / ${test.max_score} |`).join('\n');
		appendFileSync(env.GITHUB_STEP_SUMMARY, `### dapr-labs ${lab}: ${points} / ${result.max_score} points\n\n| Test | Status | Points |\n|---|---|---|\n${table}\n\n`);
	}
	process.exit(0);
}
