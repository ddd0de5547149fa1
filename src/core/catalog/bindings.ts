/**
 * Every Dapr binding type, as facts: the directions daprd registers it for and the operations daprd accepts for it
 * as an output binding (Go `Operations()`, which daprd checks case-sensitively before calling the component; where
 * a metadata.yaml lists something else, Go wins, because that is what a student's invoke_binding meets).
 * Source: components-contrib c23900d (v1.18.4) metadata.yaml files and Operations() methods, as summarised in
 * test/fixtures/reference/component-metadata.json and dapr-facts.md §2. The lab's bindings carry their metadata keys;
 * the rest have `metadata: null` (not catalogued in detail: unknown-metadata is skipped for them).
 * Required flags follow each component's Init code at components-contrib v1.18.0-rc.1 (c23900d), not metadata.yaml:
 * bindings.http Init never reads `url` (required per invoke only); smtp Init needs host and port; SendGrid Init
 * `apiKey field is required in metadata`; twilio.sms Init needs fromNumber, accountSid, authToken; bindings.rabbitmq
 * Init `missing host address` / `missing queue Name`; mqtt3 `missing url` / `missing topic` / `missing consumerID`;
 * localstorage reads fileName per request.
 */
import type {CatalogEntry} from '../model.js';
import {AWS_AUTH, AZUREAD_AUTH, KAFKA_AUTH, KAFKA_CLIENT, REDIS_AUTH, REDIS_CLIENT, REDIS_CONNECTION, keys, optional} from './keys.js';

type Dir = 'in' | 'out' | 'inout';

function binding(
	type: string,
	title: string,
	dir: Dir,
	operations: readonly string[],
	metadata: CatalogEntry['metadata'] = null,
	note?: string,
): CatalogEntry {
	const entry: CatalogEntry = {
		type,
		category: 'bindings',
		title,
		binding: {input: dir !== 'out', output: dir !== 'in', operations},
		metadata,
	};
	return note === undefined ? entry : {...entry, note};
}

// Input-only bindings register no output side, so daprd accepts no operation for them whatever metadata.yaml says
// (kubernetes and rethinkdb.statechange list `read` there).
const NONE: readonly string[] = [];

/** The binding entries, canonical types only (aliases live in index.ts). */
export const BINDINGS: readonly CatalogEntry[] = [
	binding(
		'bindings.cron',
		'Cron',
		'in',
		NONE,
		keys(['schedule!']),
		'Real Dapr registers cron as an input binding only (it had a `delete` operation before v1.10), accepts 5-field standard crontab as well as 6 fields with seconds, numbers day-of-week 0–6 (7 is rejected) and uses the local time zone of daprd, not UTC.',
	),
	binding(
		'bindings.http',
		'HTTP',
		'out',
		['create', 'get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'trace'],
		keys([
			'url!invoke',
			'responseTimeout',
			'maxResponseBodySize',
			'MTLSRootCA',
			'MTLSClientCert',
			'MTLSClientKey',
			'MTLSRenegotiation',
			'securityToken',
			'securityTokenHeader',
			'errorIfNot2XX',
		]),
		'Its operations are these lower-case words and daprd compares them exactly, so "POST" or "Get" is rejected; `create` is sent as POST. There is no response timeout unless `responseTimeout` is set, and with `errorIfNot2XX` (default true) a 4xx/5xx answer is the error `received status code N`.',
	),
	binding(
		'bindings.aws.s3',
		'AWS S3',
		'out',
		['create', 'get', 'delete', 'list', 'presign', 'bulkGet', 'bulkCreate', 'bulkDelete'],
		keys(
			['bucket!', 'endpoint', 'forcePathStyle', 'decodeBase64', 'encodeBase64', 'disableSSL', 'insecureSSL'],
			AWS_AUTH,
		),
		'The S3 binding also accepts `presign`, which its metadata.yaml does not list.',
	),
	binding(
		'bindings.smtp',
		'SMTP',
		'out',
		['create'],
		keys(
			['host!', 'port!', 'emailFrom!', 'emailTo!', 'emailCC', 'emailBCC', 'priority', 'subject!', 'skipTLSVerify'],
			optional('user', 'password'),
		),
	),
	binding(
		'bindings.kafka',
		'Apache Kafka',
		'inout',
		['create'],
		keys(
			[
				...KAFKA_CLIENT,
				'topics',
				'publishTopic!',
			],
			KAFKA_AUTH,
			AWS_AUTH,
		),
	),
	binding(
		'bindings.rabbitmq',
		'RabbitMQ',
		'inout',
		['create'],
		keys(
			[
				'host!',
				'queueName!',
				'durable',
				'deleteWhenUnused',
				'ttl',
				'prefetchCount',
				'exclusive',
				'maxPriority',
				'contentType',
				'reconnectWaitInSeconds',
				'caCert',
				'clientCert',
				'clientKey',
				'externalSasl',
			],
		),
	),
	binding(
		'bindings.postgres',
		'PostgreSQL',
		'out',
		['exec', 'query', 'close'],
		keys(
			[
				'timeout',
				'maxConns',
				'connectionMaxIdleTime',
				'queryExecMode',
				'host',
				'hostaddr',
				'port',
				'database',
				'user',
				'password',
				'sslRootCert',
			],
			optional('connectionString'),
			AZUREAD_AUTH,
			AWS_AUTH,
		),
	),
	binding(
		'bindings.mysql',
		'MySQL & MariaDB',
		'out',
		['exec', 'query', 'close'],
		keys(['url!', 'pemPath', 'maxIdleConns', 'maxOpenConns', 'connMaxLifetime', 'connMaxIdleTime']),
	),
	binding(
		'bindings.redis',
		'Redis',
		'out',
		['create', 'get', 'delete', 'increment'],
		keys(
			[
				...REDIS_CONNECTION,
				...REDIS_CLIENT,
			],
			REDIS_AUTH,
			AZUREAD_AUTH,
		),
	),
	binding(
		'bindings.twilio.sms',
		'Twilio SMS',
		'out',
		['create'],
		keys(['fromNumber!', 'toNumber!', 'timeout', 'accountSid!', 'authToken!']),
	),
	binding(
		'bindings.twilio.sendgrid',
		'Twilio SendGrid',
		'out',
		['create'],
		keys(
			[
				'emailFrom!',
				'emailFromName',
				'emailTo!',
				'emailToName',
				'subject!',
				'emailCc',
				'emailBcc',
				'dynamicTemplateData',
				'dynamicTemplateId',
				'apiKey!',
			],
		),
	),
	binding(
		'bindings.localstorage',
		'Local Storage',
		'out',
		['create', 'get', 'list', 'delete'],
		keys(['rootPath!', 'fileName']),
		'Local storage accepts `get`, `list` and `delete` as well as `create`, which is all its metadata.yaml lists.',
	),
	binding(
		'bindings.mqtt3',
		'MQTT v3',
		'inout',
		['create'],
		keys(
			['url!', 'topic!', 'consumerID!', 'retain', 'cleanSession', 'backOffMaxRetries'],
			optional('caCert', 'clientCert', 'clientKey'),
		),
		'As an output binding MQTT accepts only `create`; the `read` its metadata.yaml lists is rejected by daprd.',
	),

	// Not catalogued in detail: directions and operations only.
	binding('bindings.alicloud.dingtalk.webhook', 'AliCloud DingTalk Webhook', 'inout', ['create', 'get']),
	binding('bindings.alicloud.oss', 'AliCloud Object Storage Service (OSS)', 'out', ['create']),
	binding('bindings.alicloud.sls', 'AliCloud Simple Log Storage (SLS)', 'out', ['create']),
	binding('bindings.alicloud.tablestore', 'AliCloud Table Store', 'out', ['create', 'delete', 'get', 'list']),
	binding('bindings.apns', 'Apple Push Notification Service (APNS)', 'out', ['create']),
	binding('bindings.aws.dynamodb', 'AWS DynamoDB', 'out', ['create']),
	binding('bindings.aws.kinesis', 'AWS Kinesis', 'inout', ['create']),
	binding('bindings.aws.ses', 'AWS Simple Email Service (SES)', 'out', ['create']),
	binding('bindings.aws.sns', 'AWS SNS', 'out', ['create']),
	binding('bindings.aws.sqs', 'AWS SQS', 'inout', ['create']),
	binding('bindings.azure.blobstorage', 'Azure Blob Storage', 'out', [
		'create',
		'get',
		'delete',
		'list',
		'bulkGet',
		'bulkCreate',
		'bulkDelete',
		'presign',
	]),
	binding('bindings.azure.cosmosdb', 'Azure Cosmos DB (SQL API)', 'out', ['create']),
	binding('bindings.azure.cosmosdb.gremlinapi', 'Azure Cosmos DB (Gremlin API)', 'out', ['query']),
	binding('bindings.azure.eventgrid', 'Azure Event Grid', 'inout', ['create']),
	binding('bindings.azure.eventhubs', 'Azure Event Hubs', 'inout', ['create']),
	binding('bindings.azure.openai', 'Azure OpenAI', 'out', ['chat-completion', 'completion', 'get-embedding']),
	binding('bindings.azure.servicebus.queues', 'Azure Service Bus Queues', 'inout', ['create']),
	binding('bindings.azure.signalr', 'Azure SignalR', 'out', ['create', 'clientNegotiate']),
	binding('bindings.azure.storagequeues', 'Azure Storage Queues', 'inout', ['create']),
	binding('bindings.cloudflare.queues', 'Cloudflare Queues', 'out', ['create', 'publish']),
	binding('bindings.commercetools', 'Commercetools', 'out', ['create']),
	binding('bindings.dubbo', 'Apache Dubbo', 'out', ['get']),
	binding('bindings.gcp.bucket', 'GCP Storage Bucket', 'out', [
		'create',
		'get',
		'delete',
		'list',
		'sign',
		'bulkGet',
		'copy',
		'rename',
		'move',
	]),
	binding('bindings.gcp.pubsub', 'Google Cloud Pub/Sub', 'inout', ['create']),
	binding('bindings.graphql', 'GraphQL', 'out', ['query', 'mutation']),
	binding('bindings.huawei.obs', 'Huawei Object Storage Service (OBS)', 'out', ['create', 'upload', 'get', 'delete', 'list']),
	binding('bindings.influx', 'InfluxDB', 'out', ['create', 'query']),
	binding(
		'bindings.kitex',
		'Kitex',
		'out',
		['get'],
		null,
		'Kitex has a metadata.yaml in components-contrib but daprd does not register it, so a component of this type fails to load.',
	),
	binding('bindings.kubemq', 'KubeMQ', 'inout', ['create']),
	binding('bindings.kubernetes', 'Kubernetes Events', 'in', NONE),
	binding('bindings.postmark', 'Postmark', 'out', ['create']),
	binding('bindings.rethinkdb.statechange', 'RethinkDB State Change', 'in', NONE),
	binding('bindings.rocketmq', 'Apache RocketMQ', 'inout', ['create']),
	binding('bindings.sftp', 'Secure File Transfer Protocol (SFTP)', 'out', ['create', 'get', 'delete', 'list']),
	binding('bindings.wasm', 'WebAssembly (WASM)', 'out', ['execute']),
	binding('bindings.zeebe.command', 'Zeebe Command', 'out', [
		'topology',
		'deploy-process',
		'deploy-resource',
		'create-instance',
		'cancel-instance',
		'set-variables',
		'resolve-incident',
		'publish-message',
		'activate-jobs',
		'complete-job',
		'fail-job',
		'update-job-retries',
		'throw-error',
	]),
	binding('bindings.zeebe.jobworker', 'Zeebe JobWorker', 'in', NONE),
];
