/** Every probe kind `dapr-labs run` knows; a new kind is a new file in this folder and one line here. */
import {appCall} from './app-call.js';
import {cronTriggers} from './cron-triggers.js';
import type {ProbeModule} from './probe.js';
import {stream} from './stream.js';
import {webhookReceiver} from './webhook-receiver.js';
import {apiToken} from './api-token.js';
import {signedWebhook} from './signed-webhook.js';
import {secretHeader} from './secret-header.js';

export const PROBE_MODULES: readonly ProbeModule[] = [cronTriggers, appCall, webhookReceiver, stream, apiToken, signedWebhook, secretHeader];

/** The probe kinds by name (what planRun and runLab look kinds up in). */
export const PROBE_KINDS: ReadonlyMap<string, ProbeModule> = new Map(PROBE_MODULES.map((module) => [module.kind, module]));
