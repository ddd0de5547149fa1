import {describe, expect, it} from 'vitest';
import type {DoctorCheck} from '../../src/core/doctor.js';
import {doctorFormats, formatDoctorJson} from '../../src/report/doctor-formats.js';
import {formatRunEnd, formatRunEvent, formatRunJson, runFormats, type RunOutcome} from '../../src/report/run-formats.js';

const outcome: RunOutcome = {
	lab: 'demo',
	status: 'fail',
	command: ['dapr', 'run', '--app-id', 'my app'],
	checks: [{id: 'triggers', status: 'fail', message: 'No trigger arrived.'}],
	notes: ['a note'],
	findings: [{ruleId: 'run/no-trigger', severity: 'error', message: 'No trigger arrived.', file: 'app.py', line: 3, column: 1, hint: 'Name the route /x.'}],
	logFile: '.dapr-labs/logs/x.log',
	interrupted: null,
	recorded: true,
};

describe('run output registry', () => {
	it('json: one document at the end, keys in the order grade --run-result reads', () => {
		expect(runFormats['json']!.event({type: 'note', message: 'x'})).toBeNull();
		const text = formatRunJson(outcome);
		expect(text.endsWith('}\n')).toBe(true);
		expect(Object.keys(JSON.parse(text))).toEqual(['tool', 'lab', 'status', 'command', 'checks', 'notes', 'findings', 'logFile', 'interrupted', 'recorded']);
		expect(JSON.parse(text)).toMatchObject({tool: 'dapr-labs', lab: 'demo', status: 'fail', recorded: true});
	});

	it('text: streams events and ends with the findings and the verdict', () => {
		expect(runFormats['text']!.streams).toBe(true);
		expect(formatRunEvent({type: 'command', argv: outcome.command!, cwd: '/'})).toBe("$ dapr run --app-id 'my app'");
		expect(formatRunEvent({type: 'check', id: 'x', status: 'pass', message: 'ok \u001B[31m'})).toBe('✔ ok ');
		expect(formatRunEnd(outcome)).toBe(
			'\n  app.py:3:1  error  No trigger arrived.  [run/no-trigger]\n      hint: Name the route /x.\n\ndemo: the lab does not work yet.\nFull output: .dapr-labs/logs/x.log\nRecorded in .dapr-labs/state.json: the workbook and `dapr-labs check` show it.\n',
		);
		expect(formatRunEnd({...outcome, status: 'pass', findings: [], logFile: null, recorded: false})).toBe('\ndemo: verified.\n');
	});
});

describe('doctor output registry', () => {
	const checks: DoctorCheck[] = [
		{id: 'env/a', title: 'A', status: 'pass', found: 'fine'},
		{id: 'env/b', title: 'B', status: 'warn', found: 'meh', fix: 'do b'},
		{id: 'env/c', title: 'C', status: 'fail', found: 'bad', fix: 'do c'},
	];
	it('json counts each status', () => {
		expect(JSON.parse(formatDoctorJson(checks, '9.9.9'))).toEqual({tool: 'dapr-labs', version: '9.9.9', checks, summary: {pass: 1, warn: 1, fail: 1}});
		expect(doctorFormats['json']!(checks, {color: false, version: '9.9.9'})).toBe(formatDoctorJson(checks, '9.9.9'));
	});
	it('text shows ids and fixes only where something is wrong', () => {
		expect(doctorFormats['text']!(checks, {color: false, version: '1'})).toBe('✔ A: fine\n! B: meh  [env/b]\n    fix: do b\n✖ C: bad  [env/c]\n    fix: do c\n\n1 passed, 1 warnings, 1 failed\n');
	});
});
