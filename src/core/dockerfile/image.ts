/** Reading image references as FROM writes them (`docker.io/library/python:3.12-slim@sha256:...`). */

/** The parts of an image reference. `repository` drops Docker Hub's implicit `library/`. */
export type ImageRef = {
	readonly registry: string | null;
	/** Path without registry, tag or digest: `python`, `tiangolo/uvicorn-gunicorn-fastapi`, `distroless/python3`. */
	readonly repository: string;
	/** Last path segment of the repository: `python`, `uvicorn-gunicorn-fastapi`, `python3`. */
	readonly name: string;
	readonly tag: string | null;
	readonly digest: string | null;
};

/** Splits an image reference into registry, repository, name, tag and digest. Never throws. */
export function parseImageRef(image: string): ImageRef {
	let rest = image.trim();
	let digest: string | null = null;
	const at = rest.indexOf('@');
	if (at >= 0) {
		digest = rest.slice(at + 1);
		rest = rest.slice(0, at);
	}
	let tag: string | null = null;
	const colon = rest.lastIndexOf(':');
	if (colon > rest.lastIndexOf('/')) {
		tag = rest.slice(colon + 1);
		rest = rest.slice(0, colon);
	}
	let registry: string | null = null;
	const slash = rest.indexOf('/');
	// Docker's rule: the first component is a registry when it has a dot or a port, or is localhost.
	if (slash > 0) {
		const first = rest.slice(0, slash);
		if (first.includes('.') || first.includes(':') || first === 'localhost') {
			registry = first;
			rest = rest.slice(slash + 1);
		}
	}
	const dockerHub = registry === null || registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io';
	if (dockerHub && rest.startsWith('library/')) rest = rest.slice('library/'.length);
	const lower = rest.toLowerCase();
	return {registry, repository: lower, name: lower.slice(lower.lastIndexOf('/') + 1), tag, digest};
}

// Distributions that ship a Python interpreter under another name.
const PYTHON_DISTRIBUTIONS = new Set(['pypy', 'miniconda3', 'anaconda3', 'miniforge3', 'mambaforge', 'micromamba']);

/**
 * Whether an image ships Python: the official `python` image under any registry or mirror (`python`,
 * `docker.io/library/python`, `mcr.microsoft.com/devcontainers/python`), images named python* (`distroless/python3`),
 * images whose tag names Python (`ghcr.io/astral-sh/uv:python3.12-bookworm-slim`,
 * `tiangolo/uvicorn-gunicorn-fastapi:python3.11`), and conda/PyPy images.
 */
export function isPythonImage(image: string): boolean {
	const ref = parseImageRef(image);
	if (ref.name.startsWith('python') || PYTHON_DISTRIBUTIONS.has(ref.name)) return true;
	return ref.tag !== null && /(^|[^a-z])python/i.test(ref.tag);
}
