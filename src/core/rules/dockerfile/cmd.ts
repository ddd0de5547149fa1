import type {DockerInstruction} from '../../model.js';
import {defineRule} from '../../rule.js';
import {uvicornTarget} from '../../dockerfile/model.js';
import {readyDockerfile, short, START} from '../support.js';

/**
 * The variables the running container's shell sees from the last stage's ENV lines (`ENV PORT=8000`, legacy
 * `ENV PORT 8000`), so `--port $PORT` in a shell-form command reads as the shell expands it.
 */
function stageEnv(instructions: readonly DockerInstruction[]): Map<string, string> {
	const env = new Map<string, string>();
	for (const instruction of instructions) {
		if (instruction.keyword === 'FROM') env.clear();
		if (instruction.keyword !== 'ENV') continue;
		const args = instruction.args;
		if (args.length === 2 && !args[0]!.includes('=')) env.set(args[0]!, args[1]!.replace(/^(["'])(.*)\1$/, '$2'));
		else for (const arg of args) {
			const eq = arg.indexOf('=');
			if (eq > 0) env.set(arg.slice(0, eq), arg.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2'));
		}
	}
	return env;
}

/** `$NAME` / `${NAME}` / `${NAME:-default}` as a shell expands it from the image's ENV; unknown names stay as written. */
function expand(value: string, env: ReadonlyMap<string, string>): string {
	const match = /^\$(?:\{(\w+)(?::?-([^}]*))?\}|(\w+))$/.exec(value);
	if (!match) return value;
	const name = match[1] ?? match[3] ?? '';
	return env.get(name) ?? match[2] ?? value;
}

export default defineRule({
	id: 'dockerfile/cmd',
	meta: {
		description: 'Enforce a CMD that runs uvicorn app:app on 0.0.0.0 port 8000',
		severity: 'error',
		messages: {
			missing: 'The Dockerfile has no CMD or ENTRYPOINT, so the container does not start the app.',
			notUvicorn: 'The container runs `{{command}}`, not uvicorn, so nothing serves app:app on port 8000.',
			pieces: 'The uvicorn command {{problems}}.',
		},
		docs: 'The image runs the app in a container, published with `docker run -p 8000:8000`: inside a container uvicorn\'s default host 127.0.0.1 is unreachable from outside it, so the CMD must say `--host 0.0.0.0`. (This is what `--host 0.0.0.0` is for. `dapr run ... -- uvicorn ...` runs uvicorn on your machine, not this image; there 127.0.0.1 would work too.) (`fastapi run app.py` binds 0.0.0.0 by itself and is accepted too). The command is read as Docker runs it: exec and shell form, ENTRYPOINT + CMD, `python -m uvicorn`, `--port=8000`, `sh -c`, `exec`, env prefixes and tini. The target `app:app` is the module app.py and its `app` object, which must be an ASGI app (FastAPI): uvicorn calls a Flask (WSGI) app as ASGI and every request fails with a TypeError, unless `--interface wsgi` is given. The port must be written as 8000 to match `--app-port 8000`: uvicorn\'s default is 8000 too, but the lab asks for the explicit form so the two places visibly agree.',
		symptom: 'curl to localhost:8000 against the running container gets `connection reset` / refused; a shell-form CMD with brackets runs `/bin/sh -c \'[uvicorn, ...\'` and fails with `[uvicorn,: not found`.',
		fix: 'Write the CMD from the hint.',
	},
	check({model, report}) {
		const dockerfile = readyDockerfile(model);
		if (!dockerfile) return;
		const right = 'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]';
		const command = dockerfile.command;
		if (!command || command.argv.length === 0) {
			report({messageId: 'missing', file: dockerfile.file, at: dockerfile.instructions.at(-1)?.span ?? START, hint: `Add \`${right}\` as the last line.`});
			return;
		}
		const target = uvicornTarget(command.argv);
		if (!target) {
			report({messageId: 'notUvicorn', data: {command: short(command.argv.join(' '))}, file: dockerfile.file, at: command.span, hint: `Write \`${right}\`.`});
			return;
		}
		// A shell (shell form, or `sh -c` in exec form) expands `$PORT` from the image's ENV; exec form does not.
		const viaShell = (command.parts ?? []).some((part) => part.form === 'shell') || command.argv.some((word, i) => word === '-c' && /(^|\/)(ba|da|z)?sh$/.test(command.argv[i - 1] ?? ''));
		const env = viaShell ? stageEnv(dockerfile.instructions) : new Map<string, string>();
		const hostWritten = target.host === null ? null : expand(target.host, env);
		const portWritten = target.port === null ? null : expand(target.port, env);
		const problems: string[] = [];
		if (target.runner === 'uvicorn') {
			if (target.module !== 'app:app') problems.push(target.module ? `runs "${short(target.module, 40)}" instead of app:app` : 'names no app (app:app)');
		} else if (target.module !== '' && target.module.replace(/^\.\//, '') !== 'app.py') {
			problems.push(`runs "${short(target.module, 40)}" instead of app.py`);
		}
		// uvicorn speaks ASGI; a Flask app is WSGI, and uvicorn's auto-detection calls it as ASGI 2, so every request
		// fails with a TypeError (unless --interface wsgi says otherwise). The FastAPI CLI needs a FastAPI app.
		const python = model.python;
		const isFlask = (python?.calls ?? []).some((call) => call.inFunction === null && call.qualifiedCallee === 'flask.Flask');
		const isFastApi = (python?.calls ?? []).some((call) => call.inFunction === null && call.qualifiedCallee === 'fastapi.FastAPI');
		const wsgi = target.argv.some((word, i) => word === '--interface=wsgi' || (word === '--interface' && target.argv[i + 1] === 'wsgi'));
		if (isFlask && !isFastApi && !(target.runner === 'uvicorn' && wsgi)) {
			problems.push("serves app.py's Flask app, which is a WSGI app: uvicorn speaks ASGI, so every request fails with a TypeError (write the app with FastAPI as the lab asks)");
		}
		const host = hostWritten ?? target.effectiveHost;
		if (target.host === null && host !== '0.0.0.0') problems.push(`has no --host 0.0.0.0 (${target.runner === 'uvicorn' ? 'uvicorn' : 'fastapi dev'} then listens on ${host}, unreachable from outside the container)`);
		else if (host !== '0.0.0.0' && host !== '::') problems.push(`listens on ${short(host, 40)} instead of 0.0.0.0`);
		if (portWritten === null) problems.push("has no --port 8000 (the default is 8000 too, but the lab asks for the port that `dapr run --app-port 8000` names to be written out)");
		else if (portWritten !== '8000') problems.push(`uses port ${short(portWritten, 20)} instead of 8000 (the lab's --app-port)${portWritten.startsWith('$') ? ', and no ENV line in the image sets it' : ''}`);
		if (problems.length === 0) return;
		report({messageId: 'pieces', data: {problems: problems.join(', ')}, file: dockerfile.file, at: command.span, hint: `Write \`${right}\`.`});
	},
});
