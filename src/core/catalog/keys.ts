/**
 * Small helpers to write catalog metadata keys compactly, plus the keys of Dapr's builtin authentication profiles.
 * Facts transcribed from components-contrib's metadata.yaml files (see test/fixtures/reference/component-metadata.json).
 */
import type {CatalogMetadataKey} from '../model.js';

/**
 * Builds metadata keys from names; a trailing `!` marks a key Init requires (`'schedule!'`), `!invoke` one that only
 * each invoke needs (`'url!invoke'`: bindings.http loads without it). Later duplicates are dropped, so
 * an authentication profile can repeat a key the component already lists (redis' OIDC profile repeats redisUsername).
 */
export function keys(...groups: readonly (readonly string[])[]): readonly CatalogMetadataKey[] {
	const out: CatalogMetadataKey[] = [];
	const seen = new Set<string>();
	for (const group of groups) {
		for (const raw of group) {
			// `!` required when Init runs; `!invoke` required by every invoke (the component itself loads).
			const atInvoke = raw.endsWith('!invoke');
			const required = atInvoke || raw.endsWith('!');
			const name = atInvoke ? raw.slice(0, -'!invoke'.length) : required ? raw.slice(0, -1) : raw;
			if (seen.has(name)) continue;
			seen.add(name);
			out.push(atInvoke ? {name, required, requiredAt: 'invoke'} : {name, required});
		}
	}
	return out;
}

/**
 * Authentication-profile keys are all optional here: a component needs the keys of ONE profile, never of every
 * profile, so none of them is required on its own (metadata.yaml marks them required within their profile only).
 */
export function optional(...names: readonly string[]): readonly string[] {
	return names.map((n) => (n.endsWith('!') ? n.slice(0, -1) : n));
}

/** Keys of the builtin `aws` authentication profiles (access key, assume role, environment, IAM Roles Anywhere). */
export const AWS_AUTH = optional(
	'region',
	'awsRegion',
	'accessKey',
	'secretKey',
	'sessionToken',
	'assumeRoleArn',
	'sessionName',
	'trustAnchorArn',
	'trustProfileArn',
);

/** Keys of the builtin `azuread` authentication profiles (managed identity, client credentials, certificate). */
export const AZUREAD_AUTH = optional(
	'azureTenantId',
	'azureClientId',
	'azureClientSecret',
	'azureEnvironment',
	'azureCertificate',
	'azureCertificateFile',
	'azureCertificatePassword',
);

/** Keys of the builtin `gcp` authentication profile (service-account JSON fields). */
export const GCP_AUTH = optional(
	'type',
	'projectID',
	'privateKeyID',
	'privateKey',
	'clientEmail',
	'clientID',
	'authURI',
	'tokenURI',
	'authProviderX509CertURL',
	'clientX509CertURL',
);

/** Keys of the redis components' `Username and password` and `OIDC private_key_jwt` profiles. */
export const REDIS_AUTH = optional(
	'redisUsername',
	'redisPassword',
	'sentinelUsername',
	'sentinelPassword',
	'useOIDC',
	'oidcTokenEndpoint',
	'oidcClientID',
	'oidcClientAssertionCert',
	'oidcClientAssertionKey',
	'oidcResource',
	'oidcAudience',
	'oidcScopes',
	'oidcKid',
	'oidcCACert',
);

/** Keys of the kafka components' OIDC, OIDC private-key JWT, SASL, mTLS and no-auth profiles. */
export const KAFKA_AUTH = optional(
	'authType',
	'oidcTokenEndpoint',
	'oidcClientID',
	'oidcClientSecret',
	'oidcScopes',
	'oidcExtensions',
	'oidcClientAssertionCert',
	'oidcClientAssertionKey',
	'oidcResource',
	'oidcAudience',
	'oidcKid',
	'saslUsername',
	'saslPassword',
	'saslMechanism',
	'caCert',
	'clientCert',
	'clientKey',
);

/** Client settings every Redis-backed component reads (components-contrib's common/component/redis settings). */
export const REDIS_CLIENT = [
	'redisType',
	'redisDB',
	'redisMaxRetries',
	'redisMinRetryInterval',
	'redisMaxRetryInterval',
	'dialTimeout',
	'readTimeout',
	'writeTimeout',
	'poolSize',
	'poolTimeout',
	'maxConnAge',
	'minIdleConns',
	'idleCheckFrequency',
	'idleTimeout',
	'failover',
	'sentinelMasterName',
] as const;

/** Settings bindings.kafka and pubsub.kafka share (both are built on components-contrib's common/component/kafka). */
export const KAFKA_CLIENT = [
	'brokers!',
	'consumerGroup',
	'clientID',
	'initialOffset',
	'maxMessageBytes',
	'consumeRetryInterval',
	'consumeRetryEnabled',
	'heartbeatInterval',
	'sessionTimeout',
	'version',
	'skipVerify',
	'disableTls',
	'clientConnectionTopicMetadataRefreshInterval',
	'clientConnectionKeepAliveInterval',
	'dialTimeout',
	'readTimeout',
	'writeTimeout',
	'metadataTimeout',
	'producerRequiredAcks',
	'producerRetryMax',
	'schemaRegistryURL',
	'schemaRegistryAPIKey',
	'schemaRegistryAPISecret',
	'schemaCachingEnabled',
	'schemaLatestVersionCacheTTL',
	'escapeHeaders',
	'useAvroJSON',
	'compression',
	'consumerGroupRebalanceStrategy',
	'excludeHeaderMetaRegex',
] as const;

/** Connection keys of every Redis-backed component (host, port, TLS). */
export const REDIS_CONNECTION = ['redisHost!', 'redisPort', 'enableTLS', 'insecureSkipTLSVerify', 'clientCert', 'clientKey'] as const;
