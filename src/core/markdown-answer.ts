/**
 * `review`: grading an assistant's Markdown answer by the lab rules. Pure.
 *
 * 1. extractCodeBlocks: a fence scanner after CommonMark (``` and ~~~ fences of three or more, info strings, a
 *    closing fence of the same character at least as long, an unclosed fence running to the end). It is more
 *    tolerant than CommonMark in one way: a fence may be indented by any amount, because assistants nest code in
 *    numbered lists; the fence's indentation is removed from its content lines. A hand-written scanner is used
 *    rather than a Markdown parser package because review needs only fences and their exact line numbers.
 * 2. answerWorkspace: a virtual lab folder from the blocks, with a lineMap so findings point at the Markdown's own
 *    lines (columns are those of the block's content, after the fence's indentation is removed):
 *    - YAML blocks that look like Dapr components → `components/<file>.yaml`, named by the file the answer gives
 *      (a preceding line such as "Create `components/cron.yaml`:", an info-string `title=`, or a first-line
 *      comment `# components/cron.yaml`), else by metadata.name, else `component-<n>.yaml`. A later block with the
 *      same file name replaces the earlier one (a corrected version).
 *    - Python blocks → `app.py`: concatenated in answer order, because assistants split one file over several
 *      blocks ("the imports", "the handler"); a later block that creates the app again (`FastAPI(`, `Flask(`,
 *      `App(`) starts the file over, since it is a complete new version. Blocks named for another .py file are
 *      left out when there are others. The file keeps the answer's line numbers: the lines between blocks become
 *      blank lines, which Python ignores, so one offset maps every line back.
 *    - Dockerfile blocks → `Dockerfile` (the last one); a block named requirements*.txt → that file.
 * 3. reviewAnswer: chooses the lab from the labs' requiredComponents (core/lab-guess.ts: the lab whose needs
 *    beyond its trigger the answer meets, the most of them: an output binding by `invoke_binding` or a
 *    bindings.http component, a pub/sub by `publish_event` or a pubsub.* component), checks the folder with
 *    checkWorkspace, and answers the lesson's questions from the findings of every lab's rules (so the endpoint
 *    question is answered even for a lab whose steps do not gate the input binding).
 */
import {analyzeWorkspace} from './analyze.js';
import {checkWorkspace} from './check.js';
import {guessLab} from './lab-guess.js';
import type {LabDef} from './labs.js';
import type {CheckResult} from './result.js';
import {stripControl} from './text.js';
import type {Finding, LabId, SourceFile, Workspace} from './types.js';

export type BlockLanguage = 'yaml' | 'python' | 'dockerfile' | 'shell' | 'text' | 'other';

/** One fenced code block of the answer. */
export type CodeBlock = {
	/** 0-based index among the answer's blocks. */
	readonly index: number;
	/** The info string after the opening fence, trimmed and free of control characters. */
	readonly info: string;
	readonly language: BlockLanguage;
	/** Whether the language came from the info string (false: guessed from the content). */
	readonly tagged: boolean;
	/** The content, with the fence's indentation removed from each line. */
	readonly text: string;
	/** 1-based Markdown line of the opening fence; content starts on the next line. */
	readonly fenceLine: number;
	/** 1-based Markdown line of the last content line (the fence line for an empty block). */
	readonly endLine: number;
	readonly closed: boolean;
	/** A file name the answer gives for this block, if any (`components/cron.yaml`, `app.py`, `Dockerfile`). */
	readonly fileName: string | null;
};

const FENCE = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const FILE_NAME = /(?:^|[\s`*"'(/\\:=])((?:[\w.-]+\/)*(?:Dockerfile|[\w.-]+\.(?:ya?ml|py|txt)))(?=$|[\s`*"'),:;!?]|\.(?:\s|$))/g;

/** The largest virtual file checked, as for a lab folder's files (1 MiB). */
const MAX_ANSWER_FILE_CHARS = 1024 * 1024;

/** How much of a prose line is searched for a file name (see fileNameOf). */
const PROSE_TAIL = 400;

/** Extracts every fenced code block with its Markdown line numbers. */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
	const lines = normalize(markdown).split('\n');
	const blocks: CodeBlock[] = [];
	let previousEnd = 0;
	for (let index = 0; index < lines.length; index++) {
		const open = FENCE.exec(lines[index]!);
		if (!open) continue;
		const [, indent = '', fence = '', rawInfo = ''] = open;
		// A backtick fence's info string cannot hold a backtick (CommonMark); such a line is inline code.
		if (fence[0] === '`' && rawInfo.includes('`')) continue;
		let close = index + 1;
		const closing = new RegExp(`^[ \\t]*${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
		while (close < lines.length && !closing.test(lines[close]!)) close++;
		const closed = close < lines.length;
		const content = lines.slice(index + 1, close).map((line) => stripIndent(line, indent.length));
		const info = stripControl(rawInfo).trim();
		const text = content.join('\n');
		const tag = languageOfInfo(info);
		const language = tag ?? guessLanguage(text);
		blocks.push({
			index: blocks.length,
			info,
			language,
			tagged: tag !== null,
			text: content.length > 0 ? text + '\n' : '',
			fenceLine: index + 1,
			endLine: Math.max(index + 1, close),
			closed,
			fileName: fileNameOf(info, content, lines.slice(previousEnd, index)),
		});
		previousEnd = Math.min(lines.length, close + 1);
		index = close;
	}
	return blocks;
}

function normalize(markdown: string): string {
	return markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function stripIndent(line: string, count: number): string {
	let removed = 0;
	while (removed < count && removed < line.length && (line[removed] === ' ' || line[removed] === '\t')) removed++;
	return line.slice(removed);
}

/** Language named by an info string (` ```yaml title="x" `, ` ```{.python} `), or null to guess. */
export function languageOfInfo(info: string): BlockLanguage | null {
	const word = (info.split(/\s+/)[0] ?? '').replace(/^\{?\.?/, '').replace(/[},].*$/, '').toLowerCase();
	if (word === '' || word === 'text' || word === 'txt' || word === 'plaintext' || word === 'plain') return null;
	if (word === 'yaml' || word === 'yml') return 'yaml';
	if (word === 'python' || word === 'py' || word === 'python3' || word === 'py3') return 'python';
	if (word === 'dockerfile' || word === 'docker' || word === 'containerfile') return 'dockerfile';
	if (['sh', 'bash', 'shell', 'zsh', 'console', 'shell-session', 'shellsession', 'powershell', 'ps1', 'cmd', 'bat'].includes(word)) return 'shell';
	return 'other';
}

/** Guesses the language of an untagged block from its lines. */
export function guessLanguage(text: string): BlockLanguage {
	const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
	if (lines.length === 0) return 'text';
	// Python's `from x import y` also starts with "from"; a Dockerfile's FROM names an image and nothing is imported.
	const isFrom = (line: string) => /^FROM\s+\S+/i.test(line) && !/^from\s+[\w.]+\s+import\b/.test(line);
	if (isFrom(lines[0]!) || (lines.some(isFrom) && lines.some((line) => /^(RUN|CMD|COPY|ENTRYPOINT|WORKDIR|EXPOSE)\s/i.test(line)))) return 'dockerfile';
	let python = 0;
	let yaml = 0;
	let shell = 0;
	for (const line of lines) {
		if (/^(from\s+[\w.]+\s+import\s|import\s+[\w.]+|def\s+\w+\s*\(|async\s+(def|with)\s|class\s+\w+|@[\w.]+(\(|$)|if\s+__name__|return\b|with\s+\w|print\(|\w+\s*=\s*\w+\()/.test(line)) python++;
		else if (/^(-\s+)?[\w.-]+:(\s|$)/.test(line) || /^-\s+\S/.test(line) || line === '---') yaml++;
		else if (/^(\$\s|dapr\s|pip3?\s|docker\s|curl\s|npm\s|npx\s|python3?\s|uvicorn\s|export\s|cd\s|mkdir\s|cat\s|echo\s|kubectl\s)/.test(line)) shell++;
	}
	const best = Math.max(python, yaml, shell);
	if (best === 0) return 'text';
	if (python === best) return 'python';
	if (yaml === best) return 'yaml';
	return 'shell';
}

/** A file name from the info string, the block's first-line comment, or the nearest prose line above it. */
function fileNameOf(info: string, content: readonly string[], before: readonly string[]): string | null {
	const titled = /(?:title|file|filename|name)\s*=\s*["']?([^"'\s]+)/i.exec(info);
	if (titled) return clean(titled[1]!);
	const first = content.find((line) => line.trim() !== '');
	const comment = first ? /^\s*(?:#|\/\/)\s*(?:file(?:name)?:\s*)?((?:[\w.-]+\/)*(?:Dockerfile|[\w.-]+\.(?:ya?ml|py|txt)))\s*$/i.exec(first) : null;
	if (comment) return clean(comment[1]!);
	// Only the end of a long prose line is searched: FILE_NAME can start after every `/`, so a line of `a/a/a/…` would
	// cost quadratic time; the name that labels a block is at the end of the sentence before it.
	const prose = before.map((line) => line.trim().slice(-PROSE_TAIL)).filter((line) => line !== '').slice(-2).reverse();
	for (const line of prose) {
		const matches = [...line.matchAll(FILE_NAME)].map((match) => match[1]!);
		if (matches.length > 0) return clean(matches[matches.length - 1]!);
	}
	return null;
}

function clean(name: string): string {
	return stripControl(name).replace(/^\.\//, '');
}

// ---------------------------------------------------------------------------------------------------------
// The virtual lab folder

/** Which blocks went into which file of the virtual folder. */
export type AnswerFile = {readonly path: string; readonly blocks: readonly number[]; readonly fromLine: number; readonly toLine: number};

export type AnswerWorkspace = {
	readonly workspace: Workspace;
	readonly blocks: readonly CodeBlock[];
	readonly files: readonly AnswerFile[];
	/** Blocks that went into no file (shell commands, other YAML, other languages). */
	readonly unused: readonly number[];
};

function looksLikeComponent(text: string): boolean {
	return /^\s*kind:\s*["']?Component\b/m.test(text) || /^\s*apiVersion:\s*["']?dapr\.io\//m.test(text);
}

/**
 * The `metadata.name` of a component block, scanned line by line (a single regex over the block backtracked
 * exponentially on indented lines: 30 lines of `    a` took longer than a grading timeout).
 */
function componentName(text: string): string | null {
	const lines = text.split('\n');
	for (let index = 0; index < lines.length; index++) {
		if (!/^metadata:[ \t]*$/.test(lines[index]!)) continue;
		for (let inner = index + 1; inner < lines.length; inner++) {
			const line = lines[inner]!;
			if (!/^[ \t]/.test(line)) break;
			const match = /^[ \t]+name:[ \t]*["']?([A-Za-z0-9][\w.-]*)/.exec(line);
			if (match) return match[1]!;
		}
	}
	return null;
}

const APP_CREATION = /\b(FastAPI|Flask|App)\s*\(/;

/** Builds the virtual lab folder of an answer. `answerPath` is what findings name as their file. */
export function answerWorkspace(markdown: string, answerPath: string): AnswerWorkspace {
	const blocks = extractCodeBlocks(markdown);
	const files = new Map<string, {text: string; size: number; blocks: number[]; offset: number; fromLine: number; toLine: number}>();
	const used = new Set<number>();
	const put = (path: string, block: CodeBlock) => {
		files.set(path, {text: block.text, size: block.text.length, blocks: [block.index], offset: block.fenceLine, fromLine: block.fenceLine + 1, toLine: block.endLine});
	};
	let unnamed = 0;
	for (const block of blocks) {
		if (block.language !== 'yaml' || !looksLikeComponent(block.text)) continue;
		const named = block.fileName && /\.ya?ml$/i.test(block.fileName) ? block.fileName.split('/').pop()! : null;
		const byMetadata = componentName(block.text);
		const file = named ?? (byMetadata ? `${byMetadata}.yaml` : `component-${++unnamed}.yaml`);
		put(`components/${file}`, block);
	}
	const dockerfiles = blocks.filter((block) => block.language === 'dockerfile' || (block.fileName !== null && /(^|\/)Dockerfile$/.test(block.fileName) && block.language !== 'shell'));
	if (dockerfiles.length > 0) put('Dockerfile', dockerfiles[dockerfiles.length - 1]!);
	for (const block of blocks) {
		if (block.fileName && /(^|\/)requirements[\w.-]*\.txt$/.test(block.fileName) && (block.language === 'text' || block.language === 'other')) put(block.fileName.split('/').pop()!, block);
	}
	const python = pythonBlocks(blocks);
	if (python.length > 0) {
		const first = python[0]!;
		let text = '';
		let line = first.fenceLine; // The Markdown line that the last line of `text` stands for.
		python.forEach((block, index) => {
			const content = block.text.replace(/\n$/, '');
			// Blank lines in place of the prose and fences between blocks keep app.py's line L at Markdown line L + offset.
			text += index === 0 ? content : '\n'.repeat(block.fenceLine + 1 - line) + content;
			line = block.fenceLine + content.split('\n').length;
		});
		const body = text + '\n';
		files.set('app.py', {text: body, size: body.length, blocks: python.map((block) => block.index), offset: first.fenceLine, fromLine: first.fenceLine + 1, toLine: python[python.length - 1]!.endLine});
	}
	for (const file of files.values()) for (const index of file.blocks) used.add(index);
	const workspaceFiles = new Map<string, SourceFile>();
	const lineMap = new Map<string, {mapTo: string; offset: number}>();
	for (const [path, file] of files) {
		// The same cap the folder reader applies (read-workspace's DEFAULT_MAX_FILE_BYTES): a 2 MB Python block would
		// otherwise keep the parser busy for many seconds.
		workspaceFiles.set(
			path,
			file.size > MAX_ANSWER_FILE_CHARS
				? {path, kind: 'unreadable', reason: 'too-large', detail: `The code blocks for ${path} hold ${Math.round(file.size / 1024)} KB; dapr-labs reads at most 1 MB per file.`, size: file.size}
				: {path, kind: 'text', text: file.text, size: file.size},
		);
		lineMap.set(path, {mapTo: answerPath, offset: file.offset});
	}
	return {
		workspace: {files: workspaceFiles, lineMap},
		blocks,
		files: [...files.entries()].map(([path, file]) => ({path, blocks: file.blocks, fromLine: file.fromLine, toLine: file.toLine})).sort((a, b) => a.fromLine - b.fromLine),
		unused: blocks.filter((block) => !used.has(block.index)).map((block) => block.index),
	};
}

function pythonBlocks(blocks: readonly CodeBlock[]): CodeBlock[] {
	let python = blocks.filter((block) => block.language === 'python' && block.text.trim() !== '');
	const forApp = python.filter((block) => !block.fileName || !/\.py$/.test(block.fileName) || /(^|\/)app\.py$/.test(block.fileName));
	if (forApp.length > 0) python = forApp;
	let start = 0;
	python.forEach((block, index) => {
		if (index > 0 && APP_CREATION.test(block.text)) start = index;
	});
	return python.slice(start);
}

// ---------------------------------------------------------------------------------------------------------
// The review

export type QuestionId = 'endpoint-name' | 'cron-six-field' | 'dockerfile' | 'sync-client';

export type ReviewQuestion = {
	readonly id: QuestionId;
	readonly question: string;
	readonly answer: 'yes' | 'no';
	/** One sentence: why. */
	readonly detail: string;
	/** Where in the answer, when known (1-based Markdown line). */
	readonly line?: number;
};

export type ReviewResult = {
	readonly tool: 'dapr-labs';
	readonly version: string;
	/** The answer file as given (`-` for stdin). */
	readonly answer: string;
	readonly lab: LabId;
	readonly labReason: string;
	readonly blocks: readonly {readonly index: number; readonly language: BlockLanguage; readonly tagged: boolean; readonly info: string; readonly line: number; readonly endLine: number; readonly closed: boolean; readonly file: string | null}[];
	readonly files: readonly AnswerFile[];
	readonly questions: readonly ReviewQuestion[];
	/** The check of the chosen lab, findings at the answer's lines. */
	readonly check: CheckResult;
	/** Every question answered yes and no error finding. */
	readonly pass: boolean;
};

export type ReviewOptions = {
	/** What findings name as their file (the answer's path as given, or `answer.md` for stdin). */
	readonly answerPath: string;
	readonly version: string;
	readonly now: Date;
};

const QUESTIONS: Readonly<Record<QuestionId, string>> = {
	'endpoint-name': 'Does it get the endpoint name right?',
	'cron-six-field': 'Does it use 6-field cron syntax?',
	dockerfile: 'Does it include the Dockerfile?',
	'sync-client': 'Does it use the sync DaprClient (with, not async with)?',
};

/** Reviews an answer: the virtual folder, the chosen lab's check, and the lesson's questions. */
export function reviewAnswer(markdown: string, labs: readonly LabDef[], options: ReviewOptions): ReviewResult {
	const built = answerWorkspace(markdown, options.answerPath);
	const model = analyzeWorkspace(built.workspace);
	const calls = model.python?.calls ?? [];
	const types = model.components.map((component) => component.type?.value ?? '');
	// The lesson's sync-client question is asked where the answer has an output binding.
	const outputBinding = calls.some((call) => call.method === 'invoke_binding') || types.includes('bindings.http');
	// The lab comes from the labs' requiredComponents (core/lab-guess.ts): no lab is named here.
	const guess = guessLab(labs, {types, calls: calls.map((call) => call.method)});
	const lab: LabId = guess.lab.id;
	const labReason = guess.reason;
	const chosen = [guess.lab];
	const check = checkWorkspace(built.workspace, chosen, {workspaceLabel: options.answerPath, version: options.version, now: options.now});
	// Questions read the findings of every lab's rules: an output-binding lab's steps do not gate the input binding, yet the lesson asks.
	const everything = checkWorkspace(built.workspace, labs, {workspaceLabel: options.answerPath, version: options.version, now: options.now});
	const findings = dedupe(everything.labs.flatMap((entry) => entry.findings));
	const offsetOf = (file: string) => built.workspace.lineMap?.get(file)?.offset ?? 0;
	const crons = model.components.filter((component) => component.type?.value === 'bindings.cron');
	const questions: ReviewQuestion[] = [];

	// 1. Endpoint name.
	{
		const problem = findings.find((finding) => finding.severity === 'error' && finding.ruleId.startsWith('input-binding/'));
		if (crons.length === 0) questions.push({id: 'endpoint-name', question: QUESTIONS['endpoint-name'], answer: 'no', detail: 'The answer has no cron binding component, so there is no endpoint name to match.'});
		else if (!model.python) questions.push({id: 'endpoint-name', question: QUESTIONS['endpoint-name'], answer: 'no', detail: 'The answer has no Python handler.'});
		else if (problem) questions.push({id: 'endpoint-name', question: QUESTIONS['endpoint-name'], answer: 'no', detail: problem.message, line: problem.line});
		else {
			const names = crons.map((component) => component.name?.value).filter((name): name is string => Boolean(name));
			const route = model.python.routes.find((candidate) => names.some((name) => candidate.path === `/${name}`));
			questions.push({
				id: 'endpoint-name',
				question: QUESTIONS['endpoint-name'],
				answer: 'yes',
				detail: `The handler's POST route matches the component name (${names.map((name) => `/${name}`).join(', ')}).`,
				...(route ? {line: route.decoratorSpan.line + offsetOf('app.py')} : {}),
			});
		}
	}

	// 2. Six-field cron.
	{
		const problem = findings.find((finding) => finding.ruleId === 'cron/five-field' || finding.ruleId === 'cron/schedule-invalid');
		const schedules = crons.flatMap((component) => {
			const item = component.metadata?.find((entry) => entry.name?.value === 'schedule');
			return item?.value ? [{value: item.value.value, line: item.value.span.line + offsetOf(component.file)}] : [];
		});
		if (crons.length === 0) questions.push({id: 'cron-six-field', question: QUESTIONS['cron-six-field'], answer: 'no', detail: 'The answer has no cron binding component.'});
		else if (problem) questions.push({id: 'cron-six-field', question: QUESTIONS['cron-six-field'], answer: 'no', detail: problem.message, line: problem.line});
		else if (schedules.length === 0) questions.push({id: 'cron-six-field', question: QUESTIONS['cron-six-field'], answer: 'no', detail: 'The cron component has no schedule.'});
		else {
			const first = schedules[0]!;
			const bare = first.value.replace(/^(CRON_)?TZ=\S+\s+/, '').trim();
			const detail = bare.startsWith('@')
				? `The schedule "${stripControl(first.value)}" is a descriptor, which Dapr accepts; it is not a field expression at all.`
				: `The schedule "${stripControl(first.value)}" has ${bare.split(/\s+/).length} fields, seconds first.`;
			questions.push({id: 'cron-six-field', question: QUESTIONS['cron-six-field'], answer: 'yes', detail, line: first.line});
		}
	}

	// 3. Dockerfile.
	{
		const file = built.files.find((entry) => entry.path === 'Dockerfile');
		const problems = check.labs.flatMap((entry) => entry.findings).filter((finding) => finding.severity === 'error' && finding.ruleId.startsWith('dockerfile/'));
		questions.push(
			file
				? {id: 'dockerfile', question: QUESTIONS.dockerfile, answer: 'yes', detail: problems.length === 0 ? 'It includes a Dockerfile that passes the Dockerfile rules.' : `It includes a Dockerfile, with ${problems.length} problem${problems.length === 1 ? '' : 's'} listed below.`, line: file.fromLine - 1}
				: {id: 'dockerfile', question: QUESTIONS.dockerfile, answer: 'no', detail: 'The answer has no Dockerfile block.'},
		);
	}

	// 4. Sync client, where there is an output binding.
	if (outputBinding) {
		const problem = findings.find((finding) => finding.ruleId === 'dapr-client/async-with-sync-client');
		const withs = model.python?.withs.filter((entry) => /(^|\.)DaprClient$/.test(entry.contextCallee)) ?? [];
		if (problem) questions.push({id: 'sync-client', question: QUESTIONS['sync-client'], answer: 'no', detail: problem.message, line: problem.line});
		else if (!model.python) questions.push({id: 'sync-client', question: QUESTIONS['sync-client'], answer: 'no', detail: 'The answer has no Python code that calls the binding.'});
		else {
			const first = withs[0];
			const detail = first
				? first.async
					? 'It uses `async with` on the asyncio client from dapr.aio.clients, which is right for that client.'
					: 'It uses `with DaprClient()`, the synchronous client, as the lesson asks.'
				: 'It does not open DaprClient with `async with`.';
			questions.push({id: 'sync-client', question: QUESTIONS['sync-client'], answer: 'yes', detail, ...(first ? {line: first.span.line + offsetOf('app.py')} : {})});
		}
	}

	const pass = questions.every((question) => question.answer === 'yes') && check.summary.errors === 0;
	return {
		tool: 'dapr-labs',
		version: options.version,
		answer: options.answerPath,
		lab,
		labReason,
		blocks: built.blocks.map((block) => ({index: block.index, language: block.language, tagged: block.tagged, info: block.info, line: block.fenceLine, endLine: block.endLine, closed: block.closed, file: built.files.find((file) => file.blocks.includes(block.index))?.path ?? null})),
		files: built.files,
		questions,
		check,
		pass,
	};
}

function dedupe(findings: readonly Finding[]): Finding[] {
	const seen = new Set<string>();
	return findings.filter((finding) => {
		const key = `${finding.ruleId}\u0000${finding.file}\u0000${finding.line}\u0000${finding.column}\u0000${finding.message}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
