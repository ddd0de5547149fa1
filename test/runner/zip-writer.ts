/**
 * A tiny zip writer for tests: real zip files (yauzl reads them) with whatever entries a hostile student might
 * craft: `../` names, absolute paths, symlink modes, headers that lie about sizes.
 */
import {crc32, deflateRawSync} from 'node:zlib';

export type ZipEntry = {
	readonly name: string;
	readonly data?: Buffer | string;
	/** Unix mode including the file type bits (0o100644 file, 0o120777 symlink, 0o040755 folder). */
	readonly mode?: number;
	/** Store instead of deflate. */
	readonly store?: boolean;
	/** Uncompressed size to write in the headers instead of the real one (a lying archive bomb). */
	readonly declaredSize?: number;
};

/** Builds a zip archive in memory. */
export function makeZip(entries: readonly ZipEntry[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const raw = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data ?? '', 'utf8');
		const method = entry.store ? 0 : 8;
		const body = method === 8 ? deflateRawSync(raw) : raw;
		const name = Buffer.from(entry.name, 'utf8');
		const crc = crc32(raw);
		const size = entry.declaredSize ?? raw.length;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x0800, 6);
		local.writeUInt16LE(method, 8);
		local.writeUInt16LE(0, 10);
		local.writeUInt16LE(0x21, 12);
		local.writeUInt32LE(crc >>> 0, 14);
		local.writeUInt32LE(body.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		locals.push(local, name, body);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE((3 << 8) | 20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(method, 10);
		central.writeUInt16LE(0, 12);
		central.writeUInt16LE(0x21, 14);
		central.writeUInt32LE(crc >>> 0, 16);
		central.writeUInt32LE(body.length, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(((entry.mode ?? (entry.name.endsWith('/') ? 0o040755 : 0o100644)) << 16) >>> 0, 38);
		central.writeUInt32LE(offset, 42);
		centrals.push(central, name);
		offset += local.length + name.length + body.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}
