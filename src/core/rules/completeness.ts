/**
 * Shared by output-binding/not-invoked and pubsub/not-published: does the lab need this building block, and does
 * the app use it (through the SDK, or through the sidecar's HTTP API as the raw-HTTP quickstarts do)? When the lab
 * is the cron + pub/sub + output binding pattern (an input binding triggers the work), the use must be reachable from the input
 * binding's handler through the functions it calls, in any module of the app (core/python/project.ts).
 */
import {lookupComponentType} from '../catalog/index.js';
import type {PyArg, PyCall, PyRoute, PythonModel} from '../model.js';
import {handlerRef, reachableFrom} from '../python/project.js';
import type {LabContext, Report, WorkspaceModel} from '../rule.js';
import {appConstruction, checkInputBindings, entryOf, short, where} from './support.js';

/**
 * Whether a required-component group of the lab is satisfied only by components of that kind: `pubsub.*`, an
 * output-only binding (bindings.http), or an input-only binding (bindings.cron).
 */
export function labNeeds(lab: LabContext, wanted: 'output-binding' | 'pubsub' | 'input-binding'): boolean {
	return lab.requiredComponents.some((group) =>
		group.some((type) => {
			if (wanted === 'pubsub') return type.startsWith('pubsub.');
			const binding = lookupComponentType(type)?.binding;
			if (wanted === 'input-binding') return binding?.input === true && binding.output === false;
			return binding?.output === true && binding.input === false;
		}),
	);
}

/** The text an argument's value is built from (its template when the model recorded one). */
function argText(arg: PyArg): string {
	if (arg.template !== undefined) return arg.template;
	const value = arg.value;
	return value.kind === 'string' ? value.value : value.kind === 'partial-string' || value.kind === 'other' ? value.text : value.kind === 'call' ? value.callee : '';
}

function mentionsApi(call: PyCall, apiPath: string): boolean {
	return call.args.some((arg) => argText(arg).includes(apiPath) || (arg.value.kind === 'string' && arg.value.value.includes(apiPath)));
}

const HTTP_LIBRARIES = /^(requests|httpx|urllib3|urllib\.request|aiohttp)(\.|$)/u;
const HTTP_METHODS = new Set(['post', 'put', 'request', 'urlopen', 'Request', 'fetch']);

/** The URL argument of an HTTP client call (`requests.post(url, ...)`, `client.post(url=...)`), or null when it is not one. */
function httpUrl(call: PyCall): PyArg | null | undefined {
	if (!HTTP_METHODS.has(call.method)) return null;
	const qualified = call.qualifiedCallee ?? '';
	const library = HTTP_LIBRARIES.test(qualified);
	const clientish = call.receiver !== null && /session|client|http|requests/iu.test(call.receiver);
	if (!library && !clientish) return null;
	const position = call.method === 'request' ? 1 : 0;
	return call.args.find((arg) => arg.keyword === 'url') ?? call.args.find((arg) => arg.keyword === null && arg.position === position);
}

/** A call in a module of the app. */
export type Located = {readonly file: string; readonly call: PyCall};

export type Uses = {
	/** SDK calls by method name, and HTTP calls whose URL names the sidecar API. */
	readonly uses: readonly Located[];
	/** HTTP calls whose URL the checker cannot read: any of them may be the sidecar call. */
	readonly unresolved: readonly Located[];
};

/** The uses of a building block among `calls`. */
export function usesAmong(calls: readonly Located[], method: string, apiPath: string): Uses {
	const uses: Located[] = [];
	const unresolved: Located[] = [];
	for (const item of calls) {
		const {call} = item;
		if (call.method === method || mentionsApi(call, apiPath)) {
			uses.push(item);
			continue;
		}
		const url = httpUrl(call);
		if (url === null) continue;
		// A URL the checker can read in full is not the sidecar's; anything else might be.
		if (url === undefined || url.value.kind !== 'string') unresolved.push(item);
	}
	return {uses, unresolved};
}

/** The calls of every module of the app (app.py alone when no other module was read). */
export function allCalls(model: WorkspaceModel, python: PythonModel): readonly Located[] {
	const modules = model.pythonModules;
	if (!modules) return python.calls.map((call) => ({file: python.file, call}));
	return [...modules].flatMap(([file, module]) => module.calls.map((call) => ({file, call})));
}

/** The handlers daprd runs for the lab's input-only bindings (cron), when the checker found them. */
export function inputHandlers(model: WorkspaceModel, python: PythonModel): readonly {readonly route: PyRoute; readonly binding: string}[] {
	const out: {route: PyRoute; binding: string}[] = [];
	for (const check of checkInputBindings(model, python)) {
		const binding = entryOf(check.doc)?.binding;
		if (check.verdict.kind !== 'served' || !binding || binding.output) continue;
		for (const route of check.verdict.routes ?? []) if (route.handler && !out.some((item) => item.route === route)) out.push({route, binding: check.doc.name?.value ?? ''});
	}
	return out;
}

/** What a completeness rule decides: used (nothing to say), unverifiable (info), or not used (from the handler or at all). */
export type Completeness =
	| {readonly kind: 'used'}
	| {readonly kind: 'unresolved'; readonly at: Located}
	| {readonly kind: 'not-from-handler'; readonly handler: PyRoute; readonly binding: string; readonly elsewhere: Located}
	| {readonly kind: 'never'};

/**
 * Whether the app uses a building block where the lab needs it: from the input binding's handler (and what it
 * calls) when the lab is triggered by one, anywhere otherwise.
 */
export function completeness(model: WorkspaceModel, lab: LabContext, python: PythonModel, method: string, apiPath: string): Completeness {
	const everywhere = usesAmong(allCalls(model, python), method, apiPath);
	const handlers = labNeeds(lab, 'input-binding') ? inputHandlers(model, python) : [];
	if (handlers.length === 0) {
		if (everywhere.uses.length > 0) return {kind: 'used'};
		if (everywhere.unresolved.length > 0) return {kind: 'unresolved', at: everywhere.unresolved[0]!};
		return {kind: 'never'};
	}
	const modules = model.pythonModules ?? new Map([[python.file, python]]);
	const reach = reachableFrom(modules, handlers.map((item) => handlerRef(item.route, python.file)));
	const reached = usesAmong(reach.calls, method, apiPath);
	if (reached.uses.length > 0) return {kind: 'used'};
	if (reached.unresolved.length > 0) return {kind: 'unresolved', at: reached.unresolved[0]!};
	if (everywhere.uses.length > 0) return {kind: 'not-from-handler', handler: handlers[0]!.route, binding: handlers[0]!.binding, elsewhere: everywhere.uses[0]!};
	if (everywhere.unresolved.length > 0) return {kind: 'unresolved', at: everywhere.unresolved[0]!};
	return {kind: 'never'};
}

/** How a completeness rule words its verdict: the component it is about, and what to type. */
export type CompletenessWords = {
	/** The folder's component of that kind (null when components/ has none: the message must not invent one). */
	readonly name: string | null;
	/** Said in place of the name when there is none: "an output binding", "a pub/sub component". */
	readonly anyName: string;
	/** Said in place of the name in the not-from-handler message: "the output binding". */
	readonly theName: string;
	readonly hint: string;
	/** The hint when the use exists but not from the handler (default: the hint). */
	readonly handlerHint?: (handler: string) => string;
};

/**
 * Reports a completeness verdict with the messages both rules share (never, neverNoName, notFromHandler,
 * unresolved): an unreadable URL is info, a use elsewhere points at the handler, nothing at all at the app.
 */
export function reportCompleteness(verdict: Completeness, python: PythonModel, words: CompletenessWords, report: (report: Report) => void): void {
	const name = words.name === null ? null : short(words.name);
	if (verdict.kind === 'used') return;
	if (verdict.kind === 'unresolved') {
		report({messageId: 'unresolved', data: {name: name ?? words.anyName, where: where(verdict.at.file, verdict.at.call.span)}, file: verdict.at.file, at: verdict.at.call.span, severity: 'info'});
		return;
	}
	if (verdict.kind === 'not-from-handler') {
		const route = verdict.handler;
		const file = route.file ?? python.file;
		report({
			messageId: 'notFromHandler',
			data: {binding: short(verdict.binding), handler: short(route.handler), where: where(file, route.decoratorSpan), elsewhere: where(verdict.elsewhere.file, verdict.elsewhere.call.span), name: name ?? words.theName},
			file,
			at: route.decoratorSpan,
			hint: words.handlerHint ? words.handlerHint(short(route.handler)) : words.hint,
		});
		return;
	}
	report({messageId: name === null ? 'neverNoName' : 'never', data: name === null ? {} : {name}, file: python.file, at: appConstruction(python), hint: words.hint});
}
