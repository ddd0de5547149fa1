/**
 * Reading the container's command: what server it starts, for which app, on which host and port. Understands
 * uvicorn (bare, by path, `python -m uvicorn`, under `sh -c`, `exec`, `uv run`, tini) and the FastAPI CLI.
 */
import {commandName, programIndex, shellCommands} from './shell.js';

/** The server a command line starts and how. */
export type ServerTarget = {
	/** `uvicorn` (also via python -m) or the FastAPI CLI (`fastapi run|dev`). */
	readonly runner: 'uvicorn' | 'fastapi-cli';
	/** The app as given: `app:app` for uvicorn, a path such as `app.py` (or null when omitted) for the FastAPI CLI. */
	readonly module: string;
	/** `--host` as written, or null when absent. */
	readonly host: string | null;
	/** `--port` as written, or null when absent. */
	readonly port: string | null;
	/** True for `python -m uvicorn`. */
	readonly viaPythonM: boolean;
	/**
	 * What the server binds to once defaults apply: uvicorn 127.0.0.1:8000, `fastapi run` 0.0.0.0:8000,
	 * `fastapi dev` 127.0.0.1:8000. A loopback host is unreachable from outside the container.
	 */
	readonly effectiveHost: string;
	readonly effectivePort: string;
	/** The argv of the simple command the server was found in (after unwrapping `sh -c`). */
	readonly argv: readonly string[];
};

// uvicorn 0.30 options that take a value (`uvicorn --help`); everything else starting with `--` is a switch.
const UVICORN_VALUE_OPTIONS = new Set([
	'--host',
	'--port',
	'--uds',
	'--fd',
	'--reload-dir',
	'--reload-include',
	'--reload-exclude',
	'--reload-delay',
	'--workers',
	'--loop',
	'--http',
	'--ws',
	'--ws-max-size',
	'--ws-max-queue',
	'--ws-ping-interval',
	'--ws-ping-timeout',
	'--ws-per-message-deflate',
	'--lifespan',
	'--interface',
	'--env-file',
	'--log-config',
	'--log-level',
	'--root-path',
	'--limit-concurrency',
	'--limit-max-requests',
	'--backlog',
	'--timeout-keep-alive',
	'--timeout-graceful-shutdown',
	'--ssl-keyfile',
	'--ssl-certfile',
	'--ssl-keyfile-password',
	'--ssl-version',
	'--ssl-cert-reqs',
	'--ssl-ca-certs',
	'--ssl-ciphers',
	'--header',
	'-H',
	'--forwarded-allow-ips',
	'--app-dir',
	'--h11-max-incomplete-event-size',
]);

// fastapi-cli `fastapi run|dev` options that take a value.
const FASTAPI_VALUE_OPTIONS = new Set(['--host', '--port', '--root-path', '--app', '--workers', '--entrypoint', '-e']);

function readOptions(
	args: readonly string[],
	valueOptions: ReadonlySet<string>,
): {positional: string[]; host: string | null; port: string | null} {
	const positional: string[] = [];
	let host: string | null = null;
	let port: string | null = null;
	for (let i = 0; i < args.length; i++) {
		const a = args[i] as string;
		if (a.startsWith('-')) {
			const eq = a.indexOf('=');
			const name = eq >= 0 ? a.slice(0, eq) : a;
			let value: string | null = null;
			if (eq >= 0) value = a.slice(eq + 1);
			else if (valueOptions.has(name)) value = args[++i] ?? null;
			if (name === '--host') host = value;
			else if (name === '--port') port = value;
			continue;
		}
		positional.push(a);
	}
	return {positional, host, port};
}

function fromSimpleCommand(argv: readonly string[]): ServerTarget | null {
	let i = programIndex(argv);
	const prog = commandName(argv[i] ?? '');
	let viaPythonM = false;
	if (/^python[0-9.]*$/.test(prog)) {
		i++;
		while (i < argv.length && argv[i] !== '-m' && /^-[A-Za-z]+$/.test(argv[i] as string)) i++;
		if (argv[i] === '-m' && argv[i + 1] === 'uvicorn') {
			viaPythonM = true;
			i += 2;
		} else if (argv[i] === '-muvicorn') {
			viaPythonM = true;
			i += 1;
		} else return null;
	} else if (prog === 'uvicorn') {
		i++;
	} else if (prog === 'fastapi' && (argv[i + 1] === 'run' || argv[i + 1] === 'dev')) {
		const mode = argv[i + 1];
		const {positional, host, port} = readOptions(argv.slice(i + 2), FASTAPI_VALUE_OPTIONS);
		return {
			runner: 'fastapi-cli',
			module: positional[0] ?? '',
			host,
			port,
			viaPythonM: false,
			effectiveHost: host ?? (mode === 'run' ? '0.0.0.0' : '127.0.0.1'),
			effectivePort: port ?? '8000',
			argv,
		};
	} else return null;
	const {positional, host, port} = readOptions(argv.slice(i), UVICORN_VALUE_OPTIONS);
	return {
		runner: 'uvicorn',
		module: positional[0] ?? '',
		host,
		port,
		viaPythonM,
		effectiveHost: host ?? '127.0.0.1',
		effectivePort: port ?? '8000',
		argv,
	};
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh']);

/**
 * The uvicorn (or FastAPI CLI) server a container command starts, or null when it starts none. `argv` is the
 * effective command (DockerfileModel.command.argv): exec form as is, shell form as ['/bin/sh', '-c', text].
 * Inside `sh -c` text every simple command is looked at and the last server found wins (`cd /app && exec uvicorn`).
 * Never throws.
 */
export function uvicornTarget(argv: readonly string[]): ServerTarget | null {
	try {
		return findTarget(argv, 0);
	} catch {
		return null;
	}
}

function findTarget(argv: readonly string[], depth: number): ServerTarget | null {
	if (depth > 4) return null;
	const i = programIndex(argv);
	const prog = commandName(argv[i] ?? '');
	if (SHELLS.has(prog)) {
		// sh -c 'script' [name args...]; options such as -e or -ec may come first.
		let j = i + 1;
		while (j < argv.length && /^-[a-z]+$/.test(argv[j] as string) && !(argv[j] as string).includes('c')) j++;
		if (j < argv.length && /^-[a-z]*c[a-z]*$/.test(argv[j] as string)) {
			const script = argv[j + 1] ?? '';
			let found: ServerTarget | null = null;
			for (const cmd of shellCommands(script)) found = findTarget(cmd, depth + 1) ?? found;
			return found;
		}
		return null;
	}
	return fromSimpleCommand(argv);
}
