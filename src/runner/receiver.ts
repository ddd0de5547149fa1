/**
 * A local webhook receiver standing in for httpbin.org/post, so the labs with an HTTP output binding verify the HTTP output
 * binding with no internet: it records every request and answers like httpbin's /post (an echo of the request).
 */
import {createServer, type IncomingHttpHeaders} from 'node:http';

export type ReceivedRequest = {
	readonly method: string;
	readonly path: string;
	readonly headers: IncomingHttpHeaders;
	readonly body: string;
	/** The body parsed as JSON, or undefined when it is not JSON. */
	readonly json: unknown;
	readonly at: Date;
};

export type Receiver = {
	/** Base URL, e.g. `http://127.0.0.1:41234`; the echo answers on every path (`/post` included). */
	readonly url: string;
	readonly port: number;
	readonly requests: readonly ReceivedRequest[];
	/** Resolves with the first recorded request matching, or null on timeout/abort. */
	waitFor(match: (request: ReceivedRequest) => boolean, timeoutMs: number, signal?: AbortSignal): Promise<ReceivedRequest | null>;
	close(): Promise<void>;
};

const MAX_BODY = 1024 * 1024;

/** Starts the receiver on 127.0.0.1 with a free port. */
export async function startReceiver(): Promise<Receiver> {
	const requests: ReceivedRequest[] = [];
	const waiters = new Set<() => void>();
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY) chunks.push(chunk);
		});
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			let json: unknown;
			try {
				json = body === '' ? undefined : JSON.parse(body);
			} catch {
				json = undefined;
			}
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const record: ReceivedRequest = {method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body, json, at: new Date()};
			requests.push(record);
			const echo = {
				args: Object.fromEntries(url.searchParams),
				data: body,
				files: {},
				form: {},
				headers: req.headers,
				json: json ?? null,
				origin: req.socket.remoteAddress ?? '',
				url: `http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`,
			};
			res.writeHead(200, {'content-type': 'application/json'});
			res.end(JSON.stringify(echo));
			for (const wake of waiters) wake();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		requests,
		waitFor(match, timeoutMs, signal) {
			return new Promise((resolve) => {
				const found = requests.find(match);
				if (found) return resolve(found);
				const finish = (value: ReceivedRequest | null) => {
					clearTimeout(timer);
					waiters.delete(check);
					signal?.removeEventListener('abort', onAbort);
					resolve(value);
				};
				const check = () => {
					const hit = requests.find(match);
					if (hit) finish(hit);
				};
				const onAbort = () => finish(null);
				const timer = setTimeout(() => finish(null), timeoutMs);
				waiters.add(check);
				signal?.addEventListener('abort', onAbort, {once: true});
			});
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
