/**
 * The temporary copy of a lab's components/ that a run starts daprd with, with some metadata values rewritten (a
 * rehearsal schedule, the local receiver's URL): the student's files are never edited.
 */
import {mkdir, mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {isMap, isSeq, parseAllDocuments} from 'yaml';
import type {Workspace} from '../core/types.js';

/** One value to set: metadata item `key` of the component named `component` (added when absent). */
export type ResolvedEdit = {readonly component: string; readonly key: string; readonly value: string};

/**
 * Writes the copy under a new temporary folder and returns its components/ path. `made` gets the temporary folder as
 * soon as it exists, so the caller removes it even when a later write fails.
 */
export async function temporaryComponents(workspace: Workspace, edits: readonly ResolvedEdit[], made: (base: string) => void): Promise<string> {
	const base = await mkdtemp(join(tmpdir(), 'dapr-labs-run-'));
	made(base);
	const target = join(base, 'components');
	await mkdir(target);
	// The component files as the safe reader read them (regular files inside the folder, capped): a FIFO, a device
	// or a link out of the folder in components/ is never opened here (a FIFO once hung the run in this step).
	for (const file of workspace.files.values()) {
		if (!file.path.startsWith('components/') || file.kind !== 'text') continue;
		const name = file.path.slice('components/'.length);
		const text = file.text;
		const docs = parseAllDocuments(text);
		if (!Array.isArray(docs)) {
			await writeFile(join(target, name), text);
			continue;
		}
		let changed = false;
		for (const doc of docs) {
			const componentName = doc.getIn(['metadata', 'name']);
			const metadata = doc.getIn(['spec', 'metadata']);
			if (!isSeq(metadata)) continue;
			for (const edit of edits) {
				if (componentName !== edit.component) continue;
				let found = false;
				for (const item of metadata.items) {
					if (isMap(item) && item.get('name') === edit.key) {
						item.set('value', edit.value);
						found = true;
					}
				}
				if (!found) metadata.add(doc.createNode({name: edit.key, value: edit.value}));
				changed = true;
			}
		}
		await writeFile(join(target, name), changed ? docs.map((doc) => doc.toString()).join(docs.length > 1 ? '---\n' : '') : text);
	}
	return target;
}
