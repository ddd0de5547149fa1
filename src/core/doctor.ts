/**
 * The environment preflight's judgement: probe results in, env/* checks out. Pure: runner/doctor.ts gathers the
 * facts (in parallel, with timeouts) and this decides pass/warn/fail and the exact command that fixes each.
 */

export type CheckStatus = 'pass' | 'warn' | 'fail';

/** One line of the doctor's report. `id` is an env/* id (a public contract, like rule ids). */
export type DoctorCheck = {
	readonly id: string;
	readonly title: string;
	readonly status: CheckStatus;
	/** What was found (versions, paths), one sentence. */
	readonly found: string;
	/** The exact command (or action) that fixes it; absent when it passes. */
	readonly fix?: string;
};

/** Result of running one external command with a timeout. */
export type ToolProbe =
	| {readonly state: 'ok'; readonly stdout: string; readonly stderr: string; readonly exitCode: number}
	| {readonly state: 'missing'}
	| {readonly state: 'timeout'; readonly afterMs: number}
	| {readonly state: 'error'; readonly message: string};

export type PythonProbe = {
	readonly path: string;
	readonly version: string | null;
	readonly modules: {readonly fastapi: boolean; readonly uvicorn: boolean; readonly dapr: boolean};
	/** A virtual environment's interpreter (sys.prefix != sys.base_prefix): pip may install into it. */
	readonly venv?: boolean;
	/** PEP 668: the interpreter's stdlib holds EXTERNALLY-MANAGED, so `pip install` into it is refused (Debian 12). */
	readonly externallyManaged?: boolean;
	readonly error?: string;
};

/**
 * The command that installs Python packages so `dapr-labs run` finds them. Into a venv's interpreter,
 * or one known not to be externally managed: its own pip. Otherwise a new `.venv` in the lab folder with everything the lab needs: Debian 12 and Ubuntu 23.04+ refuse
 * `pip install` into the system Python (PEP 668, `externally-managed-environment`), and `run` and doctor look in the
 * lab folder's `.venv` first.
 */
export function pipInstallFix(python: PythonProbe | null, missing: readonly string[], labNeeds: readonly string[]): string {
	// Its own pip works in a venv, or where the interpreter is known not to be externally managed (pyenv, python.org).
	if (python && (python.venv || (python.version && python.externallyManaged === false))) return `${python.path} -m pip install ${missing.join(' ')}`;
	const all = [...new Set([...labNeeds, ...missing])];
	return `python3 -m venv .venv && .venv/bin/pip install ${all.join(' ')}   (in the lab folder; dapr-labs uses .venv by itself. A system-wide pip install fails on Debian 12 with externally-managed-environment; if venv is missing: sudo apt-get install python3-venv)`;
}

export type PortProbe = {readonly port: number; readonly free: boolean; readonly owner?: string};

export type RedisProbe = {
	/** Where the address came from, e.g. `components/pubsub.yaml` or `~/.dapr/components/pubsub.yaml`. */
	readonly source: string;
	readonly address: string;
	readonly state: 'ok' | 'auth-required' | 'refused' | 'timeout' | 'error';
	readonly detail?: string;
};

export type DaprInstall = {
	/** ~/.dapr exists with bin/daprd. */
	readonly runtimeBinary: boolean;
	/** ~/.dapr/components/pubsub.yaml exists (a full `dapr init` writes it; `--slim` does not). */
	readonly defaultComponents: boolean;
	/** ~/.dapr/bin/placement exists (slim init installs it as a binary). */
	readonly placementBinary: boolean;
	readonly daprDir: string;
};

export type DoctorFacts = {
	readonly dapr: ToolProbe;
	readonly daprInstall: DaprInstall;
	readonly dockerCli: ToolProbe;
	readonly dockerEngine: ToolProbe;
	readonly pythons: readonly PythonProbe[];
	/** The interpreter given with --python, when any. */
	readonly pythonOverride: string | null;
	readonly ports: readonly PortProbe[];
	readonly redis: readonly RedisProbe[];
	/** pub/sub components found in ./components (names and files). */
	readonly pubsubComponents: readonly {readonly name: string; readonly file: string}[];
	/** Whether ./components exists at all. */
	readonly componentsDir: boolean;
};

/** CLI and runtime versions out of `dapr --version` ("CLI version: 1.18.0\nRuntime version: 1.18.3"). */
export function parseDaprVersion(stdout: string): {readonly cli: string | null; readonly runtime: string | null} {
	const cli = /CLI version:\s*(\S+)/i.exec(stdout)?.[1] ?? null;
	const runtime = /Runtime version:\s*(\S+)/i.exec(stdout)?.[1] ?? null;
	return {cli, runtime};
}

function compareVersions(a: string, b: string): number {
	const pa = a.replace(/^v/, '').split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
	const pb = b.replace(/^v/, '').split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
	for (let index = 0; index < 3; index++) {
		const difference = (pa[index] ?? 0) - (pb[index] ?? 0);
		if (difference !== 0) return difference;
	}
	return 0;
}

function describeFailure(probe: ToolProbe, tool: string): string {
	switch (probe.state) {
		case 'missing':
			return `${tool} is not on PATH.`;
		case 'timeout':
			return `${tool} did not answer within ${Math.round(probe.afterMs / 100) / 10} s.`;
		case 'error':
			return `${tool} failed: ${probe.message}`;
		case 'ok':
			return `${tool} exited with code ${probe.exitCode}: ${(probe.stderr || probe.stdout).trim().split('\n')[0] ?? ''}`;
	}
}

/** The python that `run` will use: the override, else the first with fastapi and uvicorn, else the first found. */
export function choosePython(pythons: readonly PythonProbe[], override: string | null): PythonProbe | null {
	if (override) return pythons.find((python) => python.path === override) ?? null;
	return pythons.find((python) => python.modules.fastapi && python.modules.uvicorn) ?? pythons.find((python) => python.version) ?? null;
}

/** The env/redis-unreachable check for one probed Redis; doctor and `run`'s preflight both judge with it. */
export function judgeRedis(redis: RedisProbe): DoctorCheck {
	const good = redis.state === 'ok' || redis.state === 'auth-required';
	return {
		id: 'env/redis-unreachable',
		title: `Redis at ${redis.address}`,
		status: good ? 'pass' : 'fail',
		found: `${redis.address} (from ${redis.source}) ${redis.state === 'ok' ? 'answers PING' : redis.state === 'auth-required' ? 'answers and wants a password' : redis.state === 'refused' ? 'refuses connections' : redis.state === 'timeout' ? 'does not answer' : `fails: ${redis.detail ?? 'unknown error'}`}.`,
		...(good ? {} : {fix: 'Start Redis: `dapr init` runs it as the dapr_redis container; without Docker, `redis-server --daemonize yes`.'}),
	};
}

/** Decides every env/* check. `labNeedsSdk` adds the dapr SDK check (Lab B and combined). */
export function evaluateDoctor(facts: DoctorFacts, options: {readonly labNeedsSdk: boolean}): DoctorCheck[] {
	const checks: DoctorCheck[] = [];

	// dapr CLI and runtime
	if (facts.dapr.state === 'ok' && facts.dapr.exitCode === 0) {
		const {cli, runtime} = parseDaprVersion(facts.dapr.stdout);
		const old = cli && compareVersions(cli, '1.10.0') < 0;
		checks.push({
			id: 'env/dapr-missing',
			title: 'Dapr CLI',
			status: old ? 'warn' : 'pass',
			found: `CLI ${cli ?? 'unknown'}, runtime ${runtime && runtime !== 'n/a' ? runtime : 'not installed'}.` + (cli && compareVersions(cli, '1.17.0') >= 0 ? ' (CLI 1.17+ prints app output without the "== APP ==" prefix.)' : ''),
			...(old ? {fix: 'Upgrade the Dapr CLI to 1.10 or later (the labs use --resources-path): https://docs.dapr.io/getting-started/install-dapr-cli/'} : {}),
		});
		const initialised = facts.daprInstall.runtimeBinary || (runtime !== null && runtime !== 'n/a');
		if (!initialised) {
			checks.push({id: 'env/dapr-not-initialized', title: 'dapr init', status: 'fail', found: `No Dapr runtime in ${facts.daprInstall.daprDir}.`, fix: 'dapr init   (or `dapr init --slim` without Docker; then run Redis yourself)'});
		} else {
			const slim = !facts.daprInstall.defaultComponents && facts.daprInstall.placementBinary;
			checks.push({
				id: 'env/dapr-not-initialized',
				title: 'dapr init',
				status: 'pass',
				found: slim ? `Slim init in ${facts.daprInstall.daprDir} (no Redis container, no default components).` : `Full init in ${facts.daprInstall.daprDir}.`,
			});
		}
	} else {
		checks.push({id: 'env/dapr-missing', title: 'Dapr CLI', status: 'fail', found: describeFailure(facts.dapr, 'dapr'), fix: 'Install the Dapr CLI (https://docs.dapr.io/getting-started/install-dapr-cli/), then run `dapr init`.'});
	}

	// docker CLI and engine
	if (facts.dockerCli.state === 'ok' && facts.dockerCli.exitCode === 0) {
		const version = /version\s+([\w.-]+)/i.exec(facts.dockerCli.stdout)?.[1] ?? facts.dockerCli.stdout.trim();
		checks.push({id: 'env/docker-missing', title: 'Docker CLI', status: 'pass', found: `Docker CLI ${version}.`});
		if (facts.dockerEngine.state === 'ok' && facts.dockerEngine.exitCode === 0 && facts.dockerEngine.stdout.trim()) {
			checks.push({id: 'env/docker-engine-down', title: 'Docker engine', status: 'pass', found: `Engine ${facts.dockerEngine.stdout.trim()} is reachable.`});
		} else {
			checks.push({
				id: 'env/docker-engine-down',
				title: 'Docker engine',
				status: 'warn',
				found: `${describeFailure(facts.dockerEngine, 'docker info')} dapr-labs run skips the docker build step without an engine.`,
				fix: 'Start Docker Desktop, or `sudo systemctl start docker` on Linux.',
			});
		}
	} else {
		checks.push({id: 'env/docker-missing', title: 'Docker CLI', status: 'warn', found: `${describeFailure(facts.dockerCli, 'docker')} The labs run without it (dapr run starts the app directly); only the image build needs it.`, fix: 'Install Docker: https://docs.docker.com/get-docker/'});
	}

	// python and its packages
	const chosen = choosePython(facts.pythons, facts.pythonOverride);
	const seen = facts.pythons.map((python) => `${python.path} (${python.version ?? 'not runnable'}${python.version ? `: ${(['fastapi', 'uvicorn', 'dapr'] as const).map((name) => `${name} ${python.modules[name] ? 'yes' : 'no'}`).join(', ')}` : ''})`).join('; ');
	if (!chosen || !chosen.version) {
		checks.push({id: 'env/python-missing', title: 'Python', status: 'fail', found: facts.pythonOverride ? `--python ${facts.pythonOverride} is not runnable.` : 'No python3 found on PATH or in /usr/bin, /usr/local/bin.', fix: 'Install Python 3.10+ (e.g. `sudo apt-get install python3 python3-pip`).'});
	} else {
		const others = facts.pythons.filter((python) => python !== chosen && python.modules.fastapi && python.modules.uvicorn);
		const missing = (['fastapi', 'uvicorn'] as const).filter((name) => !chosen.modules[name]);
		checks.push({
			id: 'env/python-missing',
			title: 'Python',
			status: 'pass',
			found: `Using ${chosen.path} (Python ${chosen.version}). Seen: ${seen}.`,
		});
		if (missing.length > 0) {
			checks.push({
				id: 'env/uvicorn-missing',
				title: 'fastapi and uvicorn',
				status: 'fail',
				found: `${chosen.path} cannot import ${missing.join(' and ')}.` + (others.length > 0 ? ` ${others[0]!.path} can; pass --python ${others[0]!.path}.` : ''),
				fix: pipInstallFix(chosen, missing, options.labNeedsSdk ? ['fastapi', 'uvicorn', 'dapr'] : ['fastapi', 'uvicorn']),
			});
		} else {
			checks.push({id: 'env/uvicorn-missing', title: 'fastapi and uvicorn', status: 'pass', found: `${chosen.path} imports fastapi and uvicorn.`});
		}
		if (options.labNeedsSdk) {
			checks.push(
				chosen.modules.dapr
					? {id: 'env/dapr-sdk-missing', title: 'Dapr Python SDK', status: 'pass', found: `${chosen.path} imports dapr.`}
					: {id: 'env/dapr-sdk-missing', title: 'Dapr Python SDK', status: 'warn', found: `${chosen.path} cannot import dapr (Lab B and the combined pattern need it).`, fix: pipInstallFix(chosen, ['dapr'], ['fastapi', 'uvicorn', 'dapr'])},
			);
		}
	}

	// ports
	for (const port of facts.ports) {
		checks.push(
			port.free
				? {id: 'env/port-in-use', title: `Port ${port.port}`, status: 'pass', found: `Port ${port.port} is free.`}
				: {
						id: 'env/port-in-use',
						title: `Port ${port.port}`,
						status: 'fail',
						found: `Port ${port.port} is in use${port.owner ? ` by ${port.owner}` : ''}.`,
						fix: port.owner && /pid (\d+)/.test(port.owner) ? `Stop it (kill ${/pid (\d+)/.exec(port.owner)![1]}) or \`dapr stop --app-id cron-app\` if it is an old lab run.` : `Find it with \`ss -ltnp 'sport = :${port.port}'\` and stop it, or \`dapr stop --app-id cron-app\`.`,
					},
		);
	}

	// redis
	if (facts.redis.length === 0) {
		checks.push({id: 'env/redis-unreachable', title: 'Redis', status: 'warn', found: 'No Redis-backed component found in ./components or ~/.dapr/components, so nothing to probe.', fix: 'Create components/pubsub.yaml (pubsub.redis, redisHost localhost:6379) for the combined lab.'});
	}
	for (const redis of facts.redis) checks.push(judgeRedis(redis));

	// the pub/sub component from the previous lesson
	if (facts.pubsubComponents.length > 0) {
		checks.push({id: 'env/pubsub-component-missing', title: 'pub/sub component', status: 'pass', found: `./components has ${facts.pubsubComponents.map((component) => `${component.name} (${component.file})`).join(', ')}.`});
	} else {
		checks.push({
			id: 'env/pubsub-component-missing',
			title: 'pub/sub component',
			status: 'warn',
			found: facts.componentsDir ? 'No pubsub.* component in ./components (the combined lab publishes to "pubsub").' : 'There is no ./components folder here.',
			fix: facts.daprInstall.defaultComponents ? `cp ${facts.daprInstall.daprDir}/components/pubsub.yaml components/   (--resources-path ./components does not read ~/.dapr/components)` : 'Create components/pubsub.yaml: name pubsub, type pubsub.redis, redisHost localhost:6379.',
		});
	}
	return checks;
}

/** The facts `dapr-labs run`'s preflight gathers (a subset of doctor's, about the tools the run itself starts). */
export type RunPreflightFacts = {
	readonly dapr: ToolProbe;
	/** The interpreter the run would use, and every one looked at. */
	readonly python: {readonly chosen: PythonProbe | null; readonly candidates: readonly PythonProbe[]; readonly override: string | null};
	readonly ports: readonly PortProbe[];
	readonly redis: readonly RedisProbe[];
};

const DAPR_INSTALL_FIX = 'Install the Dapr CLI (https://docs.dapr.io/getting-started/install-dapr-cli/), then run `dapr init`.';

/**
 * Whether a run can start: the env/* checks that stop it (message in `found`, the fix in `fix`), or a sentence about
 * the tools it will use. The same judgement as doctor's (judgeRedis, pipInstallFix), worded for a run that stops.
 */
export function judgeRunPreflight(facts: RunPreflightFacts, needs: {readonly daprSdk: boolean; readonly labTitle: string}): {readonly ready: true; readonly note: string} | {readonly ready: false; readonly failed: readonly DoctorCheck[]} {
	const failed: DoctorCheck[] = [];
	const fail = (id: string, title: string, found: string, fix: string) => failed.push({id, title, status: 'fail', found, fix});
	const daprOk = facts.dapr.state === 'ok' && facts.dapr.exitCode === 0;
	if (!daprOk) fail('env/dapr-missing', 'Dapr CLI', 'The dapr CLI is not on PATH (or `dapr --version` failed).', DAPR_INSTALL_FIX);
	const {chosen, candidates, override} = facts.python;
	const labPackages = needs.daprSdk ? ['fastapi', 'uvicorn', 'dapr'] : ['fastapi', 'uvicorn'];
	if (!chosen) {
		const any = candidates.find((candidate) => candidate.version !== null);
		if (!any) fail('env/python-missing', 'Python', override ? `--python ${override} is not a runnable Python.` : 'No runnable python3 was found on PATH or in /usr/bin and /usr/local/bin.', 'Install Python 3.10+.');
		else fail('env/uvicorn-missing', 'fastapi and uvicorn', `No Python found imports both fastapi and uvicorn (looked at ${candidates.map((candidate) => candidate.path).join(', ')}).`, pipInstallFix(candidates.find((candidate) => candidate.venv) ?? any, ['fastapi', 'uvicorn'], labPackages));
	} else if (needs.daprSdk && !chosen.modules.dapr) {
		fail('env/dapr-sdk-missing', 'Dapr Python SDK', `${chosen.path} cannot import the Dapr SDK (dapr), which ${needs.labTitle} needs.`, pipInstallFix(chosen, ['dapr'], labPackages));
	}
	for (const port of facts.ports) {
		if (!port.free) fail('env/port-in-use', `Port ${port.port}`, `Port ${port.port} is in use${port.owner ? ` by ${port.owner}` : ''}.`, port.owner ? `Stop ${port.owner}, or pass another port.` : 'Free the port, or pass another port.');
	}
	for (const redis of facts.redis) {
		const check = judgeRedis(redis);
		if (check.status === 'fail') fail(check.id, check.title, `${check.found.replace(/\.$/, '')}: daprd pings it when it initialises the pub/sub component and stops when it cannot connect (\`redis streams: error connecting to redis at ...\`), so the run would fail for a reason that is not in your code.`, check.fix ?? '');
	}
	if (failed.length > 0 || !daprOk || !chosen) return {ready: false, failed};
	const {cli, runtime} = parseDaprVersion(facts.dapr.stdout);
	return {ready: true, note: `Dapr CLI ${cli ?? '?'}, runtime ${runtime && runtime !== 'n/a' ? runtime : 'not installed'}; Python ${chosen.path} (${chosen.version ?? '?'}).`};
}
