/**
 * Watches a lab folder for saves: fs.watch (recursive) where it works, stat polling where it does not (network
 * mounts and WSL's /mnt/* drives deliver no inotify events). Changes are debounced so an editor's
 * write-rename-chmod burst is one re-check.
 */
import {lstatSync, watch as fsWatch, type FSWatcher} from 'node:fs';
import {readdir, stat} from 'node:fs/promises';
import {join, relative, sep} from 'node:path';

export type WatchOptions = {
	readonly signal: AbortSignal;
	/** Called once per burst of changes, with the relative paths seen in it (may be empty when unknown). */
	readonly onChange: (paths: readonly string[]) => void;
	readonly debounceMs?: number;
	/** 'auto' (default): native, falling back to polling when native watching is unavailable. */
	readonly mode?: 'auto' | 'native' | 'poll';
	readonly pollIntervalMs?: number;
};

export type Watcher = {
	readonly mode: 'native' | 'poll';
	/** Resolves when the watcher has stopped (after the signal aborted). */
	readonly closed: Promise<void>;
};

// Our own state, VCS data and caches change without the student saving anything.
const IGNORED_DIRS = new Set(['.dapr-labs', '.git', 'node_modules', '__pycache__', '.venv', 'venv', '.mypy_cache', '.pytest_cache']);
const MAX_POLLED_FILES = 2000;

function ignored(path: string): boolean {
	const parts = path.split(/[\\/]/);
	return parts.some((part) => IGNORED_DIRS.has(part)) || /(?:~|\.swp|\.swx|\.tmp)$/.test(path) || path.endsWith('4913');
}

/** Whether the folder looks like a mount where inotify is silent (WSL's Windows drives, env override). */
export function preferPolling(dir: string, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
	if (env['DAPR_LABS_POLL'] === '1') return true;
	if (process.platform === 'linux' && /^\/mnt\/[a-z](\/|$)/.test(dir) && (env['WSL_DISTRO_NAME'] || env['WSL_INTEROP'])) return true;
	return false;
}

function debouncer(delay: number, fire: (paths: readonly string[]) => void, signal: AbortSignal) {
	let timer: NodeJS.Timeout | null = null;
	let pending = new Set<string>();
	signal.addEventListener('abort', () => timer && clearTimeout(timer), {once: true});
	return (path: string | null) => {
		if (signal.aborted) return;
		if (path !== null) pending.add(path);
		if (timer) clearTimeout(timer);
		timer = setTimeout(() => {
			timer = null;
			const paths = [...pending];
			pending = new Set();
			if (!signal.aborted) fire(paths);
		}, delay);
	};
}

/** A snapshot of the folder: relative path → "mtime:size". */
async function snapshot(dir: string): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	const walk = async (folder: string): Promise<void> => {
		let entries;
		try {
			entries = await readdir(folder, {withFileTypes: true});
		} catch {
			return;
		}
		for (const entry of entries) {
			if (out.size >= MAX_POLLED_FILES) return;
			const full = join(folder, entry.name);
			const rel = relative(dir, full).split(sep).join('/');
			if (ignored(rel)) continue;
			if (entry.isDirectory()) await walk(full);
			else {
				try {
					const info = await stat(full);
					out.set(rel, `${info.mtimeMs}:${info.size}`);
				} catch {
					// vanished between readdir and stat: the next round sees it gone
				}
			}
		}
	};
	await walk(dir);
	return out;
}

function poll(dir: string, options: WatchOptions, notify: (path: string | null) => void): Promise<void> {
	const interval = options.pollIntervalMs ?? 100;
	return new Promise<void>((resolve) => {
		let previous: Map<string, string> | null = null;
		let timer: NodeJS.Timeout | null = null;
		const round = async () => {
			timer = null;
			if (options.signal.aborted) return;
			const current = await snapshot(dir);
			if (previous) {
				for (const [path, sig] of current) if (previous.get(path) !== sig) notify(path);
				for (const path of previous.keys()) if (!current.has(path)) notify(path);
			}
			previous = current;
			if (!options.signal.aborted) timer = setTimeout(() => void round(), interval);
		};
		options.signal.addEventListener(
			'abort',
			() => {
				if (timer) clearTimeout(timer);
				resolve();
			},
			{once: true},
		);
		void round();
	});
}

/** Starts watching `dir`; stops when `options.signal` aborts. */
export function watchFolder(dir: string, options: WatchOptions): Watcher {
	// 25 ms: an editor's save (write, or write-temp + rename) arrives as a burst within a few ms; more only delays the verdict.
	const notify = debouncer(options.debounceMs ?? 25, options.onChange, options.signal);
	const mode = options.mode ?? (preferPolling(dir) ? 'poll' : 'auto');
	if (options.signal.aborted) return {mode: 'native', closed: Promise.resolve()};
	if (mode !== 'poll' && process.platform === 'linux') return watchLabFolders(dir, options, notify);
	if (mode !== 'poll') {
		let watcher: FSWatcher | null = null;
		try {
			watcher = fsWatch(dir, {recursive: true, persistent: true}, (_event, name) => {
				const rel = name ? String(name).split(sep).join('/') : null;
				if (rel !== null && ignored(rel)) return;
				notify(rel);
			});
		} catch (error) {
			if (mode === 'native') throw error;
			watcher = null;
		}
		if (watcher) {
			const active = watcher;
			const closed = new Promise<void>((resolve) => {
				active.once('close', () => resolve());
				options.signal.addEventListener('abort', () => active.close(), {once: true});
			});
			// A watcher that dies (the folder vanished, too many watches) hands over to polling.
			active.on('error', () => {
				active.close();
				if (!options.signal.aborted && mode === 'auto') void poll(dir, options, notify);
			});
			return {mode: 'native', closed};
		}
	}
	return {mode: 'poll', closed: poll(dir, options, notify)};
}

/**
 * Linux: Node's recursive fs.watch walks the whole tree itself, follows a `components -> /` link, and throws from
 * inside (ENAMETOOLONG for 3,000 nested folders, EACCES on an unreadable subfolder or /proc, ENOENT when
 * components/ is deleted mid-walk) where no handler can catch it. The lab is the folder's top level and
 * components/ (read-workspace reads nothing else), so exactly those two are watched, without recursion; a
 * components/ that is a link is not followed, and one that appears, vanishes or is replaced is re-watched.
 */
function watchLabFolders(dir: string, options: WatchOptions, notify: (path: string | null) => void): Watcher {
	let inner: FSWatcher | null = null;
	const armComponents = () => {
		inner?.close();
		inner = null;
		if (options.signal.aborted) return;
		let isFolder = false;
		try {
			isFolder = lstatSync(join(dir, 'components')).isDirectory();
		} catch {
			isFolder = false;
		}
		if (!isFolder) return;
		try {
			const watcher = fsWatch(join(dir, 'components'), {persistent: true}, (_event, name) => {
				const rel = name ? `components/${String(name)}` : 'components';
				if (!ignored(rel)) notify(rel);
			});
			watcher.on('error', () => {
				watcher.close();
				if (inner === watcher) inner = null;
				notify('components');
			});
			inner = watcher;
		} catch {
			inner = null;
		}
	};
	let outer: FSWatcher;
	try {
		outer = fsWatch(dir, {persistent: true}, (_event, name) => {
			const rel = name ? String(name) : null;
			if (rel === 'components') armComponents();
			if (rel !== null && ignored(rel)) return;
			notify(rel);
		});
	} catch {
		return {mode: 'poll', closed: poll(dir, options, notify)};
	}
	armComponents();
	const closed = new Promise<void>((resolve) => {
		outer.once('close', () => resolve());
		options.signal.addEventListener(
			'abort',
			() => {
				inner?.close();
				outer.close();
			},
			{once: true},
		);
	});
	outer.on('error', () => {
		inner?.close();
		outer.close();
		if (!options.signal.aborted) void poll(dir, options, notify);
	});
	return {mode: 'native', closed};
}
