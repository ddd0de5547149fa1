import {defineRule} from '../../rule.js';
import {appModules, cronHandlers, factsOf, handlerOf, reachOf, reachText} from '../security-support.js';
import {readyPython, where} from '../support.js';

const MENTION = /dapr[-_]api[-_]token/iu;

export default defineRule({
	id: 'security/cron-no-token',
	meta: {
		description: 'Require the input binding handler to check the `dapr-api-token` header daprd sends when APP_API_TOKEN is set',
		severity: 'error',
		messages: {
			missing:
				'The handler of input binding "{{binding}}" ({{handler}}) never reads the `dapr-api-token` header, so anyone who can reach the app can fire it with a plain POST {{path}}, not only the sidecar.',
			unlinked:
				'Could not verify that the handler of input binding "{{binding}}" ({{handler}}) checks `dapr-api-token`: the app mentions it at {{where}}, but not in that handler, a function it calls or a FastAPI dependency of it; `dapr-labs run` verifies it (a POST without the token must get 401).',
			unreadable:
				'Could not verify that the handler of input binding "{{binding}}" ({{handler}}) checks `dapr-api-token`: part of the app comes from where the checker cannot read ({{where}}); `dapr-labs run` verifies it (a POST without the token must get 401).',
		},
		docs: 'daprd reads the environment variable `APP_API_TOKEN` when it starts (dapr/dapr pkg/security/consts/consts.go `AppAPITokenEnvVar`, pkg/security/token.go `GetAppToken`, pkg/runtime/runtime.go) and then sets the header `dapr-api-token: <token>` on every request it makes to the app (pkg/channel/http/http_channel.go, `channelReq.Header.Set(securityConsts.APITokenHeader, h.appHeaderToken)`), cron binding events included. Dapr does not reject anything for the app: the app has to compare the header with its own copy of the token (read from `os.environ["APP_API_TOKEN"]`; `dapr run` passes its environment to daprd and to the app) and answer 401 when it differs. Without that check, the cron route is a public endpoint: the app listens on 0.0.0.0, so anyone who can reach it can POST to it.',
		symptom: '`curl -X POST http://<host>:8000/cleanup-cron` from anywhere runs the cleanup.',
		fix: 'In the handler: `if not hmac.compare_digest(request.headers.get("dapr-api-token", ""), os.environ["APP_API_TOKEN"]): raise HTTPException(status_code=401)`.',
	},
	check({model, report}) {
		const python = readyPython(model);
		if (!python) return;
		const handlers = cronHandlers(model, python);
		if (handlers.length === 0) return;
		const modules = appModules(model, python);
		let mention: {file: string; line: number; column: number} | null = null;
		for (const [file, module] of modules) {
			const index = module.text.search(MENTION);
			if (index < 0) continue;
			const before = module.text.slice(0, index);
			const line = before.split('\n').length;
			mention = {file, line, column: index - before.lastIndexOf('\n')};
			break;
		}
		// HTTP middleware (`@app.middleware("http")`, a BaseHTTPMiddleware's `dispatch`) runs before every route.
		const middleware = [...modules.keys()].some((file) => factsOf(model, file).functions.some((fn) => (/\.middleware\(/u.test(fn.text) || fn.name === 'dispatch') && MENTION.test(fn.text)));
		for (const {route, binding} of handlers) {
			const handler = handlerOf(route, python);
			const reach = reachOf(model, python, [handler]);
			if (MENTION.test(reachText(model, reach.functions)) || middleware) continue;
			const file = route.file ?? python.file;
			const data = {binding, handler: `${route.handler} at ${where(file, route.decoratorSpan)}`, path: route.path ?? route.pathText};
			const hint = 'Read the header and compare it in constant time: `token = request.headers.get("dapr-api-token", "")` then `if not hmac.compare_digest(token, os.environ["APP_API_TOKEN"]): raise HTTPException(status_code=401)`.';
			if (mention !== null) report({messageId: 'unlinked', severity: 'info', data: {...data, where: `${mention.file}:${mention.line}`}, file, at: route.decoratorSpan, hint});
			else if ((python.routeSources ?? []).length > 0) report({messageId: 'unreadable', severity: 'info', data: {...data, where: where(python.routeSources![0]!.file, python.routeSources![0]!.span)}, file, at: route.decoratorSpan, hint});
			else report({messageId: 'missing', data, file, at: route.decoratorSpan, hint});
		}
	},
});

