/**
 * The Dapr component catalog: which spec.type values daprd knows, their category, binding directions and output
 * operations, and (for the types the labs use) the metadata keys with the required ones. Pure data and lookups.
 */
import type {CatalogEntry, ComponentCategory} from '../model.js';
import {BINDINGS} from './bindings.js';
import {DETAILED_OTHERS, NAMED_OTHERS} from './others.js';

/**
 * Alternative names daprd registers for the same component (dapr/dapr cmd/daprd/components/*.go register several
 * names per factory). Alias → canonical type.
 */
export const TYPE_ALIASES: Readonly<Record<string, string>> = {
	'bindings.alicloud.dubbo': 'bindings.dubbo',
	'bindings.azure.servicebusqueues': 'bindings.azure.servicebus.queues',
	'bindings.dingtalk.webhook': 'bindings.alicloud.dingtalk.webhook',
	'bindings.mqtt': 'bindings.mqtt3',
	'bindings.postgresql': 'bindings.postgres',
	'configuration.postgres': 'configuration.postgresql',
	'nameresolution.consul': 'nameresolution.hashicorp.consul',
	'pubsub.azure.servicebus': 'pubsub.azure.servicebus.topics',
	'pubsub.azure.servicebusqueues': 'pubsub.azure.servicebus.queues',
	'pubsub.mqtt': 'pubsub.mqtt3',
	'pubsub.snssqs': 'pubsub.aws.snssqs',
	'state.consul': 'state.hashicorp.consul',
	'state.postgres': 'state.postgresql',
	'state.sqlite3': 'state.sqlite',
	'state.yugabyte': 'state.postgresql',
	'state.yugabytedb': 'state.postgresql',
};

/** Every catalogued entry, canonical types only. */
export const CATALOG: readonly CatalogEntry[] = [...BINDINGS, ...DETAILED_OTHERS, ...NAMED_OTHERS];

// daprd's component registries lower-case the type before looking it up, so `bindings.Cron` loads like
// `bindings.cron`; lookups here do the same.
const BY_TYPE: ReadonlyMap<string, CatalogEntry> = new Map(CATALOG.map((e) => [e.type.toLowerCase(), e]));
const ALIASES_LOWER: ReadonlyMap<string, string> = new Map(
	Object.entries(TYPE_ALIASES).map(([alias, canonical]) => [alias.toLowerCase(), canonical]),
);

const CATEGORIES: readonly ComponentCategory[] = [
	'bindings',
	'pubsub',
	'state',
	'secretstores',
	'configuration',
	'lock',
	'middleware',
	'nameresolution',
	'conversation',
	'crypto',
	'workflows',
];

/** The canonical type for a spec.type (canonical or alias, any letter case), or null when daprd does not know it. */
export function canonicalType(type: string): string | null {
	const key = type.trim().toLowerCase();
	const alias = ALIASES_LOWER.get(key);
	if (alias !== undefined) return alias;
	return BY_TYPE.get(key)?.type ?? null;
}

/** The catalog entry for a spec.type (canonical or alias, e.g. `bindings.postgresql` → `bindings.postgres`). */
export function lookupComponentType(type: string): CatalogEntry | null {
	const canonical = canonicalType(type);
	return canonical === null ? null : (BY_TYPE.get(canonical.toLowerCase()) ?? null);
}

const ALL_TYPES: readonly string[] = Object.freeze([...CATALOG.map((e) => e.type), ...Object.keys(TYPE_ALIASES)].sort());

/** Every spec.type daprd knows, canonical names and aliases, sorted: the candidates for did-you-mean. */
export function allComponentTypes(): readonly string[] {
	return ALL_TYPES;
}

/**
 * Category of a spec.type: the catalog's when the type is known, else the category its prefix names
 * (`pubsub.nats` → `pubsub`), so a lab can still tell that an unknown type was meant as a pub/sub; null otherwise.
 */
export function categoryOf(type: string): ComponentCategory | null {
	const entry = lookupComponentType(type);
	if (entry !== null) return entry.category;
	const prefix = type.trim().toLowerCase().split('.')[0] ?? '';
	return CATEGORIES.find((c) => c === prefix) ?? null;
}

// Keys the Dapr runtime itself reads from a component's spec.metadata, on top of what the component reads:
// - bindings: `direction` (binding.go isBindingOfDirection, matched case-insensitively) and `route` (custom input
//   path, binding.go, matched exactly) — dapr-facts §1 and §3.
// - pubsub: `consumerID` (daprd fills it with the app id when absent and the broker reads it as its consumer group),
//   and the topic-scoping keys `allowedTopics`, `protectedTopics`, `publishingScopes`, `subscriptionScopes`
//   (runtime/pubsub scoping, documented under "Scope Pub/Sub topic access"). consumerID is also a pubsub.redis key.
// - state: `actorStateStore` (marks the actor state store; the lesson's statestore.yaml sets it, dapr-facts §9)
//   and `keyPrefix` (appid | name | none | custom prefix, applied by the runtime's state key handling).
// Other categories get none: nothing in the lab sets runtime keys on them, and guessing would hide typos.
const RUNTIME_KEYS: Readonly<Record<ComponentCategory, readonly string[]>> = {
	bindings: ['direction', 'route'],
	pubsub: ['consumerID', 'allowedTopics', 'protectedTopics', 'publishingScopes', 'subscriptionScopes'],
	state: ['actorStateStore', 'keyPrefix'],
	secretstores: [],
	configuration: [],
	lock: [],
	middleware: [],
	nameresolution: [],
	conversation: [],
	crypto: [],
	workflows: [],
};

/** Metadata keys every component of a category accepts from the runtime, beyond its own (bindings: direction, route). */
export function runtimeMetadataKeys(category: ComponentCategory): readonly string[] {
	return RUNTIME_KEYS[category];
}

// Component keys read by a direct map lookup instead of DecodeMetadata: only the exact spelling is seen.
// bindings.http `errorIfNot2XX`: bindings/http/http.go Init `meta.Properties["errorIfNot2XX"]` (components-contrib
// v1.18.0-rc.1); httpMetadata has no field for it, so `ErrorIfNot2XX` is ignored and the default (true) applies.
const EXACT_COMPONENT_KEYS: Readonly<Record<string, readonly string[]>> = {
	'bindings.http': ['errorIfNot2XX'],
};

/**
 * The catalogued key a spec.metadata name stands for, or null. Dapr decodes component metadata into Go structs
 * case-insensitively (kit metadata.DecodeMetadata), so `RedisHost` works like `redisHost`. Runtime keys are matched
 * as the runtime matches them: `direction` ignoring case (strings.EqualFold), the others exactly (`route` is
 * compared with ==, so `Route` is silently ignored). Returns null too when the entry has no detailed metadata.
 */
export function matchMetadataKey(entry: CatalogEntry, name: string): string | null {
	if (entry.metadata === null) return null;
	const lower = name.trim().toLowerCase();
	const exact = EXACT_COMPONENT_KEYS[entry.type] ?? [];
	for (const key of entry.metadata) {
		if (exact.includes(key.name) ? key.name === name.trim() : key.name.toLowerCase() === lower) return key.name;
	}
	for (const key of runtimeMetadataKeys(entry.category)) {
		if (key === name.trim() || (key === 'direction' && key === lower)) return key;
	}
	return null;
}

// Keys a component still reads but that its metadata.yaml no longer lists, because a newer key replaced them. Real
// samples use them (the bindings quickstart's binding-postgres.yaml sets `url`; python-sdk's kafka-binding.yaml sets
// `authRequired`), and daprd honours them, so they are not unknown: component/unknown-metadata notes them as info.
// - bindings.postgres `url`: bindings/postgres/metadata.go copies it into connectionString when that is empty.
// - bindings.kafka / pubsub.kafka `authRequired`: common/component/kafka/metadata.go upgrades it to an authType
//   (password when SASL credentials are set).
// - pubsub.rabbitmq `host`: pubsub/rabbitmq/metadata.go copies Properties["host"] (a direct map lookup, so the
//   spelling is exact) into connectionString when that is empty, with a `[DEPRECATION NOTICE]` warning in the log.
const LEGACY_METADATA_KEYS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	'bindings.postgres': {url: 'connectionString'},
	'bindings.kafka': {authRequired: 'authType'},
	'pubsub.kafka': {authRequired: 'authType'},
	'pubsub.rabbitmq': {host: 'connectionString'},
};

// Legacy keys read by direct map lookup: only the exact spelling works (`Host` is ignored).
const EXACT_LEGACY_KEYS: ReadonlySet<string> = new Set(['pubsub.rabbitmq host']);

/**
 * A legacy key of this component type that daprd still reads (`url` for bindings.postgres), as {key, replacement},
 * or null. Matched case-insensitively, as component metadata is decoded.
 */
export function legacyMetadataKey(entry: CatalogEntry, name: string): {readonly key: string; readonly replacement: string} | null {
	const table = LEGACY_METADATA_KEYS[entry.type];
	if (!table) return null;
	const lower = name.trim().toLowerCase();
	for (const [key, replacement] of Object.entries(table)) {
		const exact = EXACT_LEGACY_KEYS.has(`${entry.type} ${key}`);
		if (exact ? key === name.trim() : key.toLowerCase() === lower) return {key, replacement};
	}
	return null;
}

// Keys metadata.yaml marks required that the binding only needs when an invocation runs, and that each request may
// supply in its own metadata instead (dapr-facts §2: smtp's emailTo etc. fail with "... not supplied in
// configuration- or request-metadata" at invoke time, not at init). The SendGrid sample of dapr/samples sets only
// emailFrom and the key and passes emailTo and subject per request; twilio.sms reads toNumber from the request too.
const PER_REQUEST_METADATA_KEYS: Readonly<Record<string, readonly string[]>> = {
	'bindings.smtp': ['emailFrom', 'emailTo', 'emailCC', 'emailBCC', 'subject', 'priority'],
	'bindings.twilio.sendgrid': ['emailFrom', 'emailFromName', 'emailTo', 'emailToName', 'subject', 'emailCc', 'emailBcc', 'dynamicTemplateData', 'dynamicTemplateId'],
	'bindings.twilio.sms': ['toNumber'],
};

/** Whether a catalogued key may be left out of the component because each invoke_binding request can supply it. */
export function suppliedPerRequest(entry: CatalogEntry, key: string): boolean {
	return (PER_REQUEST_METADATA_KEYS[entry.type] ?? []).some((name) => name.toLowerCase() === key.toLowerCase());
}

// Component types components-contrib removed, with the first release without them (git history of
// dapr/components-contrib: 2a5abb9a4 "Remove deprecated components: pubsub.hazelcast, bindings.twitter" first in
// v1.11.0; 75078a3e1 "Remove deprecated NATS Streaming PubSub Component" first in v1.13.0). A did-you-mean for these
// would send the student to an unrelated type.
const REMOVED_TYPES: Readonly<Record<string, string>> = {
	'bindings.twitter': 'v1.11',
	'pubsub.hazelcast': 'v1.11',
	'pubsub.natsstreaming': 'v1.13',
};

/** The Dapr release that removed this component type (`bindings.twitter` → `v1.11`), or null. Any letter case. */
export function removedInRelease(type: string): string | null {
	return REMOVED_TYPES[type.trim().toLowerCase()] ?? null;
}
