import {describe, expect, it} from 'vitest';
import {
	allComponentTypes,
	canonicalType,
	categoryOf,
	lookupComponentType,
	matchMetadataKey,
	runtimeMetadataKeys,
} from '../../../src/core/catalog/index.js';
import {didYouMean} from '../../../src/core/text.js';

describe('lookupComponentType / canonicalType', () => {
	it.each([
		['bindings.cron', 'bindings.cron'],
		['bindings.postgresql', 'bindings.postgres'],
		['bindings.mqtt', 'bindings.mqtt3'],
		['state.postgres', 'state.postgresql'],
		['pubsub.redis', 'pubsub.redis'],
		['Bindings.Cron', 'bindings.cron'],
		[' bindings.http ', 'bindings.http'],
		['bindings.crons', null],
		['bindings.cron.v1', null],
		['cron', null],
		['', null],
	])('%j → %j', (type, canonical) => {
		expect(canonicalType(type)).toBe(canonical);
		expect(lookupComponentType(type)?.type ?? null).toBe(canonical);
	});
});

describe('binding facts daprd enforces', () => {
	it.each([
		['bindings.cron', true, false, []],
		['bindings.http', false, true, ['create', 'get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'trace']],
		['bindings.aws.s3', false, true, ['create', 'get', 'delete', 'list', 'presign', 'bulkGet', 'bulkCreate', 'bulkDelete']],
		['bindings.mqtt3', true, true, ['create']],
		['bindings.kafka', true, true, ['create']],
		['bindings.postgresql', false, true, ['exec', 'query', 'close']],
		['bindings.localstorage', false, true, ['create', 'get', 'list', 'delete']],
		['bindings.redis', false, true, ['create', 'get', 'delete', 'increment']],
	] as const)('%s: input=%s output=%s', (type, input, output, ops) => {
		const b = lookupComponentType(type)?.binding;
		expect(b?.input).toBe(input);
		expect(b?.output).toBe(output);
		expect(b?.operations).toEqual(ops);
	});

	it('keeps http operations lower-case (daprd compares case-sensitively)', () => {
		const ops = lookupComponentType('bindings.http')?.binding?.operations ?? [];
		expect(ops).not.toContain('POST');
		expect(ops.every((o) => o === o.toLowerCase())).toBe(true);
	});

	it('has required keys for the lab bindings', () => {
		const req = (t: string) => (lookupComponentType(t)?.metadata ?? []).filter((k) => k.required).map((k) => k.name);
		expect(req('bindings.cron')).toEqual(['schedule']);
		expect(req('bindings.http')).toEqual(['url']);
		expect(req('bindings.aws.s3')).toEqual(['bucket']);
		expect(req('pubsub.redis')).toEqual(['redisHost']);
	});

	it('accepts auth-profile keys students put in components, as optional', () => {
		const s3 = lookupComponentType('bindings.aws.s3');
		expect(s3?.metadata).toContainEqual({name: 'accessKey', required: false});
		expect(s3?.metadata).toContainEqual({name: 'region', required: false});
		expect(lookupComponentType('pubsub.redis')?.metadata).toContainEqual({name: 'redisPassword', required: false});
	});

	it('carries notes where real Dapr differs from the lesson', () => {
		expect(lookupComponentType('bindings.cron')?.note).toMatch(/input binding only/);
		expect(lookupComponentType('bindings.cron')?.note).toMatch(/0–6/);
		expect(lookupComponentType('bindings.http')?.note).toMatch(/compares them exactly/);
	});
});

describe('categoryOf', () => {
	it.each([
		['bindings.http', 'bindings'],
		['pubsub.snssqs', 'pubsub'],
		['state.redis', 'state'],
		['middleware.http.uppercase', 'middleware'],
		['pubsub.nats', 'pubsub'], // unknown type, category still readable from its prefix
		['binding.cron', null],
		['redis', null],
	])('%s → %s', (type, cat) => {
		expect(categoryOf(type)).toBe(cat);
	});
});

describe('allComponentTypes', () => {
	it('holds canonical names and aliases, once each', () => {
		const all = allComponentTypes();
		expect(all).toContain('bindings.cron');
		expect(all).toContain('bindings.postgresql');
		expect(all).toContain('secretstores.local.file');
		expect(new Set(all).size).toBe(all.length);
	});

	it.each([
		['bindings.corn', 'bindings.cron'],
		['binding.cron', 'bindings.cron'],
		['bindings.htp', 'bindings.http'],
		['pubsub.reddis', 'pubsub.redis'],
	])('did-you-mean %s → %s', (typo, want) => {
		expect(didYouMean(typo, allComponentTypes())).toBe(want);
	});
});

describe('runtimeMetadataKeys / matchMetadataKey', () => {
	it('gives bindings direction and route, state actorStateStore', () => {
		expect(runtimeMetadataKeys('bindings')).toEqual(['direction', 'route']);
		expect(runtimeMetadataKeys('state')).toContain('actorStateStore');
		expect(runtimeMetadataKeys('pubsub')).toContain('consumerID');
		expect(runtimeMetadataKeys('secretstores')).toEqual([]);
	});

	it.each([
		['bindings.cron', 'schedule', 'schedule'],
		['bindings.cron', 'Schedule', 'schedule'],
		['bindings.cron', 'direction', 'direction'],
		['bindings.cron', 'DIRECTION', 'direction'],
		['bindings.cron', 'route', 'route'],
		['bindings.cron', 'Route', null],
		['bindings.cron', 'schedul', null],
		['bindings.http', 'URL', 'url'],
		['state.redis', 'actorStateStore', 'actorStateStore'],
		['bindings.kubernetes', 'anything', null],
	])('%s: %s → %s', (type, key, want) => {
		const entry = lookupComponentType(type);
		expect(entry).not.toBeNull();
		if (entry) expect(matchMetadataKey(entry, key)).toBe(want);
	});
});

describe('catalog invariants', () => {
	it('has each canonical type once, in its own category', async () => {
		const {CATALOG} = await import('../../../src/core/catalog/index.js');
		const types = CATALOG.map((e) => e.type);
		expect(new Set(types).size).toBe(types.length);
		for (const e of CATALOG) {
			expect(e.type.split('.')[0], e.type).toBe(e.category);
			expect(e.type, e.type).toBe(e.type.toLowerCase());
			expect(e.binding !== undefined, e.type).toBe(e.category === 'bindings');
		}
	});

	it('maps every alias to a catalogued type that is not itself an alias', async () => {
		const {CATALOG, TYPE_ALIASES} = await import('../../../src/core/catalog/index.js');
		const types = new Set(CATALOG.map((e) => e.type));
		for (const [alias, canonical] of Object.entries(TYPE_ALIASES)) {
			expect(types.has(canonical), alias).toBe(true);
			expect(types.has(alias), alias).toBe(false);
		}
	});

	it('writes notes as sentences and lists keys and operations once', async () => {
		const {CATALOG} = await import('../../../src/core/catalog/index.js');
		for (const e of CATALOG) {
			if (e.note !== undefined) expect(e.note, e.type).toMatch(/^[A-Z].*\.$/);
			const ops = e.binding?.operations ?? [];
			expect(new Set(ops).size, e.type).toBe(ops.length);
			if (e.binding && !e.binding.output) expect(ops, e.type).toEqual([]);
			const keys = (e.metadata ?? []).map((k) => k.name);
			expect(new Set(keys).size, e.type).toBe(keys.length);
		}
	});
});
