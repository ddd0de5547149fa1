/**
 * `init --classroom`: stages the lab's starter plus the Classroom files (workflow and README, rendered from
 * templates/classroom/) in a temporary package-shaped folder, so that `writeStarter` writes them all through its
 * one path: one clash check before anything is written, never overwriting.
 */
import {copyFile, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import type {LabDef} from '../core/labs.js';
import {CLASSROOM_TEMPLATES, renderClassroomTemplate} from '../report/classroom-template.js';
import {packageRoot} from './package-root.js';
import {listFiles, starterDir} from './workspace-writer.js';

export type StagedStarter = {
	/** A root to pass to writeStarter: it holds labs/<lab>/starter with the Classroom files added. */
	readonly root: string;
	readonly cleanup: () => Promise<void>;
};

/** Stages the starter of `lab` with the Classroom workflow (using `action`) and README. */
export async function stageClassroomStarter(lab: LabDef, action: string, root = packageRoot()): Promise<StagedStarter> {
	const staging = await mkdtemp(join(tmpdir(), 'dapr-labs-classroom-'));
	const cleanup = () => rm(staging, {recursive: true, force: true});
	try {
		const target = starterDir(lab.id, staging);
		const source = starterDir(lab.id, root);
		for (const file of await listFiles(source)) {
			await mkdir(dirname(join(target, file)), {recursive: true});
			await copyFile(join(source, file), join(target, file));
		}
		for (const [path, template] of Object.entries(CLASSROOM_TEMPLATES)) {
			const text = await readFile(join(root, 'templates', 'classroom', template), 'utf8');
			await mkdir(dirname(join(target, path)), {recursive: true});
			await writeFile(join(target, path), renderClassroomTemplate(text, lab, action), {flag: 'wx'});
		}
		return {root: staging, cleanup};
	} catch (error) {
		await cleanup();
		throw error;
	}
}
