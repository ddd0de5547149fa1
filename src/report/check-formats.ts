/**
 * The `check --format` registry: format name → formatter. Adding a format is one entry here.
 */
import type {LabDef} from '../core/labs.js';
import type {CheckResult} from '../core/result.js';
import type {Workspace} from '../core/types.js';
import {ruleById} from '../core/rules/index.js';
import {formatGithub} from './github.js';
import {formatJson} from './json.js';
import {formatJunit} from './junit.js';
import {formatSarif} from './sarif.js';
import {formatText} from './text.js';

/** What a formatter may use beyond the result. */
export type CheckFormatContext = {
	readonly workspace: Workspace;
	readonly labs: readonly LabDef[];
	readonly color: boolean;
	readonly env: Readonly<Record<string, string | undefined>>;
};

export type CheckFormatter = (result: CheckResult, context: CheckFormatContext) => string;

/** Every format `check --format` accepts. */
export const checkFormats: Readonly<Record<string, CheckFormatter>> = {
	text: (result, context) => formatText(result, {workspace: context.workspace, labs: context.labs, color: context.color}),
	json: (result) => formatJson(result),
	junit: (result, context) => formatJunit(result, {labs: context.labs}),
	sarif: (result) => formatSarif(result, {ruleMeta: (id) => ruleById(id)?.meta}),
	// The stop-commands token must be unguessable by the student whose text is printed inside the guard.
	// globalThis.crypto (Web Crypto) loads node's crypto module on first use only, so other formats never pay for it.
	github: (result) => formatGithub(result, {token: globalThis.crypto.randomUUID().replaceAll('-', '')}),
};
