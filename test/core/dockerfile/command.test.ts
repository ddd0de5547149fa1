import {describe, expect, it} from 'vitest';
import {analyzeDockerfile, uvicornTarget} from '../../../src/core/dockerfile/model.js';

const target = (cmdLines: string) => {
	const m = analyzeDockerfile('Dockerfile', `FROM python:3.12-slim\n${cmdLines}\n`);
	return m.command ? uvicornTarget(m.command.argv) : null;
};

describe('uvicornTarget on real CMD/ENTRYPOINT lines', () => {
	it.each([
		['CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]', 'uvicorn', 'app:app', '0.0.0.0', '8000', false],
		['CMD uvicorn app:app --host 0.0.0.0 --port 8000', 'uvicorn', 'app:app', '0.0.0.0', '8000', false],
		['CMD ["uvicorn", "app:app", "--host=0.0.0.0", "--port=8000"]', 'uvicorn', 'app:app', '0.0.0.0', '8000', false],
		['CMD ["python", "-m", "uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]', 'uvicorn', 'app:app', '0.0.0.0', '8000', true],
		['CMD ["python3", "-u", "-m", "uvicorn", "app:app"]', 'uvicorn', 'app:app', null, null, true],
		['CMD ["sh", "-c", "uvicorn app:app --host 0.0.0.0 --port ${PORT:-8000}"]', 'uvicorn', 'app:app', '0.0.0.0', '${PORT:-8000}', false],
		['CMD exec uvicorn app:app --port 8000', 'uvicorn', 'app:app', null, '8000', false],
		['CMD ["/bin/bash", "-c", "cd /app && exec uvicorn app:app --host 0.0.0.0"]', 'uvicorn', 'app:app', '0.0.0.0', null, false],
		['ENTRYPOINT ["uvicorn"]\nCMD ["app:app", "--port", "8000", "--host", "0.0.0.0"]', 'uvicorn', 'app:app', '0.0.0.0', '8000', false],
		['ENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]', 'uvicorn', 'app:app', '0.0.0.0', null, false],
		['CMD ["/app/.venv/bin/uvicorn", "--reload", "--workers", "2", "app:app"]', 'uvicorn', 'app:app', null, null, false],
		['CMD ["uv", "run", "--no-project", "uvicorn", "main:app", "--port", "8000"]', 'uvicorn', 'main:app', null, '8000', false],
		['CMD ["uvicorn", "--host", "0.0.0.0", "--port", "8000", "app:app"]', 'uvicorn', 'app:app', '0.0.0.0', '8000', false],
		['CMD ["fastapi", "run", "app.py", "--port", "8000"]', 'fastapi-cli', 'app.py', null, '8000', false],
		['ENTRYPOINT ["tini", "--"]\nCMD sh -c "exec uvicorn app:app --host 0.0.0.0 --port=${PORT:-8000}"', 'uvicorn', 'app:app', '0.0.0.0', '${PORT:-8000}', false],
		['CMD ["sh", "-ec", "python -m uvicorn app:app --port 8000"]', 'uvicorn', 'app:app', null, '8000', true],
	])('%s', (lines, runner, module, host, port, viaPythonM) => {
		expect(target(lines)).toMatchObject({runner, module, host, port, viaPythonM});
	});

	it.each([
		['CMD ["python", "app.py"]'],
		['CMD ["gunicorn", "app:app"]'],
		['CMD ["echo", "uvicorn app:app"]'],
		['CMD ["sh", "app.sh"]'],
		["CMD ['uvicorn', 'app:app']"], // not JSON: /bin/sh -c "['uvicorn', ..." runs no uvicorn
	])('%s starts no uvicorn', (lines) => {
		expect(target(lines)).toBeNull();
	});

	it('applies defaults: uvicorn binds 127.0.0.1:8000, fastapi run 0.0.0.0:8000, fastapi dev 127.0.0.1:8000', () => {
		expect(uvicornTarget(['uvicorn', 'app:app'])).toMatchObject({effectiveHost: '127.0.0.1', effectivePort: '8000'});
		expect(uvicornTarget(['fastapi', 'run'])).toMatchObject({module: '', effectiveHost: '0.0.0.0', effectivePort: '8000'});
		expect(uvicornTarget(['fastapi', 'dev', 'app.py'])).toMatchObject({effectiveHost: '127.0.0.1'});
		expect(uvicornTarget(['uvicorn', 'app:app', '--port', '9000', '--host', '::'])).toMatchObject({effectiveHost: '::', effectivePort: '9000'});
	});

	it('never throws', () => {
		for (const argv of [[], [''], ['sh', '-c'], ['sh', '-c', '"unclosed'], ['uvicorn', '--port'], ['python', '-m']]) {
			expect(() => uvicornTarget(argv)).not.toThrow();
		}
		expect(uvicornTarget(['uvicorn', '--port'])).toMatchObject({module: '', port: null});
	});
});
