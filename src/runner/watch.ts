/**
 * Watches a lab folder for saves: fs.watch where it works, stat polling where it does not (network mounts and WSL's
 * /mnt/* drives deliver no inotify events). Changes are debounced so an editor's write-rename-chmod burst is one
 * re-check.
 *
 * On Linux, one non-recursive watch per folder, never Node's `recursive: true`: Node 20 emulates recursion there
 * with a watch per file, which stays on the old inode when an editor saves by renaming a new file over the old one
 * (sed -i, vim, Emacs), so every later save of that file went unseen. A folder's watch names whatever is created,
 * renamed in, changed or deleted inside it, whatever the save strategy. macOS and Windows watch trees natively.
 */
import {readdirSync, watch as fsWatch, type FSWatcher} from 'node:fs';
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
const MAX_WATCHED_DIRS = 500;

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

/** A snapshot of the folder: relative path → "mtime:size:inode". */
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
					// The inode too: a rename-over can keep size and (on coarse clocks) mtime.
					out.set(rel, `${info.mtimeMs}:${info.size}:${info.ino}`);
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

/** The folders to watch under `dir` (itself first), skipping ignored ones; bounded like polling. */
function foldersUnder(dir: string, root: string): string[] {
	const out = [dir];
	for (let i = 0; i < out.length && out.length < MAX_WATCHED_DIRS; i++) {
		let entries;
		try {
			entries = readdirSync(out[i]!, {withFileTypes: true});
		} catch {
			continue;
		}
		for (const entry of entries) {
			if (!entry.isDirectory()) continue; // symlinks are not followed
			const full = join(out[i]!, entry.name);
			if (!ignored(relative(root, full))) out.push(full);
		}
	}
	return out;
}

/** A folder tree watched with one fs.watch per folder; new folders are picked up, removed ones dropped. */
function watchTree(dir: string, notify: (path: string | null) => void, signal: AbortSignal, onRootError: () => void): Promise<void> {
	const watchers = new Map<string, FSWatcher>();
	const add = (folder: string) => {
		for (const path of foldersUnder(folder, dir)) {
			if (watchers.has(path) || watchers.size >= MAX_WATCHED_DIRS) continue;
			let watcher: FSWatcher;
			try {
				watcher = fsWatch(path, {persistent: true}, (event, name) => {
					if (signal.aborted) return;
					const full = name ? join(path, String(name)) : path;
					const rel = relative(dir, full).split(sep).join('/');
					if (name && ignored(rel)) return;
					notify(name ? rel : null);
					// A folder created or renamed in: watch it (and what it holds) too.
					if (event === 'rename' && name && !watchers.has(full)) add(full);
				});
			} catch (error) {
				if (path === dir) throw error;
				continue; // vanished or unreadable: its parent's watch still sees it come back
			}
			watcher.on('error', () => {
				watcher.close();
				watchers.delete(path);
				if (path === dir && !signal.aborted) onRootError();
			});
			watchers.set(path, watcher);
		}
	};
	add(dir);
	return new Promise<void>((resolve) => {
		const close = () => {
			for (const watcher of watchers.values()) watcher.close();
			watchers.clear();
			resolve();
		};
		if (signal.aborted) close();
		else signal.addEventListener('abort', close, {once: true});
	});
}

/** Starts watching `dir`; stops when `options.signal` aborts. */
export function watchFolder(dir: string, options: WatchOptions): Watcher {
	// 10 ms: an editor's save (write, or write-temp + rename) arrives as a burst within a few ms; more only delays the
	// verdict, and a burst split in two costs one extra check (the workbook queues it), never a missed save.
	const notify = debouncer(options.debounceMs ?? 10, options.onChange, options.signal);
	const mode = options.mode ?? (preferPolling(dir) ? 'poll' : 'auto');
	if (options.signal.aborted) return {mode: 'native', closed: Promise.resolve()};
	if (mode !== 'poll' && process.platform === 'linux') {
		try {
			let fallback: Promise<void> = Promise.resolve();
			const tree = watchTree(dir, notify, options.signal, () => {
				if (mode === 'auto') fallback = poll(dir, options, notify);
			});
			return {mode: 'native', closed: tree.then(() => fallback)};
		} catch (error) {
			if (mode === 'native') throw error;
		}
	} else if (mode !== 'poll') {
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
