import {defineRule} from '../../rule.js';
import type {Span} from '../../types.js';
import {short, START} from '../support.js';

/** The image of the last FROM, following `FROM <earlier stage alias>` back to a real image. */
function effectiveImage(instructions: readonly {keyword: string; args: readonly string[]; span: Span}[]): {image: string; span: Span} | null {
	const stages = new Map<string, string>();
	let last: {image: string; span: Span} | null = null;
	for (const instruction of instructions) {
		if (instruction.keyword !== 'FROM') continue;
		const args = instruction.args.filter((arg) => !arg.startsWith('--'));
		const image = args[0];
		if (!image) continue;
		const resolved = stages.get(image.toLowerCase()) ?? image;
		const asIndex = args.findIndex((arg) => arg.toLowerCase() === 'as');
		if (asIndex > 0 && args[asIndex + 1]) stages.set(args[asIndex + 1]!.toLowerCase(), resolved);
		last = {image: resolved, span: instruction.span};
	}
	return last;
}

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
		docs: 'The lab image runs uvicorn with Python\'s pip-installed packages. A base image without Python (alpine, ubuntu, node) fails at `RUN pip install` with `pip: not found`. dapr-labs accepts any image whose repository name starts with `python` (python, library/python, docker.io/python, a mirror\'s .../python); other images that only mention python in a tag or path get a warning.',
		symptom: '`/bin/sh: pip: not found` during docker build.',
	},
	check({model, report}) {
		const dockerfile = model.dockerfile;
		if (!dockerfile) return;
		const base = effectiveImage(dockerfile.instructions) ?? dockerfile.baseImage;
		if (!base) {
			report({messageId: 'missing', file: dockerfile.file, at: START, hint: 'Start the Dockerfile with `FROM python:3.12-slim`.'});
			return;
		}
		const image = base.image.trim();
		// Build args (`FROM ${BASE}`) are decided at build time.
		if (image.includes('$')) return;
		const repository = image.split('@')[0]!.replace(/:[^/:]*$/, '');
		const lastSegment = repository.split('/').pop()!.toLowerCase();
		if (lastSegment.startsWith('python')) return;
		const hint = 'Write `FROM python:3.12-slim`.';
		if (/python/i.test(image)) {
			report({messageId: 'maybe', data: {image: short(image)}, file: dockerfile.file, at: base.span, severity: 'warning', hint});
			return;
		}
		report({messageId: 'notPython', data: {image: short(image)}, file: dockerfile.file, at: base.span, hint});
	},
});
