/**
 * Classifies one output line of `dapr run` (CLI, daprd or app) and recognises the events the diagnosis keys on.
 * Every form the output takes is accepted: the CLI's emoji-prefixed lines and its `--log-as-json` form, app lines
 * with the `== APP == ` prefix (CLI ≤ 1.16) and without (1.17+), daprd logfmt text, logrus's coloured TTY form
 * (`INFO[0000] msg   key=val`) and daprd JSON. Strings are those of dapr-facts.md sections 4 to 6.
 *
 * Hot path: a debug-level run prints thousands of lines, so dispatch is on cheap prefix checks and regexes run
 * only on lines that already matched a prefix.
 */
import type {ClassifiedLine, LineEvent, LogSource} from '../run-events.js';
import {stripControl} from '../text.js';

// Any C0/C1 control except tab: only then is the (slower) full strip needed.
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/;

const APP_PREFIX = '== APP == ';

/** CLI status prefixes (emoji + two spaces), per cli pkg/print/print.go. */
const CLI_PREFIXES: readonly (readonly [string, string])[] = [
	['ℹ️  ', 'info'],
	['ℹ  ', 'info'],
	['✅  ', 'success'],
	['❌  ', 'failure'],
	['⚠️  ', 'warning'],
	['⚠  ', 'warning'],
	['⌛  ', 'pending'],
];

/** logrus TTY level texts (first four letters, upper case). */
const TTY_LEVELS: Readonly<Record<string, string>> = {
	DEBU: 'debug',
	INFO: 'info',
	WARN: 'warn',
	ERRO: 'error',
	FATA: 'fatal',
	PANI: 'panic',
	TRAC: 'trace',
};

/** Classifies one line of output (without its newline). Pure and allocation-light. */
export function classifyLine(raw: string): ClassifiedLine {
	let line = raw;
	if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
	if (HAS_CONTROL.test(line)) line = stripControl(line);
	if (line.startsWith(APP_PREFIX)) return classifyApp(line.slice(APP_PREFIX.length));
	const first = line.charCodeAt(0);
	// 't' → logfmt `time="..." level=... msg=...`
	if (first === 116 && line.startsWith('time=')) return classifyLogfmt(line);
	// '{' → daprd JSON (`--log-as-json`) or the CLI's JSON events
	if (first === 123) return classifyJson(line);
	// Uppercase letter: coloured logrus form `INFO[0000] ...` or the plain CLI warning.
	if (first >= 65 && first <= 90) {
		if (line.charCodeAt(4) === 91) {
			const level = TTY_LEVELS[line.slice(0, 4)];
			if (level !== undefined) return parseTty(line, level);
		}
		if (line === 'WARNING: no application command found.') return cli('warning', line, {type: 'no-app-command'});
		return classifyApp(line);
	}
	if (first > 127) {
		for (const [prefix, status] of CLI_PREFIXES) {
			if (line.startsWith(prefix)) return classifyCli(status, line.slice(prefix.length));
		}
		return classifyApp(line);
	}
	// The CLI's shutdown message starts with `ℹ️  \n`, so its second half arrives as a line of its own.
	if (first === 116 && line === 'terminated signal received: shutting down') return cli('info', line, {type: 'shutting-down'});
	return classifyApp(line);
}

/** Classifies several lines (a chunk split on newlines). */
export function classifyLines(text: string): ClassifiedLine[] {
	const out: ClassifiedLine[] = [];
	for (const line of text.split('\n')) if (line !== '') out.push(classifyLine(line));
	return out;
}

function cli(level: string, text: string, event: LineEvent | null): ClassifiedLine {
	return {source: 'cli', level, text, event};
}

const STARTING = /^Starting Dapr with id (\S+)\. HTTP (?:Port|Socket): (\S+?)\.? gRPC (?:Port|Socket): (\S+?)\.?$/;

function classifyCli(level: string, text: string): ClassifiedLine {
	let event: LineEvent | null = null;
	const c = text.charCodeAt(0);
	if (c === 83 && text.startsWith('Starting Dapr with id ')) {
		const m = STARTING.exec(text);
		if (m) event = {type: 'dapr-starting', appId: m[1]!, httpPort: toPort(m[2]!), grpcPort: toPort(m[3]!)};
	} else if (c === 89 && text.startsWith("You're up and running!")) {
		event = {type: 'up-and-running'};
	} else if (c === 84) {
		if (text.startsWith('The daprd process exited with error code: ')) event = {type: 'daprd-exited', code: text.slice(42)};
		else if (text.startsWith('The App process exited with error code: ')) event = {type: 'app-exited', code: text.slice(40)};
	} else if (text === '' || text.startsWith('terminated signal received')) {
		if (text !== '') event = {type: 'shutting-down'};
	}
	return cli(level, text, event);
}

function toPort(text: string): number | null {
	const n = Number(text);
	return Number.isInteger(n) && n > 0 ? n : null;
}

function daprdLine(level: string, msg: string, scope: string | undefined, component: string | undefined): ClassifiedLine {
	const line: {source: LogSource; level: string; text: string; event: LineEvent | null; scope?: string; component?: string} = {
		source: 'daprd',
		level: normaliseLevel(level),
		text: msg,
		event: daprdEvent(msg),
	};
	if (scope !== undefined) line.scope = scope;
	if (component !== undefined) line.component = component;
	return line;
}

function normaliseLevel(level: string): string {
	if (level === 'warning') return 'warn';
	return level;
}

/** `name (type/version)` → parts. */
const LOG_NAME = /^(.*?) \(([^/()]+)\/[^()]*\)/;

function splitLogName(text: string): {name: string; componentType: string; rest: string} | null {
	const m = LOG_NAME.exec(text);
	if (!m) return null;
	return {name: m[1]!, componentType: m[2]!, rest: text.slice(m[0].length)};
}

const CONSUMER = /^error from app consumer for binding \[([^\]]*)\]: ?(.*)$/s;
const STATUS = /status code: (\d+)(?: body: ?(.*))?$/s;

/** Events in daprd messages (exact strings of dapr-facts.md §1, §4, §5). */
function daprdEvent(msg: string): LineEvent | null {
	switch (msg.charCodeAt(0)) {
		case 115: // s
			if (msg.startsWith('successful init for input binding (')) {
				const parts = splitLogName(msg.slice(35));
				return parts ? {type: 'input-binding-ready', name: parts.name, componentType: parts.componentType} : null;
			}
			if (msg.startsWith('successful init for output binding (')) {
				const parts = splitLogName(msg.slice(36));
				return parts ? {type: 'output-binding-ready', name: parts.name, componentType: parts.componentType} : null;
			}
			if (msg.startsWith('starting Dapr Runtime -- version ')) return runtimeVersion(msg);
			return null;
		case 67: // C
			if (msg.startsWith('Component loaded: ')) {
				const parts = splitLogName(msg.slice(18));
				return parts ? {type: 'component-loaded', name: parts.name, componentType: parts.componentType} : null;
			}
			return null;
		case 70: // F
			if (msg.startsWith('Failed to init component ')) {
				const parts = splitLogName(msg.slice(25));
				if (!parts) return null;
				return {type: 'component-init-failed', name: parts.name, componentType: parts.componentType, error: parts.rest.replace(/^: ?/, '')};
			}
			if (msg.startsWith('Fatal error from runtime: ')) return {type: 'fatal', error: msg.slice(26)};
			return null;
		case 69: // E
			if (msg.startsWith('Error processing component, daprd will exit gracefully: ')) return {type: 'component-error-exit', error: msg.slice(56)};
			return null;
		case 97: // a
			if (msg.startsWith('app has not subscribed to binding ')) {
				const name = msg.slice(34);
				return {type: 'app-not-subscribed', binding: name.endsWith('.') ? name.slice(0, -1) : name};
			}
			if (msg.startsWith('application protocol: ')) {
				const m = /waiting on port (\d+)/.exec(msg);
				return m ? {type: 'waiting-for-app', port: Number(m[1])} : null;
			}
			if (msg.startsWith('application discovered on port ')) return {type: 'app-discovered', port: Number.parseInt(msg.slice(31), 10)};
			return null;
		case 101: // e
			if (msg.startsWith('error from app consumer for binding [')) {
				const m = CONSUMER.exec(msg);
				if (!m) return null;
				const s = STATUS.exec(m[2]!);
				return {type: 'delivery-failed', binding: m[1]!, status: s ? Number(s[1]) : null, body: s ? (s[2] ?? '') : m[2]!};
			}
			if (msg.includes('error invoking output binding ')) return outputBindingError(msg);
			return null;
		case 65: // A
			if (msg.startsWith('App channel is not initialized')) return {type: 'app-channel-missing'};
			return null;
		case 110: // n
			if (msg.startsWith('name: ')) {
				const comma = msg.indexOf(', ', 6);
				if (comma < 0) return null;
				const rest = msg.slice(comma + 2);
				if (rest.startsWith('schedule fired')) return {type: 'cron-fired', name: msg.slice(6, comma)};
				if (rest.startsWith('next run')) return {type: 'cron-next-run', name: msg.slice(6, comma)};
			}
			return null;
		case 83: // S
			if (msg.startsWith('Starting Dapr Runtime -- version ')) return runtimeVersion(msg);
			return null;
		case 102: // f
			if (msg.startsWith('failed to read from bindings: ')) return {type: 'bindings-read-failed', error: msg.slice(30).trimEnd()};
			return null;
		case 68: // D
			if (msg === 'Dapr is shutting down') return {type: 'shutting-down'};
			return null;
		default:
			return null;
	}
}

function runtimeVersion(msg: string): LineEvent {
	const rest = msg.slice(33);
	const end = rest.indexOf(' ');
	return {type: 'runtime-version', version: end < 0 ? rest : rest.slice(0, end)};
}

const OUTPUT_BINDING = /error invoking output binding ([^:\s]+): ?(.*?)(?:"\}.*)?$/s;

function outputBindingError(text: string): LineEvent | null {
	const m = OUTPUT_BINDING.exec(text);
	if (!m) return null;
	return {type: 'output-binding-error', binding: m[1]!, message: m[2]!.replace(/\\"/g, '"')};
}

// ------------------------------------------------------------------------------------------------------------
// App output

const UVICORN_ACCESS = /^INFO: +\S+ - "([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3})/;
const PY_FRAME = /^ {2}File "([^"]+)", line (\d+)(?:, in (.+))?$/;
const PY_EXCEPTION = /^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Timeout|Warning))(?:: ?(.*))?$/s;

function classifyApp(text: string): ClassifiedLine {
	return {source: 'app', level: appLevel(text), text, event: appEvent(text)};
}

function appLevel(text: string): string | null {
	const c = text.charCodeAt(0);
	if (c === 73 && text.startsWith('INFO:')) return 'info';
	if (c === 69 && text.startsWith('ERROR:')) return 'error';
	if (c === 87 && text.startsWith('WARNING:')) return 'warn';
	if (c === 68 && text.startsWith('DEBUG:')) return 'debug';
	if (c === 67 && text.startsWith('CRITICAL:')) return 'fatal';
	return null;
}

function appEvent(text: string): LineEvent | null {
	const c = text.charCodeAt(0);
	if (c === 73 && text.startsWith('INFO:    ')) {
		const m = UVICORN_ACCESS.exec(text);
		if (m) return {type: 'app-request', method: m[1]!, path: m[2]!, status: Number(m[3])};
		return null;
	}
	if (c === 69 && text.startsWith('ERROR:    Error loading ASGI app.')) return {type: 'app-load-error', message: text.slice(10).trim()};
	if (c === 72 && text.startsWith('Health check on ')) {
		const end = text.indexOf(' failed', 16);
		if (end > 0) return {type: 'sidecar-unreachable', url: text.slice(16, end)};
		return null;
	}
	if (c === 84 && text === 'Traceback (most recent call last):') return {type: 'python-traceback'};
	if (c === 32 && text.startsWith('  File "')) {
		const m = PY_FRAME.exec(text);
		if (m) return {type: 'python-frame', file: m[1]!, line: Number(m[2]), function: m[3] ?? ''};
		return null;
	}
	if (text.includes('error invoking output binding ')) return outputBindingError(text);
	if (text.includes('ERR_INVOKE_OUTPUT_BINDING')) return {type: 'output-binding-error', binding: '', message: text};
	if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
		const m = PY_EXCEPTION.exec(text);
		if (m) return {type: 'python-exception', exception: m[1]!, message: m[2] ?? ''};
	}
	return null;
}

// ------------------------------------------------------------------------------------------------------------
// daprd formats

type Fields = {level?: string; msg?: string; scope?: string; component?: string};

/** logrus TextFormatter output: `key=value` pairs, values bare or Go-quoted (`"a \"b\""`). */
export function parseLogfmt(line: string): Fields & Record<string, string> {
	const out: Record<string, string> = {};
	const n = line.length;
	let i = 0;
	while (i < n) {
		while (i < n && line.charCodeAt(i) === 32) i++;
		const eq = line.indexOf('=', i);
		if (eq < 0) break;
		const key = line.slice(i, eq);
		i = eq + 1;
		let value: string;
		if (line.charCodeAt(i) === 34) {
			i++;
			let start = i;
			let buf = '';
			while (i < n) {
				const ch = line.charCodeAt(i);
				if (ch === 92 && i + 1 < n) {
					buf += line.slice(start, i);
					const next = line[i + 1]!;
					buf += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
					i += 2;
					start = i;
					continue;
				}
				if (ch === 34) break;
				i++;
			}
			value = buf + line.slice(start, i);
			i++;
		} else {
			let end = line.indexOf(' ', i);
			if (end < 0) end = n;
			value = line.slice(i, end);
			i = end;
		}
		out[key] = value;
	}
	return out;
}

/** Reads a logfmt value starting at `i` (quoted or bare); returns it and the index after it. */
function readValue(line: string, i: number): [string, number] {
	if (line.charCodeAt(i) !== 34) {
		let end = line.indexOf(' ', i);
		if (end < 0) end = line.length;
		return [line.slice(i, end), end];
	}
	const start = i + 1;
	let close = line.indexOf('"', start);
	// Fast path: no backslash before the closing quote, so no escapes to undo.
	const slash = line.indexOf('\\', start);
	if (slash < 0 || (close >= 0 && slash > close)) {
		if (close < 0) close = line.length;
		return [line.slice(start, close), close + 1];
	}
	let out = '';
	let from = start;
	let j = start;
	while (j < line.length) {
		const ch = line.charCodeAt(j);
		if (ch === 92 && j + 1 < line.length) {
			out += line.slice(from, j);
			const next = line[j + 1]!;
			out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
			j += 2;
			from = j;
			continue;
		}
		if (ch === 34) break;
		j++;
	}
	return [out + line.slice(from, j), j + 1];
}

/**
 * daprd's logfmt line (`time="..." level=x msg="..." key=val ...`, logrus order: time, level, msg, then sorted keys).
 * Only the four fields the classifier uses are read, so the hot path does not build a map per line.
 */
function classifyLogfmt(line: string): ClassifiedLine {
	const levelAt = line.indexOf(' level=', 5);
	if (levelAt < 0) return classifyApp(line);
	const [level, afterLevel] = readValue(line, levelAt + 7);
	const msgAt = line.startsWith(' msg=', afterLevel) ? afterLevel : line.indexOf(' msg=', afterLevel);
	if (msgAt < 0) return classifyApp(line);
	const [msg, afterMsg] = readValue(line, msgAt + 5);
	let scope: string | undefined;
	let component: string | undefined;
	const scopeAt = line.indexOf(' scope=', afterMsg - 1);
	if (scopeAt >= 0) scope = readValue(line, scopeAt + 7)[0];
	const componentAt = line.indexOf(' component=', afterMsg - 1);
	if (componentAt >= 0) component = readValue(line, componentAt + 11)[0];
	return daprdLine(level, msg, scope, component);
}

const TTY_KEYS = [' app_id=', ' component=', ' instance=', ' scope=', ' type=', ' ver='];

function parseTty(line: string, level: string): ClassifiedLine {
	const close = line.indexOf('] ', 4);
	if (close < 0) return classifyApp(line);
	const body = line.slice(close + 2);
	let cut = body.length;
	for (const key of TTY_KEYS) {
		const at = body.indexOf(key);
		if (at >= 0 && at < cut) cut = at;
	}
	const msg = body.slice(0, cut).trimEnd();
	const fields = cut < body.length ? parseLogfmt(body.slice(cut + 1)) : {};
	return daprdLine(level, msg, fields.scope, fields.component);
}

function classifyJson(line: string): ClassifiedLine {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return classifyApp(line);
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return classifyApp(line);
	const record = value as Record<string, unknown>;
	const msg = record['msg'];
	if (typeof msg !== 'string') return classifyApp(line);
	if (typeof record['level'] === 'string') {
		const scope = typeof record['scope'] === 'string' ? record['scope'] : undefined;
		const component = typeof record['component'] === 'string' ? record['component'] : undefined;
		return daprdLine(record['level'], stripControl(msg), scope, component);
	}
	if (typeof record['status'] === 'string') {
		const text = stripControl(msg).replace(/^\n+/, '').replace(/\n+$/, '');
		return classifyCli(record['status'], text);
	}
	return classifyApp(line);
}
