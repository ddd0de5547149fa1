/**
 * Starlette route lists: `Route(...)` and `Mount(...)` calls, with the prefixes of the mounts they sit in.
 */
import type {PyRoute} from '../model.js';
import {argNodes, stringList} from './args.js';
import {evaluate} from './evaluate.js';
import {qualify} from './imports.js';
import {calleeText, shortText, slice, type State} from './state.js';

const STARLETTE_ROUTE = new Set(['starlette.routing.Route', 'fastapi.routing.APIRoute', 'starlette.routing.Host']);

const STARLETTE_MOUNT = new Set(['starlette.routing.Mount']);

/**
 * Starlette's route lists: `Route("/cleanup-cron", handler, methods=["POST"])` anywhere in the module (the list is
 * handed to `Starlette(routes=...)` or a Router), with the prefixes of the `Mount("/api", routes=[...])` calls it
 * sits in. A Mount whose routes are not written inline is a route source the checker cannot follow.
 */
export function starletteRoutes(state: State, routes: PyRoute[]): void {
	for (const raw of state.calls) {
		const calleeNode = raw.node.firstChild;
		if (!calleeNode) continue;
		const qualified = qualify(state, calleeText(raw.src, calleeNode));
		if (qualified === null) continue;
		const argList = raw.node.lastChild?.name === 'ArgList' ? raw.node.lastChild : null;
		const args = argNodes(raw.src, argList);
		if (STARLETTE_MOUNT.has(qualified)) {
			const inner = args.keyword.get('routes') ?? args.positional[1] ?? args.keyword.get('app');
			if (inner && inner.name !== 'ArrayExpression' && inner.name !== 'TupleExpression') {
				state.routeSources.push({text: shortText(raw.src, raw.node), file: state.file, span: state.span(raw.node.from + raw.src.delta, raw.node.to + raw.src.delta)});
			}
			continue;
		}
		if (!STARLETTE_ROUTE.has(qualified) || qualified === 'starlette.routing.Host') continue;
		const pathNode = args.positional[0] ?? args.keyword.get('path');
		const handlerNode = args.positional[1] ?? args.keyword.get('endpoint');
		if (!pathNode) continue;
		const value = evaluate(state, raw.src, pathNode, raw.scopes);
		let prefix: string | null = '';
		for (let parent = raw.node.parent; parent; parent = parent.parent) {
			if (parent.name !== 'CallExpression' || !parent.firstChild) continue;
			const outer = qualify(state, calleeText(raw.src, parent.firstChild));
			if (outer === 'starlette.routing.Host') prefix = null;
			if (outer === null || !STARLETTE_MOUNT.has(outer)) continue;
			const mountArgs = argNodes(raw.src, parent.lastChild?.name === 'ArgList' ? parent.lastChild : null);
			const mountPath = mountArgs.positional[0] ?? mountArgs.keyword.get('path');
			const mountValue = mountPath ? evaluate(state, raw.src, mountPath, raw.scopes) : null;
			prefix = prefix === null || mountValue?.kind !== 'string' ? null : mountValue.value.replace(/\/+$/u, '') + prefix;
		}
		const local = value.kind === 'string' ? value.value : null;
		const methodsNode = args.keyword.get('methods');
		const handler = handlerNode ? shortText(raw.src, handlerNode) : '';
		let methods: string[] = [];
		let methodsUnknown = false;
		if (methodsNode && slice(raw.src, methodsNode) !== 'None') {
			const listed = stringList(state, raw.src, methodsNode, raw.scopes);
			if (listed) methods = listed.map((method) => method.toUpperCase());
			else methodsUnknown = true;
		} else if (state.functionNames.has(handler)) methods = ['GET'];
		// Starlette: a function endpoint without methods answers GET; a class endpoint (HTTPEndpoint) answers its methods.
		else methodsUnknown = true;
		if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
		const at = state.span(raw.node.from + raw.src.delta, raw.node.to + raw.src.delta);
		routes.push({
			kind: 'http',
			path: local !== null && prefix !== null ? prefix + local : null,
			pathText: shortText(raw.src, pathNode),
			methods,
			framework: 'unknown',
			target: calleeText(raw.src, calleeNode),
			decoratorSpan: at,
			pathSpan: state.span(pathNode.from + raw.src.delta, pathNode.to + raw.src.delta),
			handler,
			async: false,
			localPath: local,
			...(methodsUnknown ? {methodsUnknown: true} : {}),
		});
	}
}
