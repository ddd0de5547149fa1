import rule from '../../../../src/core/rules/dockerfile/cmd.js';
import {complete, DOCKERFILE} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const RIGHT = 'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]';
const withCmd = (cmd: string) => complete({Dockerfile: DOCKERFILE.replace(RIGHT, cmd)});
const FLASK = `from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/cleanup-cron", methods=["POST"])\ndef cron():\n    return "", 200\n`;
const withEnv = (cmd: string) => complete({Dockerfile: DOCKERFILE.replace(RIGHT, cmd).replace('WORKDIR /app', 'ENV PORT=8000 HOST=0.0.0.0\nWORKDIR /app')});

ruleTester.run(rule, {
	valid: [
		...[
			RIGHT,
			'CMD uvicorn app:app --host 0.0.0.0 --port 8000',
			'CMD ["python", "-m", "uvicorn", "app:app", "--host=0.0.0.0", "--port=8000"]',
			'CMD ["sh", "-c", "uvicorn app:app --host 0.0.0.0 --port 8000"]',
			'ENTRYPOINT ["uvicorn"]\nCMD ["app:app", "--host", "0.0.0.0", "--port", "8000"]',
			'CMD ["uvicorn", "app:app", "--host", "::", "--port", "8000", "--reload"]',
			// Read through the shared Dockerfile model.
			'CMD ["uvicorn", "app:app", "--host=0.0.0.0", "--port=8000"]',
			'CMD exec uvicorn app:app --host 0.0.0.0 --port 8000',
			'ENTRYPOINT ["tini", "--"]\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]',
			'CMD ["fastapi", "run", "app.py", "--port", "8000"]',
			'CMD uvicorn app:app --host 0.0.0.0 --port ${PORT:-8000}',
		].map((cmd) => ({name: cmd, files: withCmd(cmd)})),
		{name: 'uvicorn --interface wsgi serves a Flask app', files: {...withCmd('CMD ["uvicorn", "app:app", "--interface", "wsgi", "--host", "0.0.0.0", "--port", "8000"]'), 'app.py': FLASK}},
		// A shell expands $PORT from the image's ENV.
		{name: 'shell form with $HOST and $PORT from ENV', files: withEnv('CMD uvicorn app:app --host $HOST --port $PORT')},
		{name: 'sh -c with ${PORT} from ENV', files: withEnv('CMD ["sh", "-c", "uvicorn app:app --host 0.0.0.0 --port ${PORT}"]')},
	],
	invalid: [
		{name: 'missing --host names it', files: withCmd('CMD ["uvicorn", "app:app", "--port", "8000"]'), errors: [{messageId: 'pieces', file: 'Dockerfile', line: 5, column: 1, severity: 'error', message: /--host 0\.0\.0\.0/}]},
		{name: 'every wrong piece is named', files: withCmd('CMD ["uvicorn", "main:app", "--host", "127.0.0.1", "--port", "5000"]'), errors: [{messageId: 'pieces', line: 5, column: 1, message: /main:app[\s\S]*127\.0\.0\.1[\s\S]*5000/}]},
		{name: 'a missing --port is named', files: withCmd('CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]'), errors: [{messageId: 'pieces', file: 'Dockerfile', line: 5, column: 1, severity: 'error', message: /--port 8000/}]},
		{name: 'not uvicorn', files: withCmd('CMD ["python", "app.py"]'), errors: [{messageId: 'notUvicorn', line: 5, column: 1, message: /not uvicorn/}]},
		{name: 'no CMD', files: withCmd(''), errors: [{messageId: 'missing', file: 'Dockerfile', line: 4, column: 1, severity: 'error'}]},
		{name: 'fastapi dev', files: withCmd('CMD ["fastapi", "dev", "app.py", "--port", "8000"]'), errors: [{messageId: 'pieces', line: 5, column: 1}]},
		{name: 'PORT=8000 before uvicorn, no --host', files: withCmd('CMD PORT=8000 uvicorn app:app --host 0.0.0.0'), errors: [{messageId: 'pieces', line: 5, column: 1}]},
		{name: 'uvicorn cannot serve a Flask (WSGI) app', files: {...withCmd(RIGHT), 'app.py': FLASK}, errors: [{messageId: 'pieces', file: 'Dockerfile', line: 5, column: 1, severity: 'error', message: /WSGI/}]},
		{name: 'exec form does not expand $PORT', files: withEnv('CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "$PORT"]'), errors: [{messageId: 'pieces', line: 6, column: 1, message: /\$PORT/}]},
		{name: 'a shell $PORT with no ENV line', files: withCmd('CMD uvicorn app:app --host 0.0.0.0 --port $PORT'), errors: [{messageId: 'pieces', line: 5, column: 1, message: /no ENV line/}]},
	],
});
