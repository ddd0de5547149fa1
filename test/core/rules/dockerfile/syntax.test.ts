import {describe, expect, test} from 'vitest';
import appNotCopied from '../../../../src/core/rules/dockerfile/app-not-copied.js';
import baseImage from '../../../../src/core/rules/dockerfile/base-image.js';
import cmd from '../../../../src/core/rules/dockerfile/cmd.js';
import missingPackage from '../../../../src/core/rules/dockerfile/missing-package.js';
import rule from '../../../../src/core/rules/dockerfile/syntax.js';
import {complete, DOCKERFILE} from '../../../helpers/rules.js';
import {runRule, ruleTester} from '../../../helpers/rule-tester.js';

const RIGHT_CMD = 'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]';
const withDockerfile = (text: string) => complete({Dockerfile: text});

ruleTester.run(rule, {
	valid: [
		DOCKERFILE,
		DOCKERFILE.replace(/\n/g, '\r\n'),
		`ARG PY=3.12\nFROM python:\${PY}-slim AS base\nFROM base\nWORKDIR /app\nRUN pip install \\\n    fastapi uvicorn\nCOPY app.py .\n${RIGHT_CMD}\n`,
		`# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nRUN pip install fastapi uvicorn\nCOPY . .\nCMD uvicorn app:app --host 0.0.0.0 --port 8000\n`,
	].map((text) => ({files: withDockerfile(text)})),
	invalid: [
		{
			name: 'single-quoted exec form is shell form',
			files: withDockerfile(DOCKERFILE.replace(RIGHT_CMD, "CMD ['uvicorn', 'app:app', '--host', '0.0.0.0', '--port', '8000']")),
			errors: [{messageId: 'syntax', file: 'Dockerfile', line: 5, column: 1, severity: 'error', message: /JSON/, hint: /double quotes/}],
		},
		{name: 'an unknown instruction is pointed at with a did-you-mean', files: withDockerfile(DOCKERFILE.replace('RUN pip', 'RUNN pip')), errors: [{messageId: 'syntax', file: 'Dockerfile', line: 3, column: 1, severity: 'error', message: /RUN/}]},
		{name: 'a first instruction other than FROM', files: withDockerfile(`WORKDIR /app\n${DOCKERFILE}`), errors: [{messageId: 'syntax', file: 'Dockerfile', line: 1, column: 1, severity: 'error'}]},
		{name: 'a 1 MB Dockerfile is one finding', files: withDockerfile('RUN \\\n'.repeat(200_000)), errors: [{messageId: 'syntax', file: 'Dockerfile', line: 1, column: 1, severity: 'error'}]},
		{name: 'an escape sequence in an unknown instruction never reaches the message', files: withDockerfile(DOCKERFILE.replace('RUN pip', 'R\u001b[31mUN pip')), errors: [{messageId: 'syntax', line: 3, column: 1, message: /^[^\u001b]*$/}]},
	],
});

describe(rule.id, () => {
	test('a 1 MB Dockerfile: the other Dockerfile rules stay quiet', () => {
		const files = withDockerfile('RUN \\\n'.repeat(200_000));
		for (const other of [baseImage, missingPackage, appNotCopied, cmd]) expect(runRule(other, files), other.id).toEqual([]);
	});
});
