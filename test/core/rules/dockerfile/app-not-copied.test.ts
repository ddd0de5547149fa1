import {describe, expect, test} from 'vitest';
import {at, check, complete, DOCKERFILE} from '../../../helpers/rules.js';

const RULE = 'dockerfile/app-not-copied';
const withCopy = (copy: string) => complete({Dockerfile: DOCKERFILE.replace('COPY app.py .', copy)});

describe(RULE, () => {
	test.each(['COPY app.py .', 'COPY . .', 'COPY ./ /app/', 'COPY *.py ./', 'ADD . /app', 'COPY ["app.py", "./"]', 'COPY --chown=app:app app.py requirements.txt ./'])('valid: %s', (copy) => {
		expect(check(RULE, withCopy(copy))).toEqual([]);
	});
	test.each(['COPY requirements.txt .', 'RUN echo nothing copied', 'COPY src/ .'])('invalid: %s', (copy) => {
		const findings = check(RULE, withCopy(copy));
		expect(at(findings)).toEqual([[RULE, 'error', 'Dockerfile', 5, 1]]);
		expect(findings[0]!.hint).toBe('Add `COPY app.py .` after WORKDIR /app (before CMD).');
	});
});
