/**
 * Reads what pubsub.redis published: the topic is a Redis stream of that name, each entry's field `data` holding
 * the CloudEvent JSON daprd built (dapr-facts.md §8). XRANGE reads without consuming, so the app's own subscribers
 * are not disturbed.
 */
import {createClient} from 'redis';

export type StreamEntry = {
	readonly id: string;
	readonly fields: Readonly<Record<string, string>>;
	/** The parsed `data` field (the CloudEvent), or null when it is not JSON. */
	readonly cloudEvent: Readonly<Record<string, unknown>> | null;
};

/** `localhost:6379` / `redis://host:port` → a redis:// URL. */
export function redisUrl(address: string, password?: string, db?: string): string {
	const base = address.includes('://') ? address : `redis://${address}`;
	const url = new URL(base);
	if (password) url.password = password;
	if (db && db !== '0') url.pathname = `/${db}`;
	return url.toString();
}

/** XRANGE <stream> - + (at most `count` entries); throws when Redis cannot be reached within timeoutMs. */
export async function readStream(url: string, stream: string, options: {readonly count?: number; readonly timeoutMs?: number; readonly signal?: AbortSignal} = {}): Promise<StreamEntry[]> {
	const client = createClient({url, socket: {connectTimeout: options.timeoutMs ?? 3000, reconnectStrategy: false}});
	client.on('error', () => {
		// surfaced by the awaited calls below
	});
	const onAbort = () => void client.destroy();
	options.signal?.addEventListener('abort', onAbort, {once: true});
	try {
		await client.connect();
		const entries = await client.xRange(stream, '-', '+', {COUNT: options.count ?? 1000});
		return (entries ?? []).map((entry) => {
			const fields = entry.message as Record<string, string>;
			let cloudEvent: Record<string, unknown> | null = null;
			try {
				const parsed: unknown = JSON.parse(fields['data'] ?? '');
				if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) cloudEvent = parsed as Record<string, unknown>;
			} catch {
				cloudEvent = null;
			}
			return {id: entry.id, fields, cloudEvent};
		});
	} finally {
		options.signal?.removeEventListener('abort', onAbort);
		if (client.isOpen) await client.quit().catch(() => client.destroy());
	}
}

/** The CloudEvent's payload: `data` as an object when JSON, parsed from a string when the publisher sent text/plain JSON. */
export function cloudEventData(event: Readonly<Record<string, unknown>>): unknown {
	const data = event['data'];
	if (typeof data === 'string') {
		try {
			return JSON.parse(data);
		} catch {
			return data;
		}
	}
	return data;
}
