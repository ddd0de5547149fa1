/**
 * The `doctor --format` registry: format name → formatter of the environment checks. Pure.
 */
import type {DoctorCheck} from '../core/doctor.js';
import {stripControl} from '../core/text.js';

export type DoctorFormatContext = {readonly color: boolean; readonly version: string};
export type DoctorFormatter = (checks: readonly DoctorCheck[], context: DoctorFormatContext) => string;

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

/** `doctor --format json`: `{"tool","version","checks","summary": {"pass","warn","fail"}}`. */
export function formatDoctorJson(checks: readonly DoctorCheck[], version: string): string {
	const summary = {pass: 0, warn: 0, fail: 0};
	for (const check of checks) summary[check.status]++;
	return JSON.stringify({tool: 'dapr-labs', version, checks, summary}, null, 2) + '\n';
}

/** Every format `doctor --format` accepts. */
export const doctorFormats: Readonly<Record<string, DoctorFormatter>> = {
	text: (checks, context) => formatDoctorText(checks, context.color),
	json: (checks, context) => formatDoctorJson(checks, context.version),
};
