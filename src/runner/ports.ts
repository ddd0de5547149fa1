/**
 * Is a TCP port free, and who holds it when it is not. The owner lookup reads /proc (Linux) and falls back to
 * `lsof` elsewhere; it never throws, it only says less.
 */
import {createServer} from 'node:net';
import {readdir, readFile, readlink} from 'node:fs/promises';
import {execa} from 'execa';
import type {PortProbe} from '../core/doctor.js';

/** Tries to listen on the port (all interfaces, as uvicorn --host 0.0.0.0 and daprd do). */
export function isPortFree(port: number, host = '0.0.0.0'): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen({port, host, exclusive: true}, () => server.close(() => resolve(true)));
	});
}

async function socketInodes(port: number): Promise<Set<string>> {
	const inodes = new Set<string>();
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let text: string;
		try {
			text = await readFile(table, 'utf8');
		} catch {
			continue;
		}
		for (const line of text.split('\n').slice(1)) {
			const fields = line.trim().split(/\s+/);
			const local = fields[1];
			const state = fields[3];
			const inode = fields[9];
			if (!local || !inode || state !== '0A') continue; // 0A = LISTEN
			const hexPort = local.split(':').pop();
			if (hexPort && Number.parseInt(hexPort, 16) === port) inodes.add(inode);
		}
	}
	return inodes;
}

/** "uvicorn (pid 1234)" for the process listening on the port, when it can be found. */
export async function portOwner(port: number): Promise<string | undefined> {
	const inodes = await socketInodes(port);
	if (inodes.size > 0) {
		let pids: string[] = [];
		try {
			pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
		} catch {
			pids = [];
		}
		for (const pid of pids) {
			let fds: string[];
			try {
				fds = await readdir(`/proc/${pid}/fd`);
			} catch {
				continue;
			}
			for (const fd of fds) {
				let target: string;
				try {
					target = await readlink(`/proc/${pid}/fd/${fd}`);
				} catch {
					continue;
				}
				const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
				if (inode && inodes.has(inode)) {
					const name = await readFile(`/proc/${pid}/comm`, 'utf8').then((text) => text.trim(), () => 'a process');
					return `${name} (pid ${pid})`;
				}
			}
		}
	}
	try {
		const {stdout} = await execa('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'], {timeout: 1500, reject: false});
		const pid = /^p(\d+)/m.exec(stdout)?.[1];
		const command = /^c(.+)$/m.exec(stdout)?.[1];
		if (pid) return `${command ?? 'a process'} (pid ${pid})`;
	} catch {
		// lsof missing: say less
	}
	return undefined;
}

/** Probes each port; names the owner of busy ones. */
export async function probePorts(ports: readonly number[]): Promise<PortProbe[]> {
	return Promise.all(
		ports.map(async (port) => {
			const free = await isPortFree(port);
			if (free) return {port, free};
			const owner = await portOwner(port);
			return owner ? {port, free, owner} : {port, free};
		}),
	);
}
