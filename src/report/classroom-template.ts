/**
 * The GitHub Classroom starter files that `init --classroom` adds: `templates/classroom/classroom.yml` (written as
 * `.github/workflows/classroom.yml`) and `templates/classroom/README.md`, with the lab and the action filled in.
 * Pure: the runner reads the templates and writes the files.
 */
import type {LabDef} from '../core/labs.js';

/** Where the dapr-labs action lives (`uses:`), unless `init --action` names another (a fork, a pinned release). */
export const DEFAULT_ACTION = 'dapr-labs/dapr-labs@v1';

/** The templates, by the path each is written to in the student's folder. */
export const CLASSROOM_TEMPLATES: Readonly<Record<string, string>> = {
	'.github/workflows/classroom.yml': 'classroom.yml',
	'README.md': 'README.md',
};

/**
 * Whether `ref` is a `uses:` reference to an action in a repository: `owner/repo@ref` or `owner/repo/path@ref`
 * (GitHub's owner and repository name characters; a ref of letters, digits, `.`, `_`, `-` and `/`).
 */
export function isActionRef(ref: string): boolean {
	return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}(?:\/[A-Za-z0-9._-]+)*@[A-Za-z0-9._/-]{1,200}$/.test(ref) && !ref.includes('..');
}

/** Fills a template: __LAB__, __TITLE__, __MAX__ (the lab's points) and __ACTION__. */
export function renderClassroomTemplate(template: string, lab: LabDef, action: string = DEFAULT_ACTION): string {
	if (!isActionRef(action)) throw new RangeError(`Not an action reference (owner/repo@ref): ${action}`);
	const max = lab.steps.reduce((sum, step) => sum + step.points, 0);
	return template.replaceAll('__LAB__', lab.id).replaceAll('__TITLE__', lab.title).replaceAll('__MAX__', String(max)).replaceAll('__ACTION__', action);
}
