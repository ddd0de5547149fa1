import {describe, expect, test} from 'vitest';
import rule from '../../../../src/core/rules/dockerfile/missing-package.js';
import {complete, DOCKERFILE} from '../../../helpers/rules.js';
import {runRule, ruleTester} from '../../../helpers/rule-tester.js';

const withRun = (run: string, extra: Record<string, string> = {}) => complete({Dockerfile: DOCKERFILE.replace('RUN pip install fastapi uvicorn dapr', run), ...extra});
const PEP621 = '[project]\nname = "x"\nversion = "0"\ndependencies = ["fastapi>=0.115", "uvicorn[standard]", "dapr"]\n';
const POETRY = '[tool.poetry.dependencies]\npython = "^3.12"\nfastapi = "*"\nuvicorn = {version = "*", extras = ["standard"]}\n[tool.poetry.group.runtime.dependencies]\ndapr = "*"\n';
const VERIFIES = /`dapr-labs run` \(or docker build\) verifies it/;

ruleTester.run(rule, {
	valid: [
		...['RUN pip install fastapi uvicorn dapr', 'RUN pip install --no-cache-dir "fastapi==0.115.0" "uvicorn[standard]" dapr>=1.14', 'RUN pip install "fastapi[standard]" dapr', 'RUN python -m pip install -U fastapi uvicorn dapr'].map((run) => ({name: run, files: withRun(run)})),
		{name: 'from requirements.txt', files: withRun('COPY requirements.txt .\nRUN pip install -r requirements.txt', {'requirements.txt': 'fastapi==0.115.0\nuvicorn[standard]\ndapr\n'})},
		{name: 'lab-a does not need dapr', files: withRun('RUN pip install fastapi uvicorn'), lab: 'lab-a'},
		// Extension packages bring their dependencies.
		...['RUN pip install dapr-ext-fastapi', 'RUN pip install fastapi uvicorn dapr-ext-grpc', 'RUN pip install fastapi uvicorn flask-dapr'].map((run) => ({name: run, files: withRun(run), lab: 'lab-b' as const})),
		// Installs the Dockerfile does not list by name.
		...['RUN pip install .', 'RUN pip install -e .', 'RUN uv sync --frozen', 'RUN pdm install'].map((run) => ({name: `${run} with PEP 621 dependencies`, files: withRun(`COPY . .\n${run}`, {'pyproject.toml': PEP621})})),
		{name: 'poetry install with [tool.poetry.dependencies] and a non-optional group', files: withRun('RUN poetry install --no-root', {'pyproject.toml': POETRY})},
		{name: 'requirements -r chain, relative to the including file, with extras', files: withRun('RUN pip install -r reqs/prod.txt', {'reqs/prod.txt': '-r base.txt\ndapr\n', 'reqs/base.txt': 'fastapi[standard]\n'})},
	],
	invalid: [
		{name: 'lab-b needs dapr', files: withRun('RUN pip install fastapi uvicorn'), lab: 'lab-b', errors: [{messageId: 'missing', file: 'Dockerfile', line: 3, column: 25, severity: 'error', message: /lacks dapr/, hint: 'Write `RUN pip install fastapi uvicorn dapr`.'}]},
		{name: 'dapr-ext-grpc alone lacks the web server', files: withRun('RUN pip install dapr-ext-grpc'), lab: 'lab-b', errors: [{messageId: 'missing', line: 3, column: 17}]},
		{
			name: 'requirements without uvicorn',
			files: withRun('RUN pip install -r requirements.txt', {'requirements.txt': 'fastapi\ndapr\n'}),
			errors: [{messageId: 'missing', line: 3, column: 20, message: 'The pip install in the Dockerfile lacks uvicorn, so `uvicorn app:app` fails when the container starts.'}],
		},
		{
			name: 'pyproject.toml read and lacking dapr: an error at the installer, naming the file',
			files: withRun('RUN uv sync', {'pyproject.toml': '[project]\ndependencies = ["fastapi", "uvicorn"]\n'}),
			errors: [{messageId: 'missingPyproject', line: 3, column: 5, severity: 'error', message: /pyproject\.toml[\s\S]*lists no dapr/}],
		},
		{name: 'no pyproject.toml: info, not a missing-package claim', files: withRun('RUN uv sync'), errors: [{messageId: 'unverified', line: 3, column: 5, severity: 'info', message: VERIFIES}]},
		{name: 'a pyproject.toml that is not TOML: info', files: withRun('RUN uv sync', {'pyproject.toml': '[project\n'}), errors: [{messageId: 'unverified', line: 3, column: 5, severity: 'info', message: VERIFIES}]},
		{name: 'a wheel: info', files: withRun('RUN pip install ./dist/app-0.1-py3-none-any.whl'), errors: [{messageId: 'unverified', line: 3, column: 17, severity: 'info'}]},
		{name: 'a requirements -r cycle ends, and dapr is still missing', files: withRun('RUN pip install -r a.txt', {'a.txt': '-r b.txt\nfastapi\n', 'b.txt': '-r a.txt\nuvicorn\n'}), errors: [{messageId: 'missing', line: 3, column: 20, message: /lacks dapr/}]},
	],
});

describe(rule.id, () => {
	test('a requirements file that is not in the folder', () => {
		const findings = runRule(rule, withRun('RUN pip install -r requirements.txt'));
		expect(findings.map((f) => [f.ruleId, f.line])).toContainEqual([rule.id, 3]);
		expect(findings.some((f) => f.messageId === 'noRequirements' && f.message.includes('The file requirements.txt that pip install -r names is not in the lab folder'))).toBe(true);
	});
});
