/**
 * `dapr-labs doctor [--format FORMAT] [--python PATH] [--dir PATH] [--lab ID|all] [--ports LIST]` (declared in
 * declarations/doctor.ts; formats in report/doctor-formats.ts): the environment preflight for a student or a whole
 * workshop room. Exit 0 when nothing fails (warnings allowed), 1 when a check fails.
 */
import {resolve} from 'node:path';
import {doctorNeeds, evaluateDoctor} from '../core/doctor.js';
import {doctorFormats} from '../report/doctor-formats.js';
import {gatherDoctorFacts} from '../runner/doctor.js';
import {loadLabs} from '../runner/labs-loader.js';
import {VERSION} from '../version.js';
import {commandRunner} from './command.js';
import {doctorCommand} from './declarations/index.js';
import {UsageError, useColor} from './io.js';

export const run = commandRunner(doctorCommand, async ({values}, io) => {
	const format = doctorFormats[values.format]!;
	const ports = values.ports === undefined ? undefined : values.ports.split(',').map((part) => Number(part.trim()));
	if (ports && ports.some((port) => !Number.isInteger(port) || port < 1 || port > 65535)) throw new UsageError(`--ports takes comma-separated port numbers (got "${values.ports}").`);
	// What the chosen labs (every lab, for all) need: the dapr SDK, a pub/sub (core/doctor.ts doctorNeeds).
	const labs = (await loadLabs()).filter((lab) => values.lab === 'all' || lab.id === values.lab);
	const facts = await gatherDoctorFacts({dir: resolve(io.cwd, values.dir ?? '.'), env: io.env, ...(values.python ? {python: values.python} : {}), ...(ports ? {ports} : {})});
	const checks = evaluateDoctor(facts, doctorNeeds(labs));
	io.out(format(checks, {color: useColor(io), version: VERSION}));
	return checks.some((check) => check.status === 'fail') ? 1 : 0;
});
