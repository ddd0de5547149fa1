/**
 * A small POSIX-shell tokenizer, enough to read what RUN/CMD/ENTRYPOINT hand to /bin/sh: quotes, backslash escapes,
 * command separators, and Docker's line continuations. Every token keeps the offsets it came from in the original
 * text, so findings can point at the exact word (`uvicorn[standard]` on the third continuation line).
 */

/** A word (quotes removed, escapes applied) or an operator, with its [start, end) offsets in the tokenized text. */
export type ShellToken = {
	readonly value: string;
	readonly start: number;
	readonly end: number;
	/** Set for `&&`, `||`, `;`, `|`, `&`, newline, `(`, `)`: they separate simple commands. */
	readonly op: boolean;
	/** True when any part of the word was quoted (so `""` is a real empty word and `'&&'` is not an operator). */
	readonly quoted: boolean;
};

export type ShellTokens = {
	readonly tokens: readonly ShellToken[];
	/** Offset of a quote that was opened and never closed, else null. */
	readonly unclosedQuote: number | null;
};

/**
 * Splits shell text into words and operators. `escape` is the Dockerfile escape character; when `dockerContinuations`
 * is set, escape + newline is removed as Docker does before the shell sees the text, and comment lines inside a
 * continued instruction are skipped (Docker drops them too).
 */
export function tokenizeShell(text: string, options: {escape?: string; dockerContinuations?: boolean} = {}): ShellTokens {
	const escape = options.escape ?? '\\';
	const continuations = options.dockerContinuations ?? false;
	const tokens: ShellToken[] = [];
	let i = 0;
	let word = '';
	let wordStart = -1;
	let quoted = false;
	let unclosedQuote: number | null = null;

	const flush = (end: number): void => {
		if (wordStart >= 0) tokens.push({value: word, start: wordStart, end, op: false, quoted});
		word = '';
		wordStart = -1;
		quoted = false;
	};
	const begin = (at: number): void => {
		if (wordStart < 0) wordStart = at;
	};
	// After a continuation, Docker skips whole lines that are empty or comments.
	const skipContinuedCommentLines = (from: number): number => {
		let j = from;
		for (;;) {
			let k = j;
			while (k < text.length && (text[k] === ' ' || text[k] === '\t' || text[k] === '\r')) k++;
			if (text[k] === '#') {
				while (k < text.length && text[k] !== '\n') k++;
				j = k + 1;
				continue;
			}
			if (text[k] === '\n') {
				j = k + 1;
				continue;
			}
			return k;
		}
	};
	const isContinuation = (at: number): number => {
		// Returns the length of escape + optional trailing blanks + newline at `at`, or 0.
		if (!continuations || text[at] !== escape) return 0;
		let k = at + 1;
		while (k < text.length && (text[k] === ' ' || text[k] === '\t' || text[k] === '\r')) k++;
		return text[k] === '\n' ? k + 1 - at : 0;
	};

	while (i < text.length) {
		const cont = isContinuation(i);
		if (cont > 0) {
			i = skipContinuedCommentLines(i + cont);
			continue;
		}
		const c = text[i] as string;
		if (c === "'") {
			begin(i);
			quoted = true;
			const close = text.indexOf("'", i + 1);
			if (close < 0) {
				unclosedQuote = i;
				word += text.slice(i + 1);
				i = text.length;
				break;
			}
			word += text.slice(i + 1, close);
			i = close + 1;
			continue;
		}
		if (c === '"') {
			begin(i);
			quoted = true;
			let j = i + 1;
			let closed = false;
			while (j < text.length) {
				const cj = text[j] as string;
				const contIn = isContinuation(j);
				if (contIn > 0) {
					j += contIn;
					continue;
				}
				if (cj === '\\' && j + 1 < text.length && '"\\$`\n'.includes(text[j + 1] as string)) {
					if (text[j + 1] !== '\n') word += text[j + 1];
					j += 2;
					continue;
				}
				if (cj === '"') {
					closed = true;
					break;
				}
				word += cj;
				j++;
			}
			if (!closed) {
				unclosedQuote = i;
				i = text.length;
				break;
			}
			i = j + 1;
			continue;
		}
		if (c === '\\') {
			begin(i);
			if (i + 1 < text.length) {
				if (text[i + 1] !== '\n') word += text[i + 1];
				i += 2;
			} else i++;
			continue;
		}
		if (c === ' ' || c === '\t' || c === '\r') {
			flush(i);
			i++;
			continue;
		}
		if (c === '#' && wordStart < 0) {
			// A shell comment runs to the end of the line.
			while (i < text.length && text[i] !== '\n') i++;
			continue;
		}
		const two = text.slice(i, i + 2);
		if (two === '&&' || two === '||' || two === ';;') {
			flush(i);
			tokens.push({value: two, start: i, end: i + 2, op: true, quoted: false});
			i += 2;
			continue;
		}
		if (c === ';' || c === '|' || c === '&' || c === '\n' || c === '(' || c === ')') {
			flush(i);
			tokens.push({value: c, start: i, end: i + 1, op: true, quoted: false});
			i++;
			continue;
		}
		begin(i);
		word += c;
		i++;
	}
	flush(i);
	return {tokens, unclosedQuote};
}

/** Splits a token stream into simple commands (words between operators), dropping empty ones. */
export function splitCommands(tokens: readonly ShellToken[]): ShellToken[][] {
	const out: ShellToken[][] = [];
	let current: ShellToken[] = [];
	for (const t of tokens) {
		if (t.op) {
			if (current.length > 0) out.push(current);
			current = [];
		} else current.push(t);
	}
	if (current.length > 0) out.push(current);
	return out;
}

/** Splits shell text into simple commands, each an argv of plain strings (`a && b "c d"` → [['a'], ['b', 'c d']]). */
export function shellCommands(text: string): string[][] {
	return splitCommands(tokenizeShell(text).tokens).map((cmd) => cmd.map((t) => t.value));
}

/** Splits shell text into words, as `sh` would before running it (operators kept as words). */
export function shellWords(text: string, options: {escape?: string; dockerContinuations?: boolean} = {}): string[] {
	return tokenizeShell(text, options).tokens.map((t) => t.value);
}

/** The last path segment of a command word (`/usr/local/bin/pip3` → `pip3`). */
export function commandName(word: string): string {
	const slash = word.lastIndexOf('/');
	return slash >= 0 ? word.slice(slash + 1) : word;
}

const WRAPPERS = new Set(['exec', 'sudo', 'command', 'nohup', 'time', 'dumb-init']);

/**
 * Drops what stands before the real program in a simple command: `VAR=x` assignments, `exec`, `sudo`, `env [-i]
 * VAR=x`, `tini --`, `dumb-init`, `uv run`, `poetry run`, `pipenv run`. Returns the index of the program word.
 */
export function programIndex(argv: readonly string[]): number {
	let i = 0;
	while (i < argv.length) {
		const w = argv[i] as string;
		const name = commandName(w);
		if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
		else if (WRAPPERS.has(name)) i++;
		else if (name === 'env') {
			i++;
			while (i < argv.length && ((argv[i] as string).startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i] as string))) i++;
		} else if (name === 'tini' || name === 'tini-static') {
			i++;
			while (i < argv.length && (argv[i] as string).startsWith('-')) {
				if (argv[i] === '--') {
					i++;
					break;
				}
				i++;
			}
		} else if ((name === 'uv' || name === 'poetry' || name === 'pipenv' || name === 'pdm' || name === 'rye') && argv[i + 1] === 'run') {
			i += 2;
			// `uv run --with x --no-project uvicorn ...`: skip uv's own options.
			while (i < argv.length && (argv[i] as string).startsWith('-')) {
				const opt = argv[i] as string;
				i += !opt.includes('=') && UV_RUN_VALUE_OPTIONS.has(opt) ? 2 : 1;
			}
		} else break;
	}
	return i;
}

const UV_RUN_VALUE_OPTIONS = new Set(['--with', '--python', '-p', '--package', '--extra', '--group', '--env-file', '--directory', '--project', '--index', '--with-requirements']);
