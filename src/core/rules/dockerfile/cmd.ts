import {defineRule} from '../../rule.js';
import {short, START} from '../support.js';

/** Options of uvicorn that stand alone (no value follows). */
const FLAGS = new Set([
	'--reload', '--proxy-headers', '--no-proxy-headers', '--access-log', '--no-access-log', '--use-colors', '--no-use-colors',
	'--server-header', '--no-server-header', '--date-header', '--no-date-header', '--factory', '--version', '--help', '--h11-max-incomplete-event-size',
]);

/** Splits a shell string into words (quotes and backslashes, no expansion). */
export function shellWords(text: string): string[] {
	const words: string[] = [];
	let current = '';
	let inWord = false;
	let quote: '"' | "'" | null = null;
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!;
		if (quote) {
			if (char === quote) quote = null;
			else if (char === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
			else current += char;
		} else if (char === '"' || char === "'") {
			quote = char;
			inWord = true;
		} else if (char === '\\' && i + 1 < text.length) {
			current += text[++i];
			inWord = true;
		} else if (/\s/.test(char)) {
			if (inWord) words.push(current);
			current = '';
			inWord = false;
		} else if (char === ';' || char === '&' || char === '|') {
			if (inWord) words.push(current);
			words.push(char);
			current = '';
			inWord = false;
		} else {
			current += char;
			inWord = true;
		}
	}
	if (inWord) words.push(current);
	return words;
}

function base(word: string): string {
	return word.split('/').pop() ?? word;
}

/** The arguments given to uvicorn, wherever in argv it is started; null when uvicorn is not started. */
export function uvicornArgs(argv: readonly string[], depth = 0): string[] | null {
	if (depth > 3) return null;
	for (let i = 0; i < argv.length; i++) {
		const word = argv[i]!;
		const name = base(word);
		if (name === 'uvicorn') return cut(argv.slice(i + 1));
		if (/^python[0-9.]*$/.test(name) && argv[i + 1] === '-m' && argv[i + 2] === 'uvicorn') return cut(argv.slice(i + 3));
		if (/^(ba|da|z)?sh$/.test(name)) {
			const c = argv.indexOf('-c', i + 1);
			const script = c >= 0 ? argv[c + 1] : undefined;
			if (script !== undefined) return uvicornArgs(shellWords(script), depth + 1);
		}
	}
	return null;
}

function isSeparator(word: string): boolean {
	return word === ';' || word === '&' || word === '|';
}

function cut(words: readonly string[]): string[] {
	const stop = words.findIndex(isSeparator);
	return stop >= 0 ? words.slice(0, stop) : [...words];
}

type UvicornOptions = {target: string | null; host: string | null; port: string | null};

export function readUvicorn(args: readonly string[]): UvicornOptions {
	const words = cut(args);
	const options: UvicornOptions = {target: null, host: null, port: null};
	for (let i = 0; i < words.length; i++) {
		const word = words[i]!;
		if (word.startsWith('--')) {
			const eq = word.indexOf('=');
			const key = eq >= 0 ? word.slice(0, eq) : word;
			let value: string | undefined;
			if (eq >= 0) value = word.slice(eq + 1);
			else if (!FLAGS.has(key)) value = words[++i];
			if (key === '--host') options.host = value ?? '';
			if (key === '--port') options.port = value ?? '';
			continue;
		}
		if (word.startsWith('-')) continue;
		options.target ??= word;
	}
	return options;
}

export default defineRule({
	id: 'dockerfile/cmd',
	meta: {
		description: 'Enforce a CMD that runs uvicorn app:app on 0.0.0.0 port 8000',
		severity: 'error',
		messages: {
			missing: 'The Dockerfile has no CMD or ENTRYPOINT, so the container does not start the app.',
			notUvicorn: 'The container runs `{{command}}`, not uvicorn, so nothing serves app:app on port 8000.',
			pieces: 'The uvicorn command {{problems}}.',
		},
		docs: 'The lab tells `dapr run` that the app listens on port 8000 (`--app-port 8000`), and the sidecar reaches it from outside the container. uvicorn listens on 127.0.0.1 by default, which is unreachable from outside; it must be told `--host 0.0.0.0`. The target `app:app` is the module app.py and its `app` object. The port must be written as 8000 to match `--app-port 8000`: uvicorn\'s default is 8000 too, but the lab asks for the explicit form so the two places visibly agree.',
		symptom: 'daprd waits forever at `waiting on port 8000`, or curl to localhost:8000 gets connection refused.',
	},
	check({model, report}) {
		const dockerfile = model.dockerfile;
		if (!dockerfile) return;
		const right = 'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]';
		const command = dockerfile.command;
		if (!command || command.argv.length === 0) {
			report({messageId: 'missing', file: dockerfile.file, at: dockerfile.instructions.at(-1)?.span ?? START, hint: `Add \`${right}\` as the last line.`});
			return;
		}
		const args = uvicornArgs(command.argv);
		if (!args) {
			report({messageId: 'notUvicorn', data: {command: short(command.argv.join(' '))}, file: dockerfile.file, at: command.span, hint: `Write \`${right}\`.`});
			return;
		}
		const options = readUvicorn(args);
		const problems: string[] = [];
		if (options.target !== 'app:app') problems.push(options.target ? `runs "${short(options.target, 40)}" instead of app:app` : 'names no app (app:app)');
		if (options.host === null) problems.push('has no --host 0.0.0.0 (uvicorn then listens on 127.0.0.1, unreachable from outside the container)');
		else if (options.host !== '0.0.0.0' && options.host !== '::') problems.push(`listens on ${short(options.host, 40)} instead of 0.0.0.0`);
		if (options.port === null) problems.push("has no --port 8000 (uvicorn's default is 8000, but the lab's `dapr run --app-port 8000` should be matched explicitly)");
		else if (options.port !== '8000') problems.push(`uses port ${short(options.port, 20)} instead of 8000 (the lab's --app-port)`);
		if (problems.length === 0) return;
		report({messageId: 'pieces', data: {problems: problems.join(', ')}, file: dockerfile.file, at: command.span, hint: `Write \`${right}\`.`});
	},
});
