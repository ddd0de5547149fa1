import {describe, expect, test} from 'vitest';
import {at, check, complete, DOCKERFILE} from '../../../helpers/rules.js';

const RULE = 'dockerfile/missing-package';
const withRun = (run: string, extra: Record<string, string> = {}) => complete({Dockerfile: DOCKERFILE.replace('RUN pip install fastapi uvicorn dapr', run), ...extra});

describe(RULE, () => {
	test.each([
		'RUN pip install fastapi uvicorn dapr',
		'RUN pip install --no-cache-dir "fastapi==0.115.0" "uvicorn[standard]" dapr>=1.14',
		'RUN pip install "fastapi[standard]" dapr',
		'RUN python -m pip install -U fastapi uvicorn dapr',
	])('valid: %s', (run) => expect(check(RULE, withRun(run))).toEqual([]));
	test('valid: from requirements.txt', () => {
		const files = withRun('COPY requirements.txt .\nRUN pip install -r requirements.txt', {'requirements.txt': 'fastapi==0.115.0\nuvicorn[standard]\ndapr\n'});
		expect(check(RULE, files)).toEqual([]);
	});
	test('lab-a does not need dapr', () => expect(check(RULE, withRun('RUN pip install fastapi uvicorn'), 'lab-a')).toEqual([]));
	test('lab-b needs dapr', () => {
		const findings = check(RULE, withRun('RUN pip install fastapi uvicorn'), 'lab-b');
		expect(at(findings)).toEqual([[RULE, 'error', 'Dockerfile', 3, findings[0]!.column]]);
		expect(findings[0]!.message).toContain('lacks dapr');
		expect(findings[0]!.hint).toBe('Write `RUN pip install fastapi uvicorn dapr`.');
	});
	test('a requirements file that is not in the folder', () => {
		const findings = check(RULE, withRun('RUN pip install -r requirements.txt'));
		expect(findings.map((f) => [f.ruleId, f.line])).toContainEqual([RULE, 3]);
		expect(findings.some((f) => f.message.includes('The file requirements.txt that pip install -r names is not in the lab folder'))).toBe(true);
	});
	test('requirements without uvicorn', () => {
		const findings = check(RULE, withRun('RUN pip install -r requirements.txt', {'requirements.txt': 'fastapi\ndapr\n'}));
		expect(findings.map((f) => f.message)).toEqual(['The pip install in the Dockerfile lacks uvicorn, so `uvicorn app:app` fails when the container starts.']);
	});
	test.each([
		['RUN pip install dapr-ext-fastapi', 0],
		['RUN pip install fastapi uvicorn dapr-ext-grpc', 0],
		['RUN pip install fastapi uvicorn flask-dapr', 0],
		['RUN pip install dapr-ext-grpc', 1],
	] as const)('extension packages bring their dependencies: %s', (run, count) => {
		expect(check(RULE, withRun(run), 'lab-b')).toHaveLength(count);
	});
	describe('installs the Dockerfile does not list by name', () => {
		const pep621 = '[project]\nname = "x"\nversion = "0"\ndependencies = ["fastapi>=0.115", "uvicorn[standard]", "dapr"]\n';
		test.each(['RUN pip install .', 'RUN pip install -e .', 'RUN uv sync --frozen', 'RUN pdm install'])('valid: %s with PEP 621 dependencies', (run) => {
			expect(check(RULE, withRun(`COPY . .\n${run}`, {'pyproject.toml': pep621}))).toEqual([]);
		});
		test('valid: poetry install with [tool.poetry.dependencies] and a non-optional group', () => {
			const poetry = '[tool.poetry.dependencies]\npython = "^3.12"\nfastapi = "*"\nuvicorn = {version = "*", extras = ["standard"]}\n[tool.poetry.group.runtime.dependencies]\ndapr = "*"\n';
			expect(check(RULE, withRun('RUN poetry install --no-root', {'pyproject.toml': poetry}))).toEqual([]);
		});
		test('pyproject.toml read and lacking dapr: an error at the installer, naming the file', () => {
			const findings = check(RULE, withRun('RUN uv sync', {'pyproject.toml': '[project]\ndependencies = ["fastapi", "uvicorn"]\n'}));
			expect(findings.map((f) => [f.severity, f.line])).toEqual([['error', 3]]);
			expect(findings[0]!.message).toContain('pyproject.toml');
			expect(findings[0]!.message).toContain('lists no dapr');
		});
		test('no pyproject.toml, or one that is not TOML, or a wheel: info, not a missing-package claim', () => {
			for (const extra of [{}, {'pyproject.toml': '[project\n'}] as Record<string, string>[]) {
				const findings = check(RULE, withRun('RUN uv sync', extra));
				expect(findings.map((f) => f.severity)).toEqual(['info']);
				expect(findings[0]!.message).toContain('`dapr-labs run` (or docker build) verifies it');
			}
			expect(check(RULE, withRun('RUN pip install ./dist/app-0.1-py3-none-any.whl')).map((f) => f.severity)).toEqual(['info']);
		});
		test('requirements -r chain, relative to the including file, with extras', () => {
			const files = withRun('RUN pip install -r reqs/prod.txt', {'reqs/prod.txt': '-r base.txt\ndapr\n', 'reqs/base.txt': 'fastapi[standard]\n'});
			expect(check(RULE, files)).toEqual([]);
			const cycle = withRun('RUN pip install -r a.txt', {'a.txt': '-r b.txt\nfastapi\n', 'b.txt': '-r a.txt\nuvicorn\n'});
			expect(check(RULE, cycle).map((f) => f.message)).toEqual([expect.stringContaining('lacks dapr')]);
		});
	});
});
