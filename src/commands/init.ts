/**
 * `dapr-labs init [--lab ID] [--dir PATH] [--classroom [--action REF]]`: writes a lab's starter files (with
 * --classroom also the GitHub Classroom workflow and README) into a folder that holds none of them.
 * Never overwrites: when any file exists it names them and exits 2.
 */
import {mkdir} from 'node:fs/promises';
import {resolve} from 'node:path';
import {safeName, stripControl} from '../core/text.js';
import {writeStarter, WouldOverwriteError} from '../runner/workspace-writer.js';
import {DEFAULT_ACTION, isActionRef} from '../report/classroom-template.js';
import {stageClassroomStarter} from '../runner/classroom-starter.js';
import {loadLabs} from '../runner/labs-loader.js';
import {oneOf, parse, UsageError, type CommandIO} from './io.js';

const HELP = (LAB_IDS: readonly string[]) => `Usage: dapr-labs init [--lab ID] [--dir PATH] [--classroom [--action OWNER/REPO@REF]]

Writes the starter files of a lab into a folder (created when missing). Existing files are never overwritten.

  --lab ID     ${LAB_IDS.join(', ')} (default: lab-a).
  --dir PATH   The folder (default: the current folder).
  --classroom  Also write .github/workflows/classroom.yml (GitHub Classroom autograding with the dapr-labs
               action and the autograding reporter) and a README saying how to use the folder as an assignment's
               template repository.
  --action REF The dapr-labs action the workflow uses (default: ${DEFAULT_ACTION}).
`;

/** Runs the command. */
export async function run(argv: readonly string[], io: CommandIO): Promise<number> {
	const LAB_IDS = (await loadLabs()).map((lab) => lab.id);
	const {values} = parse(argv, {lab: {type: 'string'}, dir: {type: 'string'}, classroom: {type: 'boolean'}, action: {type: 'string'}, help: {type: 'boolean', short: 'h'}}, false);
	if (values.help) {
		io.out(HELP(LAB_IDS));
		return 0;
	}
	const lab = oneOf('lab', values.lab, LAB_IDS, 'lab-a');
	const action = values.action ?? DEFAULT_ACTION;
	if (values.action !== undefined && !values.classroom) throw new UsageError('--action goes with --classroom.');
	if (!isActionRef(action)) throw new UsageError(`--action must be an action reference such as ${DEFAULT_ACTION} (got "${stripControl(action)}").`);
	const dir = resolve(io.cwd, values.dir ?? '.');
	// --classroom: the starter and the Classroom files are staged together and written by the same writer.
	const def = values.classroom ? (await loadLabs()).find((candidate) => candidate.id === lab) : undefined;
	const staged = def ? await stageClassroomStarter(def, action) : undefined;
	try {
		await mkdir(dir, {recursive: true});
		const {written} = await writeStarter(dir, lab, ...(staged ? [staged.root] : []));
		// "cd into the folder" only when the files went somewhere else than where the user is.
		const next = dir === resolve(io.cwd) ? 'Next: run `dapr-labs start` here.' : `Next: \`cd ${shellWord(values.dir ?? '.')}\` and run \`dapr-labs start\`.`;
		io.out(`Wrote the ${lab} starter into ${values.dir ?? '.'}:\n${written.map((file) => `  ${file}\n`).join('')}\n${next}\n`);
		if (staged) io.out('The Classroom workflow is .github/workflows/classroom.yml; README.md says how to make this folder an assignment\'s template repository.\n');
		return 0;
	} catch (error) {
		if (error instanceof WouldOverwriteError) {
			const exist = error.files.length ? `these files already exist and would be overwritten:\n${error.files.map((file) => `  ${safeName(file)}\n`).join('')}` : '';
			const blocked = error.blocked.length ? `${exist ? 'and ' : ''}these paths cannot be written safely:\n${error.blocked.map((entry) => `  ${safeName(entry.reason)}\n`).join('')}` : '';
			io.err(`dapr-labs init: ${exist}${blocked}Nothing was written. Use an empty folder (--dir PATH), or \`dapr-labs catch-up\` to bring this folder to a step.\n`);
			return 2;
		}
		const code = (error as NodeJS.ErrnoException).code;
		if (typeof code === 'string') {
			const path = (error as NodeJS.ErrnoException).path ?? dir;
			io.err(`dapr-labs init: cannot write ${safeName(path)} (${code}). Check that the folder is yours and writable (or pass another --dir), then run init again.\n`);
			return 2;
		}
		throw error;
	} finally {
		await staged?.cleanup();
	}
}

/** A path as a shell word (quoted when it holds anything but safe characters). */
function shellWord(path: string): string {
	path = stripControl(path);
	return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}
