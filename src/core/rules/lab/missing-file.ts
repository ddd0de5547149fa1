import {defineRule} from '../../rule.js';
import {NO_POSITION} from '../../types.js';

const HINTS: Readonly<Record<string, string>> = {
	'app.py': 'Create app.py with `from fastapi import FastAPI` and `app = FastAPI()`.',
	Dockerfile: 'Create Dockerfile: FROM python:3.12-slim / WORKDIR /app / RUN pip install fastapi uvicorn / COPY app.py . / CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]',
};

export default defineRule({
	id: 'lab/missing-file',
	meta: {
		description: 'Require app.py and Dockerfile in the lab folder',
		severity: 'error',
		messages: {
			missing: 'The file {{file}} is missing from the lab folder.',
		},
		docs: 'The lab runs `uvicorn app:app` under `dapr run` and builds the image from the Dockerfile. Without app.py there is no app for daprd to deliver to; without a Dockerfile `docker build` fails.',
		symptom: '`Error loading ASGI app. Could not import module "app"` or `failed to read dockerfile`.',
		fix: 'Create the missing file (the hint gives its first lines).',
	},
	check({model, report}) {
		for (const file of ['app.py', 'Dockerfile']) {
			if (model.workspace.files.has(file)) continue;
			report({messageId: 'missing', data: {file}, file, at: NO_POSITION, hint: HINTS[file]});
		}
	},
});
