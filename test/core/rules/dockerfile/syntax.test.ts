import {describe, expect, test} from 'vitest';
import {at, check, complete, DOCKERFILE} from '../../../helpers/rules.js';

const RULE = 'dockerfile/syntax';
const RIGHT_CMD = 'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]';
const withDockerfile = (text: string) => complete({Dockerfile: text});

describe(RULE, () => {
	test.each([
		DOCKERFILE,
		DOCKERFILE.replace(/\n/g, '\r\n'),
		`ARG PY=3.12\nFROM python:\${PY}-slim AS base\nFROM base\nWORKDIR /app\nRUN pip install \\\n    fastapi uvicorn\nCOPY app.py .\n${RIGHT_CMD}\n`,
		`# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nRUN pip install fastapi uvicorn\nCOPY . .\nCMD uvicorn app:app --host 0.0.0.0 --port 8000\n`,
	])('valid %#', (text) => expect(check(RULE, withDockerfile(text))).toEqual([]));
	test('single-quoted exec form is shell form', () => {
		const findings = check(RULE, withDockerfile(DOCKERFILE.replace(RIGHT_CMD, "CMD ['uvicorn', 'app:app', '--host', '0.0.0.0', '--port', '8000']")));
		expect(at(findings)).toEqual([[RULE, 'error', 'Dockerfile', 5, 1]]);
		expect(findings[0]!.message).toContain('JSON');
		expect(findings[0]!.hint).toContain('double quotes');
	});
	test('an unknown instruction is pointed at with a did-you-mean', () => {
		const findings = check(RULE, withDockerfile(DOCKERFILE.replace('RUN pip', 'RUNN pip')));
		expect(at(findings)).toEqual([[RULE, 'error', 'Dockerfile', 3, 1]]);
		expect(findings[0]!.message).toContain('RUN');
	});
	test('a first instruction other than FROM', () => {
		expect(at(check(RULE, withDockerfile(`WORKDIR /app\n${DOCKERFILE}`)))).toEqual([[RULE, 'error', 'Dockerfile', 1, 1]]);
	});
	test('a 1 MB Dockerfile is one finding, and the other Dockerfile rules stay quiet', () => {
		const files = withDockerfile('RUN \\\n'.repeat(200_000));
		expect(at(check(RULE, files))).toEqual([[RULE, 'error', 'Dockerfile', 1, 1]]);
		for (const other of ['dockerfile/base-image', 'dockerfile/missing-package', 'dockerfile/app-not-copied', 'dockerfile/cmd']) expect(check(other, files)).toEqual([]);
	});
	test('an escape sequence in an unknown instruction never reaches the message', () => {
		const findings = check(RULE, withDockerfile(DOCKERFILE.replace('RUN pip', 'R\u001b[31mUN pip')));
		expect(findings.length).toBeGreaterThan(0);
		for (const finding of findings) expect(finding.message).not.toContain('\u001b');
	});
});
