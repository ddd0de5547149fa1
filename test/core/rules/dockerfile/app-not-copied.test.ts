import rule from '../../../../src/core/rules/dockerfile/app-not-copied.js';
import {complete, DOCKERFILE} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const withCopy = (copy: string) => complete({Dockerfile: DOCKERFILE.replace('COPY app.py .', copy)});

ruleTester.run(rule, {
	valid: ['COPY app.py .', 'COPY . .', 'COPY ./ /app/', 'COPY *.py ./', 'ADD . /app', 'COPY ["app.py", "./"]', 'COPY --chown=app:app app.py requirements.txt ./'].map((copy) => ({name: copy, files: withCopy(copy)})),
	invalid: ['COPY requirements.txt .', 'RUN echo nothing copied', 'COPY src/ .'].map((copy) => ({
		name: copy,
		files: withCopy(copy),
		errors: [{messageId: 'missing' as const, file: 'Dockerfile', line: 5, column: 1, severity: 'error' as const, hint: 'Add `COPY app.py .` after WORKDIR /app (before CMD).'}],
	})),
});
