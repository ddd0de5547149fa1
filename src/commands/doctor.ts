/**
 * `dapr-labs doctor [--format text|json] [--python PATH] [--dir PATH] [--lab ID]`: the environment preflight for a
 * student or a whole workshop room. Exit 0 when nothing fails (warnings allowed), 1 when a check fails.
 */
import {resolve} from 'node:path';
import {doctorNeeds, evaluateDoctor, type DoctorCheck} from '../core/doctor.js';
import {loadLabs} from '../runner/labs-loader.js';
import {stripControl} from '../core/text.js';
import {gatherDoctorFacts} from '../runner/doctor.js';
import {VERSION} from '../version.js';
import {type CommandIO, oneOf, parse, UsageError, useColor} from './io.js';

const HELP = `Usage: dapr-labs doctor [--format text|json] [--python PATH] [--dir PATH] [--lab lab-a|lab-b|combined|all] [--ports 8000,3500,50001]

Checks this machine for the labs: the dapr CLI and \`dapr init\`, docker and its engine, a python3 that imports
fastapi and uvicorn (every python3 on PATH and the system one; --python picks one), the dapr SDK (Lab B, combined),
Redis where the components point, ports 8000/3500/50001, and the pub/sub component in ./components.
Every probe runs in parallel with a timeout. Exit 0 when nothing fails, 1 when something does.
`;

/** Renders the checks as text: one line each, the fix indented under failures and warnings. */
export function formatDoctorText(checks: readonly DoctorCheck[], color: boolean): string {
	const paint = (code: number, text: string) => (color ? `\u001B[${code}m${text}\u001B[39m` : text);
	const mark = {pass: paint(32, '✔'), warn: paint(33, '!'), fail: paint(31, '✖')};
	const lines = checks.map((check) => {
		// The id names a failure (env/dapr-missing): shown only where something failed or warns, not on a passing line.
		const head = `${mark[check.status]} ${check.title}: ${stripControl(check.found)}${check.status === 'pass' ? '' : `  [${check.id}]`}`;
		return check.fix && check.status !== 'pass' ? `${head}\n    fix: ${stripControl(check.fix)}` : head;
	});
	const count = (status: DoctorCheck['status']) => checks.filter((check) => check.status === status).length;
	lines.push('', `${count('pass')} passed, ${count('warn')} warnings, ${count('fail')} failed`);
	return lines.join('\n') + '\n';
}

export async function run(argv: readonly string[], io: CommandIO): Promise<number> {
	const {values} = parse(argv, {format: {type: 'string'}, python: {type: 'string'}, dir: {type: 'string'}, lab: {type: 'string'}, ports: {type: 'string'}, help: {type: 'boolean', short: 'h'}}, false);
	if (values.help) {
		io.out(HELP);
		return 0;
	}
	const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
	const lab = oneOf('lab', values.lab, ['lab-a', 'lab-b', 'combined', 'all'] as const, 'all');
	const ports = values.ports === undefined ? undefined : values.ports.split(',').map((part) => Number(part.trim()));
	if (ports && ports.some((port) => !Number.isInteger(port) || port < 1 || port > 65535)) throw new UsageError(`--ports takes comma-separated port numbers (got "${values.ports}").`);
	const facts = await gatherDoctorFacts({dir: resolve(io.cwd, values.dir ?? '.'), env: io.env, ...(values.python ? {python: values.python} : {}), ...(ports ? {ports} : {})});
	const checks = evaluateDoctor(facts, doctorNeeds((await loadLabs()).filter((def) => lab === 'all' || def.id === lab)));
	const failed = checks.some((check) => check.status === 'fail');
	if (format === 'json') {
		const summary = {pass: 0, warn: 0, fail: 0};
		for (const check of checks) summary[check.status]++;
		io.out(JSON.stringify({tool: 'dapr-labs', version: VERSION, checks, summary}, null, 2) + '\n');
	} else {
		io.out(formatDoctorText(checks, useColor(io)));
	}
	return failed ? 1 : 0;
}
