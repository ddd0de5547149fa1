import {defineRule} from '../../rule.js';
import {allCalls} from '../completeness.js';
import {appModules, factsOf} from '../security-support.js';
import {argOf, readyPython, short} from '../support.js';

/** Names that hold a secret; names about one (its header, its variable's name) are left alone. */
const SECRET_NAME = /secret|token|password|passwd|api_?key|private_?key/iu;
const NOT_SECRET_NAME = /header|name|env|var|field|param|prefix|scheme|algo|url|path|type|len|ttl|age|window|tolerance|max|min|file|ref|store/iu;
/** spec.metadata keys that carry a credential (bindings.http `securityToken`, `redisPassword`, `apiKey`, ...). */
const SECRET_KEY = /(token|secret|password|passwd|api-?key)$/iu;
const LITERAL = /^\s*[rRbBuU]{0,2}(["'])(?!\1)(.+)\1\s*(\.encode\(\s*(["'][\w-]*["'])?\s*\))?\s*$/su;

export default defineRule({
	id: 'security/literal-secret',
	meta: {
		description: 'Disallow secrets and tokens written as literals in app.py or in a component; read them from the environment or a secret store',
		severity: 'error',
		messages: {
			assigned: 'The secret `{{name}}` is set to a literal in the source, so the secret is in every copy of the repository and cannot be changed without a new release.',
			hmacKey: 'The HMAC key is written into the call, so the shared secret is in every copy of the repository.',
			fallback: 'The call `{{call}}` falls back to a secret written in the source when {{env}} is not set, so a deployment that forgot the variable still runs, with a key everyone can read.',
			component: 'Component "{{component}}" writes its `{{key}}` as a plain value: the credential is in the YAML file, and anyone who can read the folder (or the repository) can use it.',
		},
		docs: 'A secret in app.py or in a component file travels with every clone, fork, image layer and log of the repository. The app reads its secrets from the environment (`os.environ["PAYMENT_WEBHOOK_SECRET"]`; with `dapr run`, the app gets the environment `dapr run` was started with, dapr/cli pkg/standalone/run.go) or from a secret store. A component takes a credential from a secret store with `secretKeyRef` (name and key) plus `auth: secretStore: <store component>`: daprd resolves it when it loads the component, by calling GetSecret on that store (dapr/dapr pkg/runtime/processor/secret/secret.go `ProcessResource`; without `auth.secretStore` it uses the `kubernetes` store on Kubernetes and none in self-hosted mode, pkg/runtime/meta/meta.go `AuthSecretStoreOrDefault`), or from daprd\'s environment with `envRef` (the same function; `APP_API_TOKEN` and `DAPR_*` are refused there). `secretstores.local.env` answers a secret name with the environment variable of that name (components-contrib secretstores/local/env/envstore.go): fine for development. The http binding sends `securityToken` in the header `securityTokenHeader` on every request it makes (components-contrib bindings/http/http.go), so that value is a credential.',
		symptom: 'A secret shows up in `git log -p`, in the image, or in a screenshot of the component.',
		fix: 'App: `SECRET = os.environ["PAYMENT_WEBHOOK_SECRET"]`. Component: `- name: securityToken` / `secretKeyRef: {name: MONITORING_TOKEN, key: MONITORING_TOKEN}` and `auth: {secretStore: envsecrets}` (a `secretstores.local.env` component named envsecrets).',
	},
	check({model, report}) {
		for (const doc of model.components) {
			for (const item of doc.metadata ?? []) {
				const key = item.name?.value ?? '';
				const value = item.value?.value ?? '';
				if (!SECRET_KEY.test(key) || value.trim() === '' || /^\{.*\}$/u.test(value.trim()) || item.value === null) continue;
				report({messageId: 'component', data: {component: doc.name?.value ?? doc.file, key}, file: doc.file, at: item.value.span, hint: `Replace \`value:\` with \`secretKeyRef: {name: <secret>, key: <secret>}\` and add \`auth: {secretStore: <secret store component>}\` to the component (or \`envRef: <VARIABLE>\` to take it from daprd's environment).`});
			}
		}
		const python = readyPython(model);
		if (!python) return;
		for (const file of appModules(model, python).keys()) {
			for (const call of factsOf(model, file).hmacCalls) {
				const key = call.args.find((arg) => arg.keyword === 'key') ?? call.args.find((arg) => arg.position === 0);
				if (key && LITERAL.test(key.text)) report({messageId: 'hmacKey', file, at: key.span, hint: 'Pass a key read from the environment: `hmac.new(os.environ["PAYMENT_WEBHOOK_SECRET"].encode(), body, hashlib.sha256)`.'});
			}
			for (const assign of factsOf(model, file).assigns) {
				if (assign.literal === null || assign.literal === '' || !SECRET_NAME.test(assign.name) || NOT_SECRET_NAME.test(assign.name)) continue;
				report({messageId: 'assigned', data: {name: assign.name}, file, at: assign.span, hint: `Read it from the environment: \`${assign.name} = os.environ["${assign.name.toUpperCase()}"]\` (import os), and set the variable where the app runs.`});
			}
		}
		for (const {file, call} of allCalls(model, python)) {
			const name = call.qualifiedCallee ?? call.callee;
			if (name !== 'os.getenv' && name !== 'os.environ.get') continue;
			const variable = argOf(call, 'key', 0);
			const fallback = argOf(call, 'default', 1);
			const env = variable?.value.kind === 'string' ? variable.value.value : null;
			const literal = fallback?.value.kind === 'string' ? fallback.value.value !== '' : fallback?.value.kind === 'bytes' || (fallback?.template !== undefined && LITERAL.test(fallback.template));
			if (env === null || !SECRET_NAME.test(env) || !fallback || !literal) continue;
			report({messageId: 'fallback', data: {call: short(`${call.callee}("${env}", …)`, 80), env}, file, at: fallback.span, hint: `Use \`os.environ["${env}"]\`: the app then refuses to start without it.`});
		}
	},
});
