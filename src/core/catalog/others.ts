/**
 * Component types other than bindings. The lab's pub/sub brokers and state store are catalogued in detail; every
 * other type daprd registers is listed by name so did-you-mean and the unknown-type rule know it.
 * Source: components-contrib c23900d metadata.yaml files and dapr/dapr cmd/daprd/components/*.go (via
 * test/fixtures/reference/component-metadata.json, whose notes also list middleware.http.uppercase as registered
 * without a metadata.yaml).
 */
import type {CatalogEntry, ComponentCategory} from '../model.js';
import {AWS_AUTH, AZUREAD_AUTH, KAFKA_AUTH, KAFKA_CLIENT, REDIS_AUTH, REDIS_CLIENT, REDIS_CONNECTION, keys, optional} from './keys.js';

/** pub/sub and state types catalogued with their metadata keys. */
export const DETAILED_OTHERS: readonly CatalogEntry[] = [
	{
		type: 'pubsub.redis',
		category: 'pubsub',
		title: 'Redis Streams',
		metadata: keys(
			[
				...REDIS_CLIENT,
				...REDIS_CONNECTION,
				'consumerID',
				'redeliverInterval',
				'processingTimeout',
				'queueDepth',
				'concurrency',
				'maxLenApprox',
				'streamTTL',
			],
			REDIS_AUTH,
			AZUREAD_AUTH,
		),
		note: 'The pubsub.redis component uses Redis Streams (XADD to a stream named after the topic), not Redis PUBLISH/SUBSCRIBE.',
	},
	{
		type: 'pubsub.kafka',
		category: 'pubsub',
		title: 'Apache Kafka',
		metadata: keys(
			[
				...KAFKA_CLIENT,
				'channelBufferSize',
				'consumerFetchMin',
				'consumerFetchDefault',
			],
			KAFKA_AUTH,
			AWS_AUTH,
		),
	},
	{
		type: 'pubsub.rabbitmq',
		category: 'pubsub',
		title: 'RabbitMQ',
		metadata: keys(
			[
				'durable',
				'publisherConfirm',
				'maxLen',
				'maxLenBytes',
				'concurrency',
				'enableDeadLetter',
				'prefetchCount',
				'exchangeKind',
				'deliveryMode',
				'autoAck',
				'deletedWhenUnused',
				'requeueInFailure',
				'reconnectWaitSeconds',
				'ttlInSeconds',
				'clientName',
				'heartBeat',
				'publishMessagePropertiesToMetadata',
			],
			optional(
				'connectionString',
				'hostname',
				'protocol',
				'username',
				'password',
				'caCert',
				'clientCert',
				'clientKey',
				'saslExternal',
			),
		),
	},
	{
		type: 'state.redis',
		category: 'state',
		title: 'Redis',
		metadata: keys(
			[
				...REDIS_CLIENT,
				...REDIS_CONNECTION,
				'redeliverInterval',
				'processingTimeout',
				'ttlInSeconds',
				'queryIndexes',
			],
			REDIS_AUTH,
			AZUREAD_AUTH,
		),
	},
];

/** Every other registered type, by category; not catalogued in detail (`metadata: null`). */
const BY_NAME: Readonly<Record<Exclude<ComponentCategory, 'bindings'>, readonly string[]>> = {
	pubsub: [
		'pubsub.aws.snssqs',
		'pubsub.azure.eventhubs',
		'pubsub.azure.servicebus.queues',
		'pubsub.azure.servicebus.topics',
		'pubsub.gcp.pubsub',
		'pubsub.in-memory',
		'pubsub.jetstream',
		'pubsub.kubemq',
		'pubsub.mqtt3',
		'pubsub.pulsar',
		'pubsub.rocketmq',
		'pubsub.solace.amqp',
	],
	state: [
		'state.aerospike',
		'state.alicloud.tablestore',
		'state.aws.dynamodb',
		'state.azure.blobstorage',
		'state.azure.cosmosdb',
		'state.azure.tablestorage',
		'state.cassandra',
		'state.cloudflare.workerskv',
		'state.cockroachdb',
		'state.coherence',
		'state.couchbase',
		'state.etcd',
		'state.gcp.firestore',
		'state.hashicorp.consul',
		'state.hazelcast',
		'state.in-memory',
		'state.jetstream',
		'state.memcached',
		'state.mongodb',
		'state.mysql',
		'state.oci.objectstorage',
		'state.oracledatabase',
		'state.postgresql',
		'state.ravendb',
		'state.rethinkdb',
		'state.sqlite',
		'state.sqlserver',
		'state.zookeeper',
	],
	secretstores: [
		'secretstores.alicloud.parameterstore',
		'secretstores.aws.parameterstore',
		'secretstores.aws.secretmanager',
		'secretstores.azure.keyvault',
		'secretstores.gcp.secretmanager',
		'secretstores.hashicorp.vault',
		'secretstores.huaweicloud.csms',
		'secretstores.kubernetes',
		'secretstores.local.env',
		'secretstores.local.file',
		'secretstores.tencentcloud.ssm',
	],
	configuration: [
		'configuration.azure.appconfig',
		'configuration.kubernetes',
		'configuration.postgresql',
		'configuration.redis',
	],
	lock: ['lock.redis'],
	middleware: [
		'middleware.http.bearer',
		'middleware.http.oauth2',
		'middleware.http.oauth2clientcredentials',
		'middleware.http.opa',
		'middleware.http.ratelimit',
		'middleware.http.routeralias',
		'middleware.http.routerchecker',
		'middleware.http.sentinel',
		'middleware.http.uppercase',
		'middleware.http.wasm',
	],
	nameresolution: [
		'nameresolution.aws.cloudmap',
		'nameresolution.hashicorp.consul',
		'nameresolution.kubernetes',
		'nameresolution.mdns',
		'nameresolution.nameformat',
		'nameresolution.sqlite',
	],
	conversation: [
		'conversation.anthropic',
		'conversation.aws.bedrock',
		'conversation.deepseek',
		'conversation.echo',
		'conversation.googleai',
		'conversation.huggingface',
		'conversation.mistral',
		'conversation.ollama',
		'conversation.openai',
	],
	crypto: ['crypto.azure.keyvault', 'crypto.dapr.jwks', 'crypto.dapr.kubernetes.secrets', 'crypto.dapr.localstorage'],
	// Workflow backends are not components a resources path loads in current Dapr; none is registered.
	workflows: [],
};

/** The by-name entries, titled with their type since only the name is known here. */
export const NAMED_OTHERS: readonly CatalogEntry[] = Object.entries(BY_NAME).flatMap(([category, types]) =>
	types.map((type): CatalogEntry => ({type, category: category as ComponentCategory, title: type, metadata: null})),
);
