import {readFileSync, readdirSync, existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {analyzeDockerfile} from '../../../src/core/dockerfile/model.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const names = (text: string) => analyzeDockerfile('Dockerfile', text).pipPackages.map((p) => p.name);

describe('the lesson solutions', () => {
	const dirs = readdirSync(path.join(repoRoot, 'labs')).filter((d) => existsSync(path.join(repoRoot, 'labs', d, 'solution', 'Dockerfile')));
	it('has solutions to read', () => expect(dirs.length).toBeGreaterThanOrEqual(3));
	it.each(dirs)('%s/Dockerfile', (dir) => {
		const text = readFileSync(path.join(repoRoot, 'labs', dir, 'solution', 'Dockerfile'), 'utf8');
		const m = analyzeDockerfile(`labs/${dir}/solution/Dockerfile`, text);
		expect(m.syntaxErrors).toEqual([]);
		expect(m.baseImage?.image).toBe('python:3.12-slim');
		expect(m.baseImage?.span).toMatchObject({line: 1, column: 6});
		expect(m.pipPackages.map((p) => p.name)).toEqual(expect.arrayContaining(['fastapi', 'uvicorn']));
		expect(m.copies.flatMap((c) => c.sources)).toContain('app.py');
		expect(m.command?.argv).toEqual(['uvicorn', 'app:app', '--host', '0.0.0.0', '--port', '8000']);
		expect(m.command?.span.line).toBe(5);
	});
});

describe('pip install in RUN', () => {
	it.each([
		['RUN pip install fastapi uvicorn', ['fastapi', 'uvicorn']],
		['RUN pip3 install --no-cache-dir -U fastapi', ['fastapi']],
		['RUN python -m pip install --upgrade pip && python -m pip install dapr', ['pip', 'dapr']],
		['RUN python3 -m pip install --user "fastapi>=0.110" \'dapr\'', ['fastapi', 'dapr']],
		['RUN uv pip install --system uvicorn[standard]==0.30', ['uvicorn']],
		['RUN pip install -i https://pypi.org/simple fastapi --index-url https://x/simple uvicorn', ['fastapi', 'uvicorn']],
		['RUN pip install --index-url=https://x/simple Fast_API Zope.Interface', ['fast-api', 'zope-interface']],
		['RUN ["pip", "install", "fastapi", "uvicorn[standard]"]', ['fastapi', 'uvicorn']],
		['RUN apt-get update; pip install dapr | tee log', ['dapr']],
		['RUN PIP_NO_CACHE_DIR=1 /usr/local/bin/pip install dapr', ['dapr']],
		['RUN sh -c "pip install fastapi && pip install uvicorn"', ['fastapi', 'uvicorn']],
		['RUN pip install "dapr @ https://example.com/dapr.whl"', ['dapr']],
		['RUN echo pip install fastapi', []],
		['RUN pip download fastapi', []],
		['RUN pip install .', []],
		['RUN pip install $EXTRA', []],
	])('%s', (run, want) => {
		expect(names(`FROM python:3.12\n${run}\n`)).toEqual(want);
	});

	it('reads continuation lines with comments and points at each package', () => {
		const m = analyzeDockerfile(
			'Dockerfile',
			['FROM python:3.12-slim', 'RUN pip install --no-cache-dir \\', '    # web', '    fastapi \\', '\t"uvicorn[standard]" \\', '    dapr==1.14.0'].join('\n'),
		);
		expect(m.pipPackages).toEqual([
			{name: 'fastapi', span: {line: 4, column: 5, endLine: 4, endColumn: 11}},
			{name: 'uvicorn', span: {line: 5, column: 2, endLine: 5, endColumn: 20}},
			{name: 'dapr', span: {line: 6, column: 5, endLine: 6, endColumn: 16}},
		]);
	});

	it('reads a heredoc RUN', () => {
		expect(names('FROM python:3.12\nRUN <<EOF\nset -e\npip install fastapi\npip install dapr\nEOF\n')).toEqual(['fastapi', 'dapr']);
	});

	it('collects requirement files and other sources', () => {
		const m = analyzeDockerfile(
			'Dockerfile',
			'FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt --requirement=dev.txt -e . ./pkg\n',
		);
		expect(m.requirementFiles).toEqual([
			{path: 'requirements.txt', span: {line: 3, column: 20, endLine: 3, endColumn: 35}},
			{path: 'dev.txt', span: {line: 3, column: 37, endLine: 3, endColumn: 57}},
		]);
		expect(m.pipOtherSources?.map((o) => o.spec)).toEqual(['.', './pkg']);
		expect(m.pipPackages).toEqual([]);
	});
});

describe('stages and base image', () => {
	it.each([
		['FROM python:3.12-slim', 'python:3.12-slim', 1, 6],
		['ARG PY=3.11\nFROM python:${PY}-slim', 'python:3.11-slim', 2, 6],
		['ARG PY\nFROM python:${PY:-3.10}', 'python:3.10', 2, 6],
		['FROM --platform=linux/amd64 docker.io/library/python:3.12', 'docker.io/library/python:3.12', 1, 29],
		['FROM python:3.12-slim AS base\nRUN pip install x\nFROM base', 'python:3.12-slim', 1, 6],
		['FROM node:20 AS web\nFROM python:3.12 AS app\nFROM web', 'node:20', 1, 6],
		['FROM python:3.12 AS build\nFROM gcr.io/distroless/python3', 'gcr.io/distroless/python3', 2, 6],
	])('%j → %s', (text, image, line, column) => {
		const m = analyzeDockerfile('Dockerfile', `${text}\n`);
		expect(m.baseImage?.image).toBe(image);
		expect(m.baseImage?.span).toMatchObject({line, column});
	});

	it('has no base image without FROM', () => {
		expect(analyzeDockerfile('Dockerfile', 'RUN pip install x\n').baseImage).toBeNull();
	});

	it('takes packages from the stages that reach the final image only', () => {
		const text = [
			'FROM python:3.12 AS builder',
			'RUN pip install --prefix=/install fastapi uvicorn',
			'FROM python:3.12 AS tests',
			'RUN pip install pytest',
			'FROM python:3.12-slim',
			'COPY --from=builder /install /usr/local',
			'COPY --from=tests /x /x',
			'COPY --from=busybox:latest /bin/sh /bin/sh',
			'COPY app.py .',
			'CMD ["uvicorn", "app:app"]',
		].join('\n');
		const m = analyzeDockerfile('Dockerfile', text);
		expect(m.pipPackages.map((p) => p.name)).toEqual(['fastapi', 'uvicorn', 'pytest']);
		expect(m.copies).toEqual([{sources: ['app.py'], dest: '.', span: {line: 9, column: 1, endLine: 9, endColumn: 13}}]);
		expect(m.stages?.map((s) => s.name)).toEqual(['builder', 'tests', null]);
	});

	it('ignores a stage nothing uses', () => {
		const m = analyzeDockerfile('Dockerfile', 'FROM python:3.12 AS unused\nRUN pip install dapr\nFROM python:3.12\nRUN pip install fastapi\n');
		expect(m.pipPackages.map((p) => p.name)).toEqual(['fastapi']);
	});
});

describe('COPY and ADD', () => {
	it.each([
		['COPY app.py .', [['app.py'], '.']],
		['COPY . /app', [['.'], '/app']],
		['COPY --chown=app:app app.py requirements.txt /app/', [['app.py', 'requirements.txt'], '/app/']],
		['COPY ["app.py", "./"]', [['app.py'], './']],
		['ADD *.py /app/', [['*.py'], '/app/']],
		['copy app.py /srv/app.py', [['app.py'], '/srv/app.py']],
	] as const)('%s', (line, [sources, dest]) => {
		const m = analyzeDockerfile('Dockerfile', `FROM python:3.12\n${line}\n`);
		expect(m.copies).toEqual([{sources, dest, span: expect.objectContaining({line: 2, column: 1})}]);
	});

	it('does not count COPY --from as a copy from the build context', () => {
		expect(analyzeDockerfile('Dockerfile', 'FROM python:3.12 AS a\nFROM python:3.12\nCOPY --from=a /app.py .\n').copies).toEqual([]);
	});
});

describe('CMD and ENTRYPOINT', () => {
	it.each([
		['CMD ["uvicorn", "app:app", "--port", "8000"]', ['uvicorn', 'app:app', '--port', '8000'], 2],
		['CMD uvicorn app:app --port 8000', ['/bin/sh', '-c', 'uvicorn app:app --port 8000'], 2],
		['ENTRYPOINT ["uvicorn"]\nCMD ["app:app", "--host", "0.0.0.0"]', ['uvicorn', 'app:app', '--host', '0.0.0.0'], 3],
		['ENTRYPOINT uvicorn app:app\nCMD ["--port", "1"]', ['/bin/sh', '-c', 'uvicorn app:app'], 2],
		['ENTRYPOINT ["python", "-m"]\nCMD uvicorn app:app', ['python', '-m', '/bin/sh', '-c', 'uvicorn app:app'], 3],
		['CMD ["python", "a.py"]\nCMD ["uvicorn", "app:app"]', ['uvicorn', 'app:app'], 3],
		['SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD uvicorn app:app', ['/bin/bash', '-o', 'pipefail', '-c', 'uvicorn app:app'], 3],
		['CMD uvicorn app:app \\\n  --host 0.0.0.0', ['/bin/sh', '-c', 'uvicorn app:app   --host 0.0.0.0'], 2],
	])('%j', (lines, argv, line) => {
		const m = analyzeDockerfile('Dockerfile', `FROM python:3.12\n${lines}\n`);
		expect(m.command?.argv).toEqual(argv);
		expect(m.command?.span.line).toBe(line);
	});

	it('inherits CMD from the base stage', () => {
		const m = analyzeDockerfile('Dockerfile', 'FROM python:3.12 AS base\nCMD ["uvicorn", "app:app"]\nFROM base\nCOPY app.py .\n');
		expect(m.command?.argv).toEqual(['uvicorn', 'app:app']);
		expect(m.command?.span.line).toBe(2);
	});

	it('drops an inherited CMD when the stage sets ENTRYPOINT', () => {
		const m = analyzeDockerfile('Dockerfile', 'FROM python:3.12 AS base\nCMD ["app:app"]\nFROM base\nENTRYPOINT ["uvicorn"]\n');
		expect(m.command?.argv).toEqual(['uvicorn']);
	});

	it('does not inherit from an unrelated stage', () => {
		const m = analyzeDockerfile('Dockerfile', 'FROM python:3.12 AS base\nCMD ["uvicorn", "app:app"]\nFROM python:3.12\n');
		expect(m.command).toBeNull();
	});

	it('reads a CMD that is not valid JSON as shell form, and says so', () => {
		const m = analyzeDockerfile('Dockerfile', "FROM python:3.12\nCMD ['uvicorn', 'app:app']\n");
		expect(m.command?.argv).toEqual(['/bin/sh', '-c', "['uvicorn', 'app:app']"]);
		expect(m.syntaxErrors).toEqual([{message: expect.stringMatching(/not valid JSON/), span: expect.objectContaining({line: 2, column: 1})}]);
	});
});

describe('syntax errors', () => {
	it.each([
		['FROM python:3.12\nRUNN pip install x\n', /^Unknown instruction RUNN \(did you mean RUN\?\); Docker stops the build here\.$/, 2, 1],
		['FROM python:3.12\nCMD\n', /CMD instruction has no arguments/, 2, 1],
		['WORKDIR /app\nFROM python:3.12\n', /first instruction must be FROM/, 1, 1],
		['FROM python:3.12 base\n', /FROM takes an image/, 1, 1],
		['FROM python:3.12\nRUN pip install "fastapi\n', /quote is never closed/, 2, 17],
		['FROM python:3.12\nENTRYPOINT ["uvicorn" "app:app"]\n', /not valid JSON/, 2, 1],
	])('%j', (text, message, line, column) => {
		const errors = analyzeDockerfile('Dockerfile', text).syntaxErrors;
		expect(errors).toHaveLength(1);
		expect(errors[0]?.message).toMatch(message);
		expect(errors[0]?.span).toMatchObject({line, column});
	});

	it('accepts lower-case keywords, comments, parser directives and blank lines', () => {
		const m = analyzeDockerfile('Dockerfile', '# syntax=docker/dockerfile:1\n\n# base\nfrom python:3.12\nrun pip install dapr\n');
		expect(m.syntaxErrors).toEqual([]);
		expect(m.pipPackages.map((p) => p.name)).toEqual(['dapr']);
	});

	it.each([
		'',
		'\u0000\u0001binary',
		'FROM',
		'RUN \\',
		'CMD ["unterminated',
		'FROM python:3.12\nRUN <<EOF\npip install x\n',
		'ARG X=${Y:-${Z}}\nFROM $X',
		'FROM a AS b\nFROM b AS a\nFROM a',
		'\r\nFROM python:3.12\r\nRUN pip install \\\r\n dapr\r\n',
		'# escape=`\nFROM python:3.12\nRUN pip install fastapi `\n  uvicorn\n',
	])('never throws on %j', (text) => {
		expect(() => analyzeDockerfile('Dockerfile', text)).not.toThrow();
	});

	it('honours the escape directive for continuations', () => {
		expect(names('# escape=`\nFROM python:3.12\nRUN pip install fastapi `\n  uvicorn\n')).toEqual(['fastapi', 'uvicorn']);
	});

	it('reads CRLF files with the same positions', () => {
		const m = analyzeDockerfile('Dockerfile', 'FROM python:3.12\r\nRUN pip install \\\r\n dapr\r\n');
		expect(m.pipPackages).toEqual([{name: 'dapr', span: {line: 3, column: 2, endLine: 3, endColumn: 5}}]);
	});
});

describe('broken and hostile input', () => {
	const complex = [
		'# syntax=docker/dockerfile:1',
		'ARG PY=3.12',
		'FROM --platform=$BUILDPLATFORM python:${PY}-slim AS base',
		'RUN pip install --no-cache-dir \\',
		'    "fastapi>=0.110" \\',
		"    'uvicorn[standard]' && \\",
		'    python -m pip install -r requirements.txt',
		'COPY --chown=app:app ["app.py", "./"]',
		'FROM base',
		'ENTRYPOINT ["tini", "--"]',
		'CMD sh -c "exec uvicorn app:app --host 0.0.0.0 --port=${PORT:-8000}"',
	].join('\n');

	it('never throws on any prefix of a realistic Dockerfile', () => {
		for (let n = 0; n <= complex.length; n++) {
			const m = analyzeDockerfile('Dockerfile', complex.slice(0, n));
			expect(Array.isArray(m.instructions)).toBe(true);
		}
		const full = analyzeDockerfile('Dockerfile', complex);
		expect(full.syntaxErrors).toEqual([]);
		expect(full.pipPackages.map((p) => p.name)).toEqual(['fastapi', 'uvicorn']);
		expect(full.command?.argv).toEqual(['tini', '--', '/bin/sh', '-c', 'sh -c "exec uvicorn app:app --host 0.0.0.0 --port=${PORT:-8000}"']);
	});

	it('reports an oversized Dockerfile instead of reading it', () => {
		const m = analyzeDockerfile('Dockerfile', `FROM python:3.12\nRUN ${'"a" '.repeat(50_000)}\n`);
		expect(m.instructions).toEqual([]);
		expect(m.syntaxErrors).toEqual([{message: expect.stringMatching(/reads Dockerfiles of up to 128 KB\.$/), span: {line: 1, column: 1}}]);
	});
});

describe('other installers', () => {
	it.each([
		['RUN uv sync --frozen', 'uv sync', []],
		['RUN poetry install --no-root', 'poetry install', []],
		['RUN uv pip sync --system requirements.lock', 'uv pip sync', ['requirements.lock']],
		['RUN pip-sync requirements.txt dev.txt', 'pip-sync', ['requirements.txt', 'dev.txt']],
	])('%s', (run, spec, files) => {
		const m = analyzeDockerfile('Dockerfile', `FROM python:3.12\n${run}\n`);
		expect(m.pipOtherSources).toEqual([{spec, span: expect.objectContaining({line: 2, column: 5})}]);
		expect(m.requirementFiles.map((r) => r.path)).toEqual(files);
		expect(m.pipPackages).toEqual([]);
	});
});
