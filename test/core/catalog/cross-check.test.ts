/**
 * Cross-checks the hand-written catalog against test/fixtures/reference/component-metadata.json (extracted from Dapr's
 * metadata.yaml files). The catalog follows Go's Operations() where the two differ; each such difference is listed
 * in OPERATION_DIFFERENCES below, so a new disagreement fails instead of being absorbed.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {CATALOG, TYPE_ALIASES, canonicalType, categoryOf, lookupComponentType} from '../../../src/core/catalog/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// A copy kept in the repository (test/fixtures/reference/SOURCE.md says where it comes from).
const jsonPath = path.resolve(repoRoot, 'test/fixtures/reference/component-metadata.json');

type JsonKey = {name: string; required: boolean};
type JsonComponent = {
	type: string;
	title: string;
	binding?: {input: boolean; output: boolean; operations?: string[]};
	operationsNote?: string;
	metadata?: JsonKey[] | null;
	authenticationProfiles?: {title: string; metadata?: JsonKey[] | null}[];
	builtinAuthenticationProfiles?: string[];
};
type JsonFile = {
	components: JsonComponent[];
	aliases: Record<string, string>;
	builtinAuthenticationProfiles: Record<string, {metadata: JsonKey[]}[]>;
	notes: {registeredInDaprdWithoutMetadataYaml?: string[]};
};


/**
 * Deliberate differences between the catalog's operations and metadata.yaml's. `go`: the catalog holds the list
 * that the Go Operations() method returns, as quoted in the JSON's operationsNote (daprd checks against that).
 * `none`: input-only bindings register no output side, so daprd accepts no operation at all.
 */
const OPERATION_DIFFERENCES: Readonly<Record<string, 'go' | 'none'>> = {
	'bindings.alicloud.dingtalk.webhook': 'go', // yaml: create read; Go: create get
	'bindings.alicloud.tablestore': 'go', // Go adds delete get list
	'bindings.aws.kinesis': 'go', // yaml lists read, Go: create only
	'bindings.aws.s3': 'go', // Go adds presign
	'bindings.aws.sqs': 'go', // yaml lists read, Go: create only
	'bindings.azure.openai': 'go', // Go adds get-embedding
	'bindings.cloudflare.queues': 'go', // yaml: create read; Go: create publish
	'bindings.dubbo': 'go', // yaml: create; Go: get
	'bindings.gcp.bucket': 'go', // Go adds get delete list sign bulkGet rename
	'bindings.gcp.pubsub': 'go', // yaml lists read, Go: create only
	'bindings.graphql': 'go', // yaml: create; Go: query mutation
	'bindings.huawei.obs': 'go', // Go adds upload get delete list
	'bindings.influx': 'go', // Go adds query
	'bindings.kitex': 'go', // yaml: create; Go: get
	'bindings.kubemq': 'go', // yaml lists read, Go: create only
	'bindings.localstorage': 'go', // Go adds get list delete
	'bindings.mqtt3': 'go', // yaml lists read, Go: create only
	'bindings.rocketmq': 'go', // yaml lists read, Go: create only
	'bindings.wasm': 'go', // yaml: create; Go: execute
	'bindings.kubernetes': 'none', // input only; yaml lists read
	'bindings.rethinkdb.statechange': 'none', // input only; yaml lists read
};

/** Parses "Go Operations() in <file> returns: a, b, c; ..." from an operationsNote. */
function goOperations(note: string | undefined): string[] | null {
	const m = /returns: ([^;]*)(;|$)/.exec(note ?? '');
	if (!m?.[1]) return null;
	return m[1]
		.split(',')
		.map((s) => s.trim().replace(/\.$/, ''))
		.filter((s) => s !== '');
}

const sorted = (xs: readonly string[]): string[] => [...xs].sort();

describe('catalog cross-check against component-metadata.json', () => {
	const load = (): JsonFile => {
		return JSON.parse(readFileSync(jsonPath, 'utf8')) as JsonFile;
	};

	it('knows every JSON type and alias with the same category', () => {
		const json = load();
		expect(json.components.length).toBeGreaterThan(100);
		for (const c of json.components) {
			const entry = lookupComponentType(c.type);
			expect(entry?.type, c.type).toBe(c.type);
			expect(entry?.category, c.type).toBe(c.type.split('.')[0]);
		}
		for (const [alias, canonical] of Object.entries(json.aliases)) {
			expect(canonicalType(alias), alias).toBe(canonical);
			expect(categoryOf(alias), alias).toBe(canonical.split('.')[0]);
		}
		expect(TYPE_ALIASES).toEqual(json.aliases);
	});

	it('has nothing the JSON does not know, except types registered without a metadata.yaml', () => {
		const json = load();
		const known = new Set(json.components.map((c) => c.type));
		const extra = CATALOG.map((e) => e.type).filter((t) => !known.has(t));
		expect(sorted(extra)).toEqual(sorted(json.notes.registeredInDaprdWithoutMetadataYaml ?? []));
	});

	it('agrees on binding directions for every binding', () => {
		const json = load();
		for (const c of json.components.filter((x) => x.binding)) {
			const entry = lookupComponentType(c.type);
			expect(entry?.binding, c.type).toBeDefined();
			expect({input: entry?.binding?.input, output: entry?.binding?.output}, c.type).toEqual({
				input: c.binding?.input,
				output: c.binding?.output,
			});
		}
	});

	it('agrees on operations, differences only where the table says so', () => {
		const json = load();
		const withNotes = json.components.filter((c) => goOperations(c.operationsNote) !== null).map((c) => c.type);
		// Every Go/yaml disagreement in the JSON is named in the table (and nothing else is).
		const goRows = Object.entries(OPERATION_DIFFERENCES)
			.filter(([, how]) => how === 'go')
			.map(([t]) => t);
		expect(sorted(goRows)).toEqual(sorted(withNotes));
		for (const c of json.components.filter((x) => x.binding)) {
			const ops = lookupComponentType(c.type)?.binding?.operations ?? [];
			const how = OPERATION_DIFFERENCES[c.type];
			if (how === 'go') expect(sorted(ops), c.type).toEqual(sorted(goOperations(c.operationsNote) ?? []));
			else if (how === 'none') {
				expect(c.binding?.output, c.type).toBe(false);
				expect(ops, c.type).toEqual([]);
			} else expect(sorted(ops), c.type).toEqual(sorted(c.binding?.operations ?? []));
		}
	});

	// components-contrib v1.18.0-rc.1 Init code vs metadata.yaml `required`:
	// - bindings.smtp: parseMetadata `host and port fields are required in metadata` (port 0 fails);
	// - bindings.twilio.sendgrid: parseMetadata `apiKey field is required in metadata`;
	// - bindings.twilio.sms: Init `"accountSid" is a required field`, `"authToken" is a required field`;
	// - bindings.rabbitmq: parseMetadata `missing host address`;
	// - bindings.mqtt3: parseMQTTMetaData `missing consumerID`;
	// - bindings.localstorage: fileName is read from each request's metadata, never in Init.
	const REQUIRED_BY_INIT: Readonly<Record<string, {readonly add: readonly string[]; readonly drop: readonly string[]}>> = {
		'bindings.smtp': {add: ['port'], drop: []},
		'bindings.twilio.sendgrid': {add: ['apiKey'], drop: []},
		'bindings.twilio.sms': {add: ['accountSid', 'authToken'], drop: []},
		'bindings.rabbitmq': {add: ['host'], drop: []},
		'bindings.mqtt3': {add: ['consumerID'], drop: []},
		'bindings.localstorage': {add: [], drop: ['fileName']},
	};

	it('agrees on metadata keys and required keys for every detailed entry', () => {
		const json = load();
		const detailed = CATALOG.filter((e) => e.metadata !== null);
		expect(detailed.length).toBeGreaterThanOrEqual(17);
		for (const entry of detailed) {
			const c = json.components.find((x) => x.type === entry.type);
			expect(c, entry.type).toBeDefined();
			if (!c) continue;
			const own = c.metadata ?? [];
			const auth = (c.authenticationProfiles ?? []).flatMap((p) => p.metadata ?? []);
			const builtin = (c.builtinAuthenticationProfiles ?? []).flatMap((name) =>
				(json.builtinAuthenticationProfiles[name] ?? []).flatMap((p) => p.metadata),
			);
			const jsonKeys = new Set([...own, ...auth, ...builtin].map((k) => k.name));
			const catalogKeys = new Set((entry.metadata ?? []).map((k) => k.name));
			expect(sorted([...catalogKeys]), entry.type).toEqual(sorted([...jsonKeys]));
			// Required = required among the component's own keys; profile keys are required only within a profile.
			// Where a component's Init code disagrees with its metadata.yaml, the catalog follows Init (issue 9); the
			// differences are named in REQUIRED_BY_INIT and nowhere else.
			const diff = REQUIRED_BY_INIT[entry.type] ?? {add: [], drop: []};
			const jsonRequired = [...own.filter((k) => k.required && !diff.drop.includes(k.name)).map((k) => k.name), ...diff.add.filter((k) => !own.some((o) => o.name === k && o.required))];
			const catalogRequired = (entry.metadata ?? []).filter((k) => k.required).map((k) => k.name);
			expect(sorted(catalogRequired), entry.type).toEqual(sorted(jsonRequired));
		}
	});

	it('catalogues the lab types in detail', () => {
		for (const t of [
			'bindings.cron',
			'bindings.http',
			'bindings.aws.s3',
			'bindings.smtp',
			'bindings.kafka',
			'bindings.rabbitmq',
			'bindings.postgres',
			'bindings.mysql',
			'bindings.redis',
			'bindings.twilio.sms',
			'bindings.twilio.sendgrid',
			'bindings.localstorage',
			'bindings.mqtt3',
			'pubsub.redis',
			'pubsub.kafka',
			'pubsub.rabbitmq',
			'state.redis',
		]) {
			expect(lookupComponentType(t)?.metadata, t).not.toBeNull();
		}
	});
});
