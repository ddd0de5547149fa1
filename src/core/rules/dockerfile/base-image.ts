import {defineRule} from '../../rule.js';
import {isPythonImage} from '../../dockerfile/model.js';
import {readyDockerfile, short, START} from '../support.js';

export default defineRule({
	id: 'dockerfile/base-image',
	meta: {
		description: 'Require the image to start from a python base image',
		severity: 'error',
		messages: {
			missing: 'The Dockerfile has no FROM line, so docker build cannot start.',
			notPython: 'FROM {{image}} is not a python image, so pip and python are not there to install and run the app.',
			maybe: 'FROM {{image}} is not an official python image; it mentions python, but pip and uvicorn may behave differently from python:3.12-slim.',
		},
		docs: 'The lab image runs uvicorn with Python\'s pip-installed packages. A base image without Python (alpine, ubuntu, node) fails at `RUN pip install` with `pip: not found`. dapr-labs accepts any image that ships Python: a repository named python* under any registry or mirror (python, library/python, docker.io/python, distroless/python3), an image whose tag names Python (uv:python3.12-bookworm-slim), and conda/PyPy images; other images that only mention python in their path get a warning.',
		symptom: '`/bin/sh: pip: not found` during docker build.',
		fix: 'Start from a python image.',
	},
	check({model, report}) {
		const dockerfile = readyDockerfile(model);
		if (!dockerfile) return;
		const base = dockerfile.baseImage;
		if (!base) {
			report({messageId: 'missing', file: dockerfile.file, at: START, hint: 'Start the Dockerfile with `FROM python:3.12-slim`.'});
			return;
		}
		const image = base.image.trim();
		// Build args (`FROM ${BASE}`) are decided at build time.
		if (image.includes('$')) return;
		if (isPythonImage(image)) return;
		const hint = 'Write `FROM python:3.12-slim`.';
		if (/python/i.test(image)) {
			report({messageId: 'maybe', data: {image: short(image)}, file: dockerfile.file, at: base.span, severity: 'warning', hint});
			return;
		}
		report({messageId: 'notPython', data: {image: short(image)}, file: dockerfile.file, at: base.span, hint});
	},
});
