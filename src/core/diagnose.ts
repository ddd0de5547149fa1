/**
 * Runtime diagnosis: from what a `dapr run` printed (classified line events), what the runner observed (triggers,
 * webhook, Redis stream) and the static model of the folder, decide whether the lab works and, when it does not,
 * say why with the file and line to fix (run/* findings). Pure: times and observations are passed in.
 *
 * Trigger expectations: Lab A passes after two deliveries whose spacing matches the schedule within a tolerance of
 * max(1 s, 25% of the interval). The tolerance covers HTTP delivery latency, the app's log flush, and the runner
 * timestamping lines as they arrive rather than when daprd fired. Schedules whose next two fires lie beyond the run
 * timeout are rehearsed with `@every 2s` in a temporary copy of the components, and the result says so.
 */
import {nextFires, parseSchedule} from './cron/index.js';
import type {ComponentDoc, PyCall, PyRoute} from './model.js';
import type {WorkspaceModel} from './rule.js';
import type {LineEvent} from './run-events.js';
import {didYouMean, stripControl} from './text.js';
import type {Finding, Span} from './types.js';

/** The schedule a rehearsal run uses instead of one too slow for the run timeout. */
export const REHEARSAL_SCHEDULE = '@every 2s';

/** How many deliveries a trigger check needs unless the lab's cron-triggers probe says otherwise. */
export const REQUIRED_TRIGGERS = 2;

/** Allowance for daprd and the app to start before the first fire can happen. */
export const STARTUP_ALLOWANCE_MS = 15_000;

export type TriggerExpectation = {
	readonly binding: string;
	/** Path daprd POSTs to (`/` + route metadata or binding name). */
	readonly route: string;
	/** The schedule as the student wrote it. */
	readonly spec: string;
	/** The schedule actually run (the student's, or REHEARSAL_SCHEDULE). */
	readonly runSpec: string;
	readonly rehearsal: boolean;
	readonly zone: string;
	/** Expected spacing of the first two deliveries (for @every: the duration). */
	readonly intervalMs: number;
	readonly toleranceMs: number;
	/** Time the run must last at most to see `count` fires, counted from when the app is up. */
	readonly waitMs: number;
	/** Deliveries needed (default REQUIRED_TRIGGERS). */
	readonly count?: number;
};

/** Tolerance on the spacing of deliveries: max(1 s, 25% of the interval). */
export function toleranceFor(intervalMs: number): number {
	return Math.max(1000, Math.round(intervalMs * 0.25));
}

/**
 * Plans the trigger check for a cron binding: whether the student's schedule can be observed twice within the
 * timeout, or needs a rehearsal with REHEARSAL_SCHEDULE. Returns an error when the schedule does not parse (the run
 * still goes ahead: daprd's own init failure is the better message).
 */
export function planTriggers(input: {
	readonly binding: string;
	readonly route: string;
	readonly spec: string;
	readonly zone: string;
	readonly now: Date;
	readonly timeoutMs: number;
	/** Deliveries to observe (default REQUIRED_TRIGGERS). */
	readonly count?: number;
}): {readonly ok: true; readonly expectation: TriggerExpectation} | {readonly ok: false; readonly error: string} {
	const schedule = parseSchedule(input.spec, {zone: input.zone});
	if (!schedule.ok) return {ok: false, error: schedule.error};
	const count = Math.max(2, input.count ?? REQUIRED_TRIGGERS);
	const counted = input.count === undefined || input.count === REQUIRED_TRIGGERS ? {} : {count};
	const start = new Date(input.now.getTime() + STARTUP_ALLOWANCE_MS);
	const fires = nextFires(schedule, start, count);
	const budget = input.timeoutMs - STARTUP_ALLOWANCE_MS;
	if (fires.length === count) {
		const interval = fires[1]!.getTime() - fires[0]!.getTime();
		const waitMs = fires[count - 1]!.getTime() - start.getTime() + toleranceFor(interval);
		// @every fires relative to start, so its wait is `count` intervals whatever the clock says.
		const needed = schedule.everyMs !== null ? count * schedule.everyMs + toleranceFor(interval) : waitMs;
		if (needed <= budget && interval > 0) {
			return {ok: true, expectation: {binding: input.binding, route: input.route, spec: input.spec, runSpec: input.spec, rehearsal: false, zone: input.zone, intervalMs: interval, toleranceMs: toleranceFor(interval), waitMs: needed, ...counted}};
		}
	}
	const interval = 2000;
	return {
		ok: true,
		expectation: {binding: input.binding, route: input.route, spec: input.spec, runSpec: REHEARSAL_SCHEDULE, rehearsal: true, zone: input.zone, intervalMs: interval, toleranceMs: toleranceFor(interval), waitMs: count * interval + toleranceFor(interval), ...counted},
	};
}

/** Whether observed deliveries satisfy the expectation; the reason when they do not (a sentence). */
export function judgeTriggers(expectation: TriggerExpectation, triggers: readonly Date[]): {readonly ok: boolean; readonly message: string} {
	const required = expectation.count ?? REQUIRED_TRIGGERS;
	if (triggers.length < required) {
		return {ok: false, message: `Dapr delivered ${triggers.length} of the ${required} expected cron events to ${expectation.route}.`};
	}
	const gap = triggers[1]!.getTime() - triggers[0]!.getTime();
	let expected = expectation.intervalMs;
	const schedule = parseSchedule(expectation.runSpec, {zone: expectation.zone});
	if (schedule.ok && schedule.everyMs === null) {
		// Calendar schedules: the gap that should follow the first observed fire (they need not be evenly spaced).
		const fires = nextFires(schedule, new Date(triggers[0]!.getTime() - expectation.toleranceMs), 2);
		if (fires.length === 2) expected = fires[1]!.getTime() - fires[0]!.getTime();
	}
	if (Math.abs(gap - expected) > expectation.toleranceMs) {
		return {ok: false, message: `The first two cron events arrived ${seconds(gap)} apart; the schedule ${quote(expectation.runSpec)} fires every ${seconds(expected)}.`};
	}
	const how = expectation.rehearsal ? ` (rehearsal with ${quote(expectation.runSpec)} instead of ${quote(expectation.spec)}, whose next fires are beyond the run timeout)` : '';
	return {ok: true, message: `Dapr delivered ${triggers.length} cron events to ${expectation.route}, ${seconds(gap)} apart${how}.`};
}

function seconds(ms: number): string {
	const s = ms / 1000;
	return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function quote(text: string): string {
	return `"${text}"`;
}

// ------------------------------------------------------------------------------------------------------------

/**
 * One check a runtime probe reports (src/runner/probes): its verdict, the sentence shown, and the run/* finding a
 * failure becomes. Probes sharing a check id report one check: the first failure wins, else the first pass.
 */
export type ProbeReport = {
	/** The check id shown (`app-answer`, `webhook`, `published`). */
	readonly checkId: string;
	readonly ok: boolean;
	readonly detail: string;
	/** The finding a failure becomes; none: the failed check alone fails the run. */
	readonly finding?: {
		readonly ruleId: string;
		/** Where it points: the first call of `method` (at the argument), else the first component of `componentType`, else the app. */
		readonly at: {readonly call?: {readonly method: string; readonly keyword?: string; readonly position?: number}; readonly componentType?: string};
		/** Not reported when one of these findings already explains the failure. */
		readonly unlessAny?: readonly string[];
	};
};

/** What the runner observed in one run. */
export type RunObservation = {
	/** Recognised line events in the order they arrived. */
	readonly events: readonly LineEvent[];
	/** Arrival times of successful cron deliveries (the cron-triggers probe's count). */
	readonly triggers: readonly Date[];
	/** The cron-triggers probe's expectation; null when the lab's run watches no schedule. */
	readonly expectation: TriggerExpectation | null;
	/** The --app-port passed to dapr run (null: none). */
	readonly appPort: number | null;
	/** The other probes' checks, in lab.yaml order (the app's answer, the webhook receiver, the Redis stream...). */
	readonly reports?: readonly ProbeReport[];
	/** Why the run ended early, when it did (daprd exit, app exit). */
	readonly ended?: string;
	/** The run was stopped by the user (Ctrl-C, the workbook's stop): nothing is judged. */
	readonly interrupted?: boolean;
	/** The lab folder as an absolute path, to turn traceback paths into folder-relative ones. */
	readonly dir?: string;
};

export type RunCheck = {readonly id: string; readonly status: 'pass' | 'fail' | 'skip'; readonly message: string};

export type Diagnosis = {
	/** `interrupted`: the user stopped the run; no check and no finding, so nothing is scored. */
	readonly status: 'pass' | 'fail' | 'interrupted';
	readonly checks: readonly RunCheck[];
	/** run/* findings, most fundamental first. */
	readonly findings: readonly Finding[];
};

type Loc = {readonly file: string} & Span;

const APP: Loc = {file: 'app.py', line: 1, column: 1};

function finding(ruleId: string, message: string, at: Loc, hint?: string): Finding {
	const out: Finding = {ruleId, severity: 'error', message: sentence(stripControl(message)), file: at.file, line: at.line, column: at.column, ...(at.endLine !== undefined ? {endLine: at.endLine} : {}), ...(at.endColumn !== undefined ? {endColumn: at.endColumn} : {})};
	return hint === undefined ? out : {...out, hint};
}

function sentence(text: string): string {
	const trimmed = text.trim();
	const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
	return /[.!?]$/.test(capital) ? capital : capital + '.';
}

function componentByName(model: WorkspaceModel | null, name: string): ComponentDoc | null {
	return model?.components.find((doc) => doc.name?.value === name) ?? null;
}

function componentLoc(model: WorkspaceModel | null, name: string): Loc | null {
	const doc = componentByName(model, name);
	if (!doc) return null;
	return {file: doc.file, ...(doc.name?.span ?? doc.span)};
}

function metadataLoc(model: WorkspaceModel | null, component: string, key: string): Loc | null {
	const doc = componentByName(model, component);
	const item = doc?.metadata?.find((entry) => entry.name?.value === key);
	if (!doc || !item) return null;
	return {file: doc.file, ...(item.value?.span ?? item.span)};
}

function firstComponentOfType(model: WorkspaceModel | null, prefix: string): ComponentDoc | null {
	return model?.components.find((doc) => doc.type?.value.startsWith(prefix)) ?? null;
}

function routes(model: WorkspaceModel | null): readonly PyRoute[] {
	return model?.python?.routes ?? [];
}

function routeLoc(route: PyRoute, file: string): Loc {
	return {file, ...route.decoratorSpan};
}

function pythonFile(model: WorkspaceModel | null): string {
	return model?.python?.file ?? 'app.py';
}

function calls(model: WorkspaceModel | null, method: string): readonly PyCall[] {
	return model?.python?.calls.filter((call) => call.method === method) ?? [];
}

function callLoc(model: WorkspaceModel | null, method: string, argKeyword?: string, argPosition?: number): Loc | null {
	const call = calls(model, method)[0];
	if (!call) return null;
	const arg = call.args.find((a) => (argKeyword !== undefined && a.keyword === argKeyword) || (argPosition !== undefined && a.position === argPosition));
	return {file: pythonFile(model), ...(arg?.span ?? call.span)};
}

/**
 * The route the student most likely meant for a binding path: the exact one, a close name, else the only POST route
 * without path parameters (a binding route has none).
 */
function guessRoute(want: string, httpRoutes: readonly PyRoute[]): PyRoute | null {
	const exact = httpRoutes.find((r) => r.path === want);
	if (exact) return exact;
	const closest = didYouMean(want, httpRoutes.map((route) => route.path ?? '').filter(Boolean));
	if (closest) return httpRoutes.find((r) => r.path === closest) ?? null;
	const plain = httpRoutes.filter((r) => r.methods.includes('POST') && r.path !== null && !r.path.includes('{'));
	return plain.length === 1 ? plain[0]! : null;
}

/** The exception of the first traceback after `from`, with the deepest frame in the student's app file. */
function tracebackAfter(events: readonly LineEvent[], from: number, appFile: string): {exception: string; message: string; line: number | null} | null {
	let line: number | null = null;
	let inTraceback = false;
	for (let i = from; i < events.length; i++) {
		const event = events[i]!;
		if (event.type === 'python-traceback') {
			inTraceback = true;
			line = null;
		} else if (event.type === 'python-frame' && inTraceback) {
			if (event.file === appFile || event.file.endsWith('/' + appFile)) line = event.line;
		} else if (event.type === 'python-exception' && inTraceback) {
			return {exception: event.exception, message: event.message, line};
		}
	}
	return null;
}

/** Where a Python library lives: frames there are not the student's code. */
function isLibraryFrame(file: string): boolean {
	return file.startsWith('<') || /[\\/](?:site-packages|dist-packages)[\\/]/.test(file) || /[\\/]lib[\\/]python\d/.test(file);
}

/** A traceback path as the student knows it: relative to the lab folder when inside it, else as printed. */
function studentPath(file: string, dir: string | undefined, appFile: string): string {
	const norm = file.replaceAll('\\', '/');
	const base = dir?.replaceAll('\\', '/').replace(/\/+$/, '');
	if (base && norm.startsWith(base + '/')) return norm.slice(base.length + 1);
	if (norm === appFile || norm.endsWith('/' + appFile)) return appFile;
	return norm;
}

/** How the app crashed, read from its output: the traceback's last line and the deepest frame in the student's code. */
export type AppCrash = {
	/** `ModuleNotFoundError: No module named 'dapr'`, or uvicorn's own error line. */
	readonly error: string;
	readonly exception: string | null;
	/** Folder-relative file and line of the deepest frame outside Python's libraries; null when none was printed. */
	readonly file: string | null;
	readonly line: number | null;
	/** The exit status the Dapr CLI reported (`1`, or `exit status 1` for CLI 1.16). */
	readonly code: string | null;
};

/**
 * The app's crash, when the Dapr CLI reported that the app process exited with an error (or uvicorn said it could not
 * load the app): the last traceback before the exit, or uvicorn's error line. Null when the app did not crash.
 */
export function appCrash(events: readonly LineEvent[], appFile: string, dir?: string): AppCrash | null {
	const exitIndex = events.findIndex((event) => event.type === 'app-exited');
	const loadError = events.find((event): event is Extract<LineEvent, {type: 'app-load-error'}> => event.type === 'app-load-error');
	if (exitIndex < 0 && !loadError) return null;
	const exit = exitIndex >= 0 ? (events[exitIndex] as Extract<LineEvent, {type: 'app-exited'}>) : null;
	const end = exitIndex >= 0 ? exitIndex : events.length;
	let crash: {exception: string; message: string; file: string | null; line: number | null} | null = null;
	let frame: {file: string; line: number} | null = null;
	let inTraceback = false;
	for (let i = 0; i < end; i++) {
		const event = events[i]!;
		if (event.type === 'python-traceback') {
			inTraceback = true;
			frame = null;
		} else if (event.type === 'python-frame' && inTraceback) {
			if (!isLibraryFrame(event.file)) frame = {file: studentPath(event.file, dir, appFile), line: event.line};
		} else if (event.type === 'python-exception' && inTraceback) {
			crash = {exception: event.exception, message: event.message, file: frame?.file ?? null, line: frame?.line ?? null};
			inTraceback = false;
		}
	}
	if (crash) return {error: `${crash.exception}${crash.message ? `: ${crash.message}` : ''}`, exception: crash.exception, file: crash.file, line: crash.line, code: exit?.code ?? null};
	if (loadError) return {error: loadError.message, exception: null, file: null, line: null, code: exit?.code ?? null};
	return {error: '', exception: null, file: null, line: null, code: exit?.code ?? null};
}

/** What to do about a crash, by exception. */
function crashHint(crash: AppCrash, appFile: string): string {
	const missing = /^No module named '([^']+)'/.exec(crash.error.replace(/^ModuleNotFoundError: /, ''));
	if (crash.exception === 'ModuleNotFoundError' && missing) {
		const module = missing[1]!.split('.')[0]!;
		const pkg = module === 'dapr' ? 'dapr' : module;
		return `The Python that runs the app cannot import "${module}". Install it into a virtual environment in the lab folder, which \`dapr-labs run\` uses: \`python3 -m venv .venv && .venv/bin/pip install ${pkg}\`.`;
	}
	if (crash.exception === 'SyntaxError' || crash.exception === 'IndentationError' || crash.exception === 'TabError') return `Fix the syntax at ${crash.file ?? appFile}${crash.line ? `:${crash.line}` : ''}; \`dapr-labs check\` points at it without starting anything.`;
	if (crash.exception === null && crash.error.includes('Could not import module')) return `Run from the lab folder that holds ${appFile} (uvicorn imports app:app from the current folder).`;
	return `Fix the error at ${crash.file ?? appFile}${crash.line ? `:${crash.line}` : ''} (the traceback is in the run log: \`dapr-labs logs\`), then run again.`;
}

/** Decides the verdict and the run/* findings. */
export function diagnose(observation: RunObservation, model: WorkspaceModel | null): Diagnosis {
	const {events} = observation;
	const findings: Finding[] = [];
	const checks: RunCheck[] = [];
	if (observation.interrupted) return {status: 'interrupted', checks, findings};
	const seen = new Set<string>();
	const add = (f: Finding) => {
		const key = `${f.ruleId}|${f.message}`;
		if (seen.has(key)) return;
		seen.add(key);
		findings.push(f);
	};
	const appFile = pythonFile(model);
	const cronDoc = firstComponentOfType(model, 'bindings.cron');
	const cronLoc: Loc = cronDoc ? {file: cronDoc.file, ...(cronDoc.name?.span ?? cronDoc.span)} : {file: 'components/cron-binding.yaml', line: 1, column: 1};

	// Component init failures (and a fatal without one).
	let initFailed = false;
	for (const event of events) {
		if (event.type === 'component-init-failed') {
			initFailed = true;
			const at = (event.componentType === 'bindings.cron' ? metadataLoc(model, event.name, 'schedule') : null) ?? componentLoc(model, event.name) ?? {file: 'components/', line: 0, column: 0};
			add(finding('run/component-init-failed', `Dapr could not initialise component "${event.name}" (${event.componentType}) and exited: ${event.error}`, at, 'Fix the component, then run again; `dapr-labs check` explains schedule errors field by field.'));
		}
	}
	if (!initFailed) {
		const fatal = events.find((event): event is Extract<LineEvent, {type: 'fatal'}> => event.type === 'fatal');
		if (fatal) add(finding('run/component-init-failed', `Daprd stopped with a fatal error: ${fatal.error}`, cronLoc));
	}

	// The app crashed (at import, or later): its own error is the cause of everything that follows.
	const crash = appCrash(events, appFile, observation.dir);
	if (crash) {
		const at: Loc = crash.file && crash.line ? {file: crash.file, line: crash.line, column: 1} : APP;
		const where = crash.file && crash.line ? ` (${crash.file}:${crash.line})` : '';
		const exited = crash.code ? `exited with error code ${crash.code.replace(/^exit status /, '')}` : 'exited';
		const what = crash.error ? `: ${crash.error}${where}` : '';
		const started = events.some((event) => event.type === 'app-discovered');
		add(finding('run/app-crashed', `The app crashed${started ? '' : ' at start'} and ${exited}${what}`, at, crashHint(crash, appFile)));
	}

	// App channel.
	const channelMissing = events.some((event) => event.type === 'app-channel-missing');
	const waiting = events.find((event): event is Extract<LineEvent, {type: 'waiting-for-app'}> => event.type === 'waiting-for-app');
	const discovered = events.some((event) => event.type === 'app-discovered');
	if (channelMissing) {
		add(finding('run/app-channel-missing', 'Daprd started without an app channel ("App channel is not initialized"), so it never delivers input binding events; dapr run needs --app-port', APP, 'Run `dapr run --app-id <id> --app-port 8000 ... -- python3 -m uvicorn app:app --host 0.0.0.0 --port 8000`.'));
	} else if (waiting && !discovered && !initFailed && !crash) {
		add(finding('run/app-channel-missing', `Daprd waited for the app on port ${waiting.port}, but nothing listened there; daprd starts reading input bindings (and @every starts counting) only once the app port answers`, APP, `Start uvicorn with --port ${waiting.port} (the port given to dapr run --app-port).`));
	}

	// Subscription probe.
	for (const event of events) {
		if (event.type !== 'app-not-subscribed') continue;
		const want = `/${event.binding}`;
		const near = routes(model).filter((route) => route.kind === 'http');
		const route = guessRoute(want, near);
		const at = route ? routeLoc(route, appFile) : (componentLoc(model, event.binding) ?? cronLoc);
		add(
			finding(
				'run/app-not-subscribed',
				`Daprd asked the app with OPTIONS ${want} whether it handles binding "${event.binding}" and got no (Dapr counts only 2xx or 405 as yes), so the binding never fires`,
				at,
				`Serve POST ${want}: \`@app.post("${want}")\`${route?.path && route.path !== want ? ` instead of "${route.path}"` : ''}.`,
			),
		);
	}

	// Failed deliveries.
	const failedBindings = new Set<string>();
	for (let i = 0; i < events.length; i++) {
		const event = events[i]!;
		if (event.type !== 'delivery-failed' || failedBindings.has(`${event.binding}|${event.status}`)) continue;
		failedBindings.add(`${event.binding}|${event.status}`);
		const want = observation.expectation?.binding === event.binding ? observation.expectation.route : `/${event.binding}`;
		const httpRoutes = routes(model).filter((route) => route.kind === 'http');
		const exact = httpRoutes.find((route) => route.path === want);
		if (event.status === 404) {
			const route = guessRoute(want, httpRoutes);
			add(
				finding(
					'run/delivery-failed',
					`Dapr POSTed the "${event.binding}" event to ${want} and the app answered 404: no route serves ${want}${route?.path ? ` (the app serves "${route.path}")` : ''}`,
					route ? routeLoc(route, appFile) : APP,
					`The route of an input binding is its component name: \`@app.post("${want}")\`.`,
				),
			);
		} else if (event.status === 405) {
			add(
				finding(
					'run/delivery-failed',
					`Dapr POSTed the "${event.binding}" event to ${want} and the app answered 405: the handler${exact ? ` accepts ${exact.methods.join(', ')}` : ''} but Dapr always delivers with POST`,
					exact ? routeLoc(exact, appFile) : APP,
					`Use \`@app.post("${want}")\`.`,
				),
			);
		} else if (event.status !== null && event.status >= 500) {
			const trace = tracebackAfter(events, Math.max(0, i - 200), appFile);
			const at: Loc = trace?.line ? {file: appFile, line: trace.line, column: 1} : exact ? routeLoc(exact, appFile) : APP;
			const what = trace ? `${trace.exception}${trace.message ? `: ${trace.message}` : ''}` : `an error (${stripControl(event.body).slice(0, 200)})`;
			add(finding('run/delivery-failed', `Dapr POSTed the "${event.binding}" event to ${want} and the app answered ${event.status}: the handler raised ${what}`, at, 'Fix the exception in the handler; the traceback is in the run log (`dapr-labs logs`).'));
		} else {
			add(finding('run/delivery-failed', `Dapr could not deliver the "${event.binding}" event to ${want}: ${event.status === null ? event.body : `status ${event.status}`}`, exact ? routeLoc(exact, appFile) : APP));
		}
	}

	// SDK could not reach the sidecar.
	const unreachable = events.find((event): event is Extract<LineEvent, {type: 'sidecar-unreachable'}> => event.type === 'sidecar-unreachable');
	if (unreachable) {
		const client = model?.python?.withs.find((item) => item.contextCallee.endsWith('DaprClient'));
		const at: Loc = client ? {file: appFile, ...client.span} : (callLoc(model, 'DaprClient') ?? APP);
		add(finding('run/no-sidecar', `The app's DaprClient could not reach the Dapr sidecar at ${unreachable.url}; run the app under \`dapr run\` (which sets DAPR_HTTP_PORT) so the sidecar is there`, at));
	}

	// Output binding errors.
	const outputErrors = new Set<string>();
	for (const event of events) {
		if (event.type !== 'output-binding-error' || outputErrors.has(event.message)) continue;
		outputErrors.add(event.message);
		const unsupported = /does not support operation/.test(event.message);
		const at = (unsupported ? callLoc(model, 'invoke_binding', 'operation', 1) : callLoc(model, 'invoke_binding', 'binding_name', 0)) ?? APP;
		const detail = event.binding ? `Invoking output binding "${event.binding}" failed: ${event.message}` : `Invoking an output binding failed: ${event.message}`;
		add(finding('run/output-binding-failed', detail, at, unsupported ? 'Operations match exactly, case included, as the binding lists them: for bindings.http write `operation="post"` (or create, get, head, put, patch, delete, options, trace).' : undefined));
	}

	// Trigger check.
	const expectation = observation.expectation;
	if (expectation) {
		const verdict = judgeTriggers(expectation, observation.triggers);
		checks.push({id: 'triggers', status: verdict.ok ? 'pass' : 'fail', message: verdict.message});
		if (!verdict.ok && findings.length === 0) {
			const at = metadataLoc(model, expectation.binding, 'schedule') ?? componentLoc(model, expectation.binding) ?? cronLoc;
			add(finding('run/cron-not-triggered', `${verdict.message}${observation.ended ? ` The run ended early: ${observation.ended}` : ''}`, at));
		}
	}

	// The probes' checks: one per check id (the first failure wins, else the first pass), in lab.yaml order.
	const followOn = new Set(['run/cron-not-triggered']);
	for (const report of mergeReports(observation.reports ?? [])) {
		checks.push({id: report.checkId, status: report.ok ? 'pass' : 'fail', message: report.detail});
		const blame = report.finding;
		if (report.ok || !blame) continue;
		followOn.add(blame.ruleId);
		if (findings.some((f) => blame.unlessAny?.includes(f.ruleId))) continue;
		const call = blame.at.call ? callLoc(model, blame.at.call.method, blame.at.call.keyword, blame.at.call.position) : null;
		const component = blame.at.componentType ? firstComponentOfType(model, blame.at.componentType) : null;
		add(finding(blame.ruleId, report.detail, call ?? (component ? {file: component.file, ...(component.name?.span ?? component.span)} : APP)));
	}

	const failedCheck = checks.some((check) => check.status === 'fail');
	const status = findings.length === 0 && !failedCheck ? 'pass' : 'fail';
	// A crash explains the missing triggers/webhook/events: drop the follow-on findings that would blame the schedule.
	if (crash) return {status, checks, findings: findings.filter((f) => !followOn.has(f.ruleId))};
	return {status, checks, findings};
}

/** One report per check id, at the place of its first report: the first failure among them, else the first. */
export function mergeReports(reports: readonly ProbeReport[]): ProbeReport[] {
	const byId = new Map<string, ProbeReport>();
	for (const report of reports) {
		const seen = byId.get(report.checkId);
		if (!seen || (seen.ok && !report.ok)) byId.set(report.checkId, report);
	}
	return [...byId.values()];
}
