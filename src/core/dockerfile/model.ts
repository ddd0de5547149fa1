/**
 * The static model of a Dockerfile: instructions with 1-based spans, the image of the stage that runs, what pip
 * installs, what is copied from the build context, and the command the container starts. Built on dockerfile-ast
 * (a pure parser); shell text is read with ./shell.ts. Never throws.
 */
import {DockerfileParser} from 'dockerfile-ast';
import type {Instruction, JSONInstruction} from 'dockerfile-ast';
import type {DockerInstruction, DockerfileModel} from '../model.js';
import {didYouMean, stripControl} from '../text.js';
import type {Span} from '../types.js';
import {otherInstaller, pipInstallStart, readPipInstallArgs} from './pip.js';
import {commandName, programIndex, splitCommands, tokenizeShell} from './shell.js';

export {parseRequirements, normalizePackageName, requirementName} from './pip.js';
export {uvicornTarget} from './command.js';
export type {ServerTarget} from './command.js';
export {shellCommands, shellWords, tokenizeShell} from './shell.js';
export {isPythonImage, parseImageRef} from './image.js';
export type {ImageRef} from './image.js';

type LspRange = {start: {line: number; character: number}; end: {line: number; character: number}};

/** Instructions Docker knows (BuildKit's dockerfile frontend); anything else fails the build. */
const KNOWN = new Set([
	'ADD',
	'ARG',
	'CMD',
	'COPY',
	'ENTRYPOINT',
	'ENV',
	'EXPOSE',
	'FROM',
	'HEALTHCHECK',
	'LABEL',
	'MAINTAINER',
	'ONBUILD',
	'RUN',
	'SHELL',
	'STOPSIGNAL',
	'USER',
	'VOLUME',
	'WORKDIR',
]);

/** Instructions whose arguments Docker reads as a JSON array when they parse as one (else shell form). */
const EXEC_CAPABLE = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'VOLUME', 'SHELL']);

/** Positions in the text: offsets ↔ 1-based line/column, with line breaks as vscode's TextDocument counts them. */
class Positions {
	private readonly starts: number[] = [0];
	constructor(private readonly text: string) {
		for (let i = 0; i < text.length; i++) {
			const c = text[i];
			if (c === '\r') {
				if (text[i + 1] === '\n') i++;
				this.starts.push(i + 1);
			} else if (c === '\n') this.starts.push(i + 1);
		}
	}
	offsetOf(line0: number, character: number): number {
		const start = this.starts[Math.min(Math.max(line0, 0), this.starts.length - 1)] ?? 0;
		return Math.min(start + character, this.text.length);
	}
	private lineOf(offset: number): number {
		let lo = 0;
		let hi = this.starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if ((this.starts[mid] ?? 0) <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	}
	/** Span of [start, end) offsets; the end names the last character, as Span does. */
	span(start: number, end: number): Span {
		const l0 = this.lineOf(start);
		const last = Math.max(start, end - 1);
		const l1 = this.lineOf(last);
		return {
			line: l0 + 1,
			column: start - (this.starts[l0] ?? 0) + 1,
			endLine: l1 + 1,
			endColumn: last - (this.starts[l1] ?? 0) + 1,
		};
	}
	range(r: LspRange): Span {
		let end = this.offsetOf(r.end.line, r.end.character);
		const start = this.offsetOf(r.start.line, r.start.character);
		// A range ending at column 0 of the next line (a trailing continuation) ends on the line before.
		while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
		return this.span(start, Math.max(end, start + 1));
	}
}

type Word = {readonly value: string; readonly span: Span};

/** Parses a JSON array of strings as Docker does for exec form; null when it is not one. */
function parseJsonArray(text: string): string[] | null {
	const t = text.trim();
	if (!t.startsWith('[')) return null;
	try {
		const v: unknown = JSON.parse(t);
		if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
	} catch {
		return null;
	}
	return null;
}

type Stage = {
	readonly index: number;
	/** Lower-cased stage name (Docker compares them ignoring case). */
	readonly name: string | null;
	/** The image as written (ARGs substituted). */
	readonly ref: string;
	readonly fromSpan: Span;
	parent: Stage | null;
	readonly instructions: {readonly instr: Instruction; readonly model: DockerInstruction}[];
};

/** Substitutes `$X`, `${X}`, `${X:-d}`, `${X-d}`, `${X:+a}`, `${X+a}` with ARG defaults (unset → empty). */
function substitute(text: string, vars: ReadonlyMap<string, string | null>): string {
	return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced, op, word, bare) => {
		const name = (braced ?? bare) as string;
		const value = vars.has(name) ? vars.get(name) : undefined;
		const set = value !== undefined && value !== null;
		const nonEmpty = set && value !== '';
		switch (op as string | undefined) {
			case ':-':
				return nonEmpty ? (value as string) : (word as string);
			case '-':
				return set ? (value as string) : (word as string);
			case ':+':
				return nonEmpty ? (word as string) : '';
			case '+':
				return set ? (word as string) : '';
			default:
				return set ? (value as string) : '';
		}
	});
}

/**
 * Largest Dockerfile analysed, in characters. Real ones are a few KB; dockerfile-ast slows down superlinearly on
 * adversarial input (seconds for a few hundred KB of quoted words), so anything larger is reported instead of read.
 */
export const MAX_DOCKERFILE_CHARS = 128 * 1024;

function emptyModel(file: string, message: string): DockerfileModel {
	return {
		file,
		instructions: [],
		baseImage: null,
		pipPackages: [],
		requirementFiles: [],
		copies: [],
		command: null,
		syntaxErrors: [{message, span: {line: 1, column: 1}}],
		pipOtherSources: [],
		stages: [],
	};
}

/** Reads a Dockerfile's text into the model the dockerfile/* rules read. Never throws. */
export function analyzeDockerfile(file: string, text: string): DockerfileModel {
	if (text.length > MAX_DOCKERFILE_CHARS) {
		return emptyModel(file, `The Dockerfile has ${Math.round(text.length / 1024)} KB of text; dapr-labs reads Dockerfiles of up to ${MAX_DOCKERFILE_CHARS / 1024} KB.`);
	}
	try {
		return analyze(file, text);
	} catch (err) {
		return emptyModel(file, `The Dockerfile could not be read (${err instanceof Error ? err.message : String(err)}).`);
	}
}

function analyze(file: string, text: string): DockerfileModel {
	const pos = new Positions(text);
	const dockerfile = DockerfileParser.parse(text);
	const escape = dockerfile.getEscapeCharacter();
	const syntaxErrors: {message: string; span: Span}[] = [];
	const instructions: DockerInstruction[] = [];
	const stages: Stage[] = [];
	const globalArgs = new Map<string, string | null>();
	// Stage names seen so far (Docker compares them ignoring case); a stage can only refer to earlier ones.
	const stageNames = new Map<string, Stage>();
	let sawNonArg = false;

	for (const instr of dockerfile.getInstructions()) {
		const keyword = instr.getKeyword();
		const span = pos.range(instr.getRange());
		const content = instr.getArgumentsContent();
		const argText = content ?? '';
		const json = EXEC_CAPABLE.has(keyword) ? parseJsonArray(argText) : null;
		const form: DockerInstruction['form'] = json !== null ? 'exec' : EXEC_CAPABLE.has(keyword) ? 'shell' : 'none';
		const shellRead = keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT';
		const args = json ?? (shellRead ? tokenizeShell(argText).tokens.map((t) => t.value) : instr.getArguments().map((a) => a.getValue()));
		const model: DockerInstruction = {keyword, args, text: argText, form, span};
		instructions.push(model);

		if (!KNOWN.has(keyword)) {
			const guess = didYouMean(keyword, KNOWN);
			const seen = stripControl(instr.getInstruction());
			syntaxErrors.push({
				message: `Unknown instruction ${seen}${guess ? ` (did you mean ${guess}?)` : ''}; Docker stops the build here.`,
				span: pos.range(instr.getInstructionRange()),
			});
			continue;
		}
		if (content === null) {
			syntaxErrors.push({message: `The ${keyword} instruction has no arguments.`, span});
			continue;
		}
		if (keyword !== 'ARG' && keyword !== 'FROM' && stages.length === 0 && !sawNonArg) {
			sawNonArg = true;
			syntaxErrors.push({message: `The first instruction must be FROM (only ARG may come before it), not ${keyword}.`, span});
		}
		if (EXEC_CAPABLE.has(keyword) && json === null && argText.trim().startsWith('[')) {
			syntaxErrors.push({
				message: `The ${keyword} arguments look like a JSON array but are not valid JSON (strings need double quotes, items need commas), so Docker runs them as a shell command.`,
				span,
			});
		} else if ((keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT') && json === null) {
			const raw = instr.getRawArgumentsContent() ?? '';
			const tokens = tokenizeShell(raw, {escape, dockerContinuations: true});
			if (tokens.unclosedQuote !== null && !raw.trimStart().startsWith('<<')) {
				const r = instr.getArgumentsRange() as LspRange;
				const base = pos.offsetOf(r.start.line, r.start.character);
				syntaxErrors.push({message: 'This quote is never closed, so the shell fails on this command.', span: pos.span(base + tokens.unclosedQuote, base + tokens.unclosedQuote + 1)});
			}
		}

		if (keyword === 'ARG' && stages.length === 0) {
			for (const v of args) {
				const eq = v.indexOf('=');
				if (eq > 0) globalArgs.set(v.slice(0, eq), unquote(v.slice(eq + 1)));
				else globalArgs.set(v, null);
			}
			continue;
		}
		if (keyword === 'FROM') {
			const fromArgs = args;
			if (!(fromArgs.length === 1 || (fromArgs.length === 3 && fromArgs[1]?.toLowerCase() === 'as'))) {
				syntaxErrors.push({message: 'FROM takes an image, optionally followed by AS and a stage name.', span});
			}
			const ref = substitute(fromArgs[0] ?? '', globalArgs);
			const stageName = fromArgs.length >= 3 && fromArgs[1]?.toLowerCase() === 'as' ? (fromArgs[2] ?? '').toLowerCase() : null;
			const parent = stageNames.get(ref.toLowerCase()) ?? null;
			const imageRange = (instr as unknown as {getImageRange(): LspRange | null}).getImageRange();
			const stage: Stage = {
				index: stages.length,
				name: stageName,
				ref,
				fromSpan: imageRange ? pos.range(imageRange) : span,
				parent,
				instructions: [],
			};
			stages.push(stage);
			if (stageName !== null) stageNames.set(stageName, stage);
			continue;
		}
		stages[stages.length - 1]?.instructions.push({instr, model});
	}

	const last = stages[stages.length - 1] ?? null;
	const rootOf = new Map<Stage, Stage>();
	for (const s of stages) rootOf.set(s, s.parent ? (rootOf.get(s.parent) ?? s.parent) : s);
	const root = (s: Stage): Stage => rootOf.get(s) ?? s;

	// Stages whose files end up in the final image: its FROM chain, and stages it COPYs --from, transitively.
	const contributing = new Set<Stage>();
	const work: Stage[] = [];
	const addChain = (s: Stage | null): void => {
		for (let c = s; c && !contributing.has(c); c = c.parent) {
			contributing.add(c);
			work.push(c);
		}
	};
	addChain(last);
	while (work.length > 0) {
		const s = work.pop() as Stage;
		for (const {instr} of s.instructions) {
			const from = copyFrom(instr);
			if (from !== null) addChain(stageByRef(stages, stageNames, from, s.index));
		}
	}

	const pipPackages: {name: string; span: Span}[] = [];
	const requirementFiles: {path: string; span: Span}[] = [];
	const pipOtherSources: {spec: string; span: Span}[] = [];
	const copies: {sources: string[]; dest: string; span: Span}[] = [];
	for (const s of stages) {
		if (!contributing.has(s)) continue;
		for (const {instr, model} of s.instructions) {
			if (model.keyword === 'RUN') {
				for (const cmd of runCommands(instr, model, pos, escape)) {
					const values = cmd.map((w) => w.value);
					const start = pipInstallStart(values);
					if (start < 0) {
						const other = otherInstaller(values);
						if (other === null) continue;
						const first = cmd[programIndex(values)] ?? cmd[0];
						if (first) pipOtherSources.push({spec: other.command, span: first.span});
						for (const k of other.requirementFileIndexes) {
							const w = cmd[k];
							if (w) requirementFiles.push({path: w.value, span: w.span});
						}
						continue;
					}
					const read = readPipInstallArgs(cmd.slice(start));
					for (const p of read.packages) pipPackages.push({name: p.name, span: p.word.span});
					for (const r of read.requirementFiles) requirementFiles.push({path: r.path, span: r.word.span});
					for (const o of read.otherSources) pipOtherSources.push({spec: o.spec, span: o.word.span});
				}
			} else if ((model.keyword === 'COPY' || model.keyword === 'ADD') && copyFrom(instr) === null) {
				const parts = [...model.args];
				if (parts.length > 0 && !parts[0]?.startsWith('<<')) {
					const dest = parts.pop() ?? '';
					copies.push({sources: parts, dest, span: model.span});
				}
			}
		}
	}

	const baseStage = last ? root(last) : null;
	return {
		file,
		instructions,
		baseImage: baseStage ? {image: baseStage.ref, span: baseStage.fromSpan} : null,
		pipPackages,
		requirementFiles,
		copies,
		command: last ? effectiveCommand(last) : null,
		syntaxErrors,
		pipOtherSources,
		stages: stages.map((s) => ({name: s.name, image: root(s).ref, span: s.fromSpan})),
	};
}

function unquote(v: string): string {
	return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.endsWith(v[0]) ? v.slice(1, -1) : v;
}

/** The `--from=` of a COPY/ADD, or null. */
function copyFrom(instr: Instruction): string | null {
	const kw = instr.getKeyword();
	if (kw !== 'COPY' && kw !== 'ADD') return null;
	const flags = (instr as unknown as {getFlags?: () => {getName(): string; getValue(): string | null}[]}).getFlags?.() ?? [];
	const from = flags.find((f) => f.getName().toLowerCase() === 'from');
	return from ? (from.getValue() ?? '') : null;
}

/** The stage a `--from=` names: a stage name or a number, only among earlier stages; else null (an image). */
function stageByRef(stages: readonly Stage[], names: ReadonlyMap<string, Stage>, ref: string, before: number): Stage | null {
	if (/^\d+$/.test(ref)) {
		const n = Number(ref);
		return n < before ? (stages[n] ?? null) : null;
	}
	const named = names.get(ref.toLowerCase());
	return named && named.index < before ? named : null;
}

/** The simple commands a RUN executes, each as words with spans (exec form: one command). */
function runCommands(instr: Instruction, model: DockerInstruction, pos: Positions, escape: string): Word[][] {
	if (model.form === 'exec') {
		const strings = (instr as JSONInstruction).getJSONStrings?.() ?? [];
		const words = model.args.map((value, i) => {
			const r = strings[i]?.getRange();
			return {value, span: r && strings.length === model.args.length ? pos.range(r) : model.span};
		});
		return expandShellC([words]);
	}
	const raw = instr.getRawArgumentsContent();
	const r = instr.getArgumentsRange() as LspRange | null;
	if (raw === null || r === null) return [];
	let base = pos.offsetOf(r.start.line, r.start.character);
	let script = raw;
	// RUN <<EOT ... EOT: the heredoc body is the script.
	const heredoc = /^\s*<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?[^\n]*\n/.exec(raw);
	if (heredoc) {
		base += heredoc[0].length;
		script = raw.slice(heredoc[0].length);
		const end = new RegExp(`^\\s*${heredoc[1]}\\s*$`, 'm').exec(script);
		if (end) script = script.slice(0, end.index);
	}
	const {tokens} = tokenizeShell(script, {escape, dockerContinuations: !heredoc});
	const commands = splitCommands(tokens).map((cmd) => cmd.map((t) => ({value: t.value, span: pos.span(base + t.start, base + t.end)})));
	return expandShellC(commands);
}

/** Replaces `sh -c "script"` commands by the script's commands (their words point at the script word). */
function expandShellC(commands: Word[][], depth = 0): Word[][] {
	const out: Word[][] = [];
	for (const cmd of commands) {
		const values = cmd.map((w) => w.value);
		const i = programIndex(values);
		const flag = values[i + 1] ?? '';
		if (depth < 3 && ['sh', 'bash', 'dash', 'ash'].includes(commandName(values[i] ?? '')) && /^-[a-z]*c[a-z]*$/.test(flag) && cmd[i + 2]) {
			const script = cmd[i + 2] as Word;
			const inner = splitCommands(tokenizeShell(script.value).tokens).map((c) => c.map((t) => ({value: t.value, span: script.span})));
			out.push(...expandShellC(inner, depth + 1));
		} else out.push(cmd);
	}
	return out;
}

type CmdPart = {readonly keyword: 'ENTRYPOINT' | 'CMD'; readonly form: 'exec' | 'shell'; readonly argv: readonly string[]; readonly span: Span};

/**
 * ENTRYPOINT + CMD of a stage as Docker combines them: CMD and ENTRYPOINT are inherited from the parent stage when
 * the stage sets none, except that setting ENTRYPOINT drops an inherited CMD; shell form runs under the stage's
 * SHELL (default /bin/sh -c); a shell-form ENTRYPOINT ignores CMD.
 */
function effectiveCommand(stage: Stage): DockerfileModel['command'] {
	const resolved = stageCommand(stage);
	const {entrypoint, cmd} = resolved;
	let parts: CmdPart[];
	if (entrypoint && entrypoint.form === 'shell') parts = [entrypoint];
	else parts = [entrypoint, cmd].filter((p): p is CmdPart => p !== null);
	if (parts.length === 0) return null;
	const argv = parts.flatMap((p) => p.argv);
	const main = cmd && parts.includes(cmd) ? cmd : (parts[0] as CmdPart);
	return {argv, span: main.span, parts: parts.map((p) => ({keyword: p.keyword, form: p.form, span: p.span}))};
}

function stageCommand(stage: Stage): {entrypoint: CmdPart | null; cmd: CmdPart | null} {
	// Walk from the root stage down to this one, each stage overriding what it inherited.
	const chain: Stage[] = [];
	for (let s: Stage | null = stage; s; s = s.parent) chain.unshift(s);
	let entrypoint: CmdPart | null = null;
	let cmd: CmdPart | null = null;
	let shell: readonly string[] = ['/bin/sh', '-c'];
	for (const s of chain) {
		let ownCmd = false;
		for (const {model} of s.instructions) {
			if (model.keyword === 'SHELL' && model.form === 'exec' && model.args.length > 0) shell = model.args;
			if (model.keyword !== 'CMD' && model.keyword !== 'ENTRYPOINT') continue;
			const part: CmdPart = {
				keyword: model.keyword,
				form: model.form === 'exec' ? 'exec' : 'shell',
				argv: model.form === 'exec' ? model.args : [...shell, model.text],
				span: model.span,
			};
			if (model.keyword === 'CMD') {
				cmd = part;
				ownCmd = true;
			} else {
				entrypoint = part;
				// Docker drops a CMD inherited from the parent when a stage sets ENTRYPOINT without its own CMD.
				if (!ownCmd) cmd = null;
			}
		}
	}
	return {entrypoint, cmd};
}
