import {describe, expect, test} from 'vitest';
import {at, check, complete, DOCKERFILE} from '../../../helpers/rules.js';

const RULE = 'dockerfile/cmd';
const withCmd = (cmd: string) => complete({Dockerfile: DOCKERFILE.replace('CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]', cmd)});

describe(RULE, () => {
	test.each([
		'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]',
		'CMD uvicorn app:app --host 0.0.0.0 --port 8000',
		'CMD ["python", "-m", "uvicorn", "app:app", "--host=0.0.0.0", "--port=8000"]',
		'CMD ["sh", "-c", "uvicorn app:app --host 0.0.0.0 --port 8000"]',
		'ENTRYPOINT ["uvicorn"]\nCMD ["app:app", "--host", "0.0.0.0", "--port", "8000"]',
		'CMD ["uvicorn", "app:app", "--host", "::", "--port", "8000", "--reload"]',
	])('valid: %s', (cmd) => expect(check(RULE, withCmd(cmd))).toEqual([]));
	test('missing --host names it', () => {
		const findings = check(RULE, withCmd('CMD ["uvicorn", "app:app", "--port", "8000"]'));
		expect(at(findings)).toEqual([[RULE, 'error', 'Dockerfile', 5, 1]]);
		expect(findings[0]!.message).toContain('--host 0.0.0.0');
	});
	test('every wrong piece is named', () => {
		const findings = check(RULE, withCmd('CMD ["uvicorn", "main:app", "--host", "127.0.0.1", "--port", "5000"]'));
		expect(findings).toHaveLength(1);
		expect(findings[0]!.message).toContain('main:app');
		expect(findings[0]!.message).toContain('127.0.0.1');
		expect(findings[0]!.message).toContain('5000');
	});
	test('a missing --port is named', () => {
		const findings = check(RULE, withCmd('CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]'));
		expect(at(findings)).toEqual([[RULE, 'error', 'Dockerfile', 5, 1]]);
		expect(findings[0]!.message).toContain('--port 8000');
	});
	test('not uvicorn', () => {
		expect(check(RULE, withCmd('CMD ["python", "app.py"]'))[0]!.message).toContain('not uvicorn');
	});
	test('no CMD', () => {
		expect(at(check(RULE, withCmd('')))).toEqual([[RULE, 'error', 'Dockerfile', 4, 1]]);
	});
	test.each([
		['CMD ["uvicorn", "app:app", "--host=0.0.0.0", "--port=8000"]', 0],
		['CMD exec uvicorn app:app --host 0.0.0.0 --port 8000', 0],
		['ENTRYPOINT ["tini", "--"]\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]', 0],
		['CMD ["fastapi", "run", "app.py", "--port", "8000"]', 0],
		['CMD ["fastapi", "dev", "app.py", "--port", "8000"]', 1],
		['CMD PORT=8000 uvicorn app:app --host 0.0.0.0', 1],
	] as const)('read through the shared Dockerfile model: %s (%i)', (cmd, count) => {
		expect(check(RULE, withCmd(cmd))).toHaveLength(count);
	});
	test('uvicorn cannot serve a Flask (WSGI) app', () => {
		const flask = `from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/cleanup-cron", methods=["POST"])\ndef cron():\n    return "", 200\n`;
		const findings = check(RULE, {...withCmd('CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]'), 'app.py': flask});
		expect(at(findings)).toEqual([[RULE, 'error', 'Dockerfile', 5, 1]]);
		expect(findings[0]!.message).toContain('WSGI');
		expect(check(RULE, {...withCmd('CMD ["uvicorn", "app:app", "--interface", "wsgi", "--host", "0.0.0.0", "--port", "8000"]'), 'app.py': flask})).toEqual([]);
	});
	test('a shell expands $PORT from the image\'s ENV; exec form does not', () => {
		const env = (cmd: string) => ({...withCmd(cmd), Dockerfile: withCmd(cmd).Dockerfile!.toString().replace('WORKDIR /app', 'ENV PORT=8000 HOST=0.0.0.0\nWORKDIR /app')});
		expect(check(RULE, env('CMD uvicorn app:app --host $HOST --port $PORT'))).toEqual([]);
		expect(check(RULE, env('CMD ["sh", "-c", "uvicorn app:app --host 0.0.0.0 --port ${PORT}"]'))).toEqual([]);
		const exec = check(RULE, env('CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "$PORT"]'));
		expect(exec).toHaveLength(1);
		expect(exec[0]!.message).toContain('$PORT');
		expect(check(RULE, withCmd('CMD uvicorn app:app --host 0.0.0.0 --port ${PORT:-8000}'))).toEqual([]);
		expect(check(RULE, withCmd('CMD uvicorn app:app --host 0.0.0.0 --port $PORT'))[0]!.message).toContain('no ENV line');
	});
});
