/**
 * Where a room keeps its events. The grid is a fold of them (core/room/grid.ts), so a store only has to keep events,
 * durably and at most once per id, and hand every server the same sequence.
 */
import type {StoredEvent} from '../../core/room/grid.js';
import type {RoomTokens} from './tokens.js';

export type AppendResult = {readonly added: number; readonly duplicates: number};

export type RoomStore = {
	/** Human-readable place, for the start-up banner. */
	readonly describe: string;
	/** The room's tokens: the stored ones, or `fresh` stored (first start). */
	tokens(fresh: RoomTokens): Promise<RoomTokens>;
	/** Replays every stored event to `onEvents`, then delivers new ones as they are stored (by any server). */
	start(onEvents: (events: readonly StoredEvent[]) => void): Promise<void>;
	/** Stores the events whose ids are new. Resolves once they (and any earlier copy of a duplicate) are durable. */
	append(events: readonly StoredEvent[]): Promise<AppendResult>;
	close(): Promise<void>;
};

/** Opens the store a `--store` URL names (`redis://…`), or the embedded one in `dataDir`. */
export async function openStore(options: {readonly dataDir: string; readonly storeUrl?: string | undefined; readonly room: string; readonly onWarning?: (message: string) => void}): Promise<RoomStore> {
	if (options.storeUrl) {
		if (!/^rediss?:\/\//.test(options.storeUrl)) throw new Error(`--store must be a redis:// or rediss:// URL (got ${options.storeUrl}).`);
		const {openRedisStore} = await import('./redis-store.js');
		return openRedisStore(options.storeUrl, options.room);
	}
	const {openFileStore} = await import('./file-store.js');
	return openFileStore(options.dataDir, options.onWarning);
}
