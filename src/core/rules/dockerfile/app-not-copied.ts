import {defineRule} from '../../rule.js';
import {readyDockerfile, START} from '../support.js';

/** A Dockerfile COPY source pattern (Go filepath.Match syntax) as a RegExp. */
function globToRegExp(pattern: string): RegExp | null {
	let source = '^';
	for (const char of pattern) {
		if (char === '*') source += '[^/]*';
		else if (char === '?') source += '[^/]';
		else if (char === '[' || char === ']') source += char;
		else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
	}
	try {
		return new RegExp(source + '$');
	} catch {
		return null;
	}
}

/** Whether a COPY/ADD source brings app.py (from the root of the build context) into the image. */
function copiesApp(source: string): boolean {
	let path = source.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '');
	path = path.replace(/\/+$/, '');
	if (path === '' || path === '.' || path === '/') return true;
	if (path.startsWith('/')) path = path.slice(1);
	if (path === 'app.py') return true;
	return globToRegExp(path)?.test('app.py') ?? false;
}

export default defineRule({
	id: 'dockerfile/app-not-copied',
	meta: {
		description: 'Require app.py to be copied into the image',
		severity: 'error',
		messages: {
			missing: 'No COPY or ADD brings app.py into the image, so `uvicorn app:app` cannot import it.',
		},
		docs: 'The image contains only what COPY/ADD put there. Without app.py in the working directory, uvicorn fails with `Could not import module "app"` and the container exits, so daprd never finds the app port.',
		symptom: '`Error loading ASGI app. Could not import module "app".`',
		fix: 'Copy app.py (or the whole context with `COPY . .`).',
	},
	check({model, report}) {
		const dockerfile = readyDockerfile(model);
		if (!dockerfile) return;
		const copied = dockerfile.copies.some((copy) => copy.sources.some(copiesApp));
		if (copied) return;
		const at = dockerfile.command?.span ?? dockerfile.instructions.at(-1)?.span ?? START;
		report({messageId: 'missing', file: dockerfile.file, at, hint: 'Add `COPY app.py .` after WORKDIR /app (before CMD).'});
	},
});
