import {defineRule} from '../../rule.js';
import type {Span} from '../../types.js';
import {readsPyproject} from '../../dockerfile/pyproject.js';
import {readyDockerfile, short, START} from '../support.js';

function normalise(path: string): string {
	return path.replace(/^\.\//, '').replace(/\\/g, '/');
}

/** What installing a Dapr extension package brings with it (python-sdk ext packages' install_requires). */
const IMPLIED: Readonly<Record<string, readonly string[]>> = {
	'dapr-ext-fastapi': ['dapr', 'fastapi', 'uvicorn'],
	'dapr-ext-grpc': ['dapr'],
	'dapr-ext-workflow': ['dapr'],
	'flask-dapr': ['dapr'],
};

export default defineRule({
	id: 'dockerfile/missing-package',
	meta: {
		description: 'Require pip install to include fastapi, uvicorn, and dapr when the lab uses the SDK',
		severity: 'error',
		messages: {
			missing: 'The pip install in the Dockerfile lacks {{packages}}, so `{{effect}}` fails when the container starts.',
			noRequirements: 'The file {{path}} that pip install -r names is not in the lab folder, so docker build fails.',
			missingPyproject: 'The file pyproject.toml, which `{{installer}}` in the Dockerfile installs from, lists no {{packages}}, so `{{effect}}` fails when the container starts.',
			unverified: 'Could not verify that the image installs {{packages}}: {{sources}} installs packages the Dockerfile does not list; `dapr-labs run` (or docker build) verifies it.',
		},
		docs: 'The image only has what `pip install` put there (directly, through `-r requirements.txt` and the files it includes with `-r`, or from pyproject.toml for `pip install .`, `uv sync` and `poetry install`: PEP 621 `[project].dependencies`, `[dependency-groups].dev`, Poetry\'s `[tool.poetry.dependencies]` and non-optional groups). An install the checker cannot read (a wheel, a URL, conda, a missing pyproject.toml) is reported as info, not as a missing package. uvicorn runs the app, fastapi serves it, and the Dapr Python SDK (PyPI package `dapr`) provides `dapr.clients`. `uvicorn[standard]` counts as uvicorn, `fastapi[standard]` brings uvicorn with it, and the SDK\'s extension packages bring what they depend on (dapr-ext-fastapi: dapr, fastapi and uvicorn; dapr-ext-grpc and flask-dapr: dapr).',
		symptom: '`ModuleNotFoundError: No module named \'dapr\'` or `uvicorn: executable file not found` when the container starts.',
		fix: 'Install every package the app needs, on the RUN line or in the requirements file.',
	},
	check({model, lab, report}) {
		const dockerfile = readyDockerfile(model);
		if (!dockerfile) return;
		const names = new Set(dockerfile.pipPackages.map((pkg) => pkg.name.toLowerCase().replace(/_/g, '-')));
		for (const entries of model.requirements.values()) for (const entry of entries) names.add(entry.name.toLowerCase().replace(/_/g, '-'));
		// The parsers strip extras; `fastapi[standard]` installs uvicorn too, so look at the raw text for it.
		const rawTexts = [
			...dockerfile.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.text),
			...[...new Set([...dockerfile.requirementFiles.map((req) => normalise(req.path)), ...model.requirements.keys()])].map((path) => {
				const file = model.workspace.files.get(path);
				return file?.kind === 'text' ? file.text : '';
			}),
		];
		if (rawTexts.some((text) => /fastapi\s*\[[^\]]*standard/i.test(text))) names.add('uvicorn');
		// Packages that depend on the ones the lab needs, so pip installs those too (their install_requires).
		for (const name of [...names]) for (const implied of IMPLIED[name] ?? []) names.add(implied);
		for (const req of dockerfile.requirementFiles) {
			const path = normalise(req.path);
			if (path.includes('$') || model.workspace.files.has(path)) continue;
			report({messageId: 'noRequirements', data: {path: short(req.path)}, file: dockerfile.file, at: req.span, hint: `Create ${path} next to the Dockerfile (one package per line: fastapi, uvicorn${lab.needsDaprSdk ? ', dapr' : ''}), and COPY it before the RUN line.`});
		}
		const needed = ['fastapi', 'uvicorn', ...(lab.needsDaprSdk ? ['dapr'] : [])];
		const missing = needed.filter((name) => !names.has(name));
		if (missing.length === 0) return;
		// `pip install .`, `uv sync`, `poetry install` read pyproject.toml (model.requirements has it when it was read);
		// wheels, URLs, conda, pipenv... install what the Dockerfile cannot show: no claim, only an info.
		const unknownSources = (dockerfile.pipOtherSources ?? []).filter((source) => !(readsPyproject(source.spec) && model.requirements.has('pyproject.toml')));
		if (unknownSources.length > 0) {
			report({
				messageId: 'unverified',
				data: {packages: missing.join(' and '), sources: unknownSources.slice(0, 3).map((source) => `\`${short(source.spec, 40)}\``).join(', ')},
				file: dockerfile.file,
				at: unknownSources[0]!.span,
				severity: 'info',
				hint: `List ${missing.join(', ')} in pyproject.toml's [project] dependencies (or [tool.poetry.dependencies]) or a requirements file the Dockerfile installs.`,
			});
			return;
		}
		const effect = missing.includes('uvicorn') ? 'uvicorn app:app' : missing.includes('dapr') ? 'from dapr.clients import DaprClient' : 'from fastapi import FastAPI';
		const fromPyproject = (dockerfile.pipOtherSources ?? []).find((source) => readsPyproject(source.spec));
		if (fromPyproject && dockerfile.pipPackages.every((pkg) => !needed.includes(pkg.name))) {
			report({
				messageId: 'missingPyproject',
				data: {installer: short(fromPyproject.spec, 40), packages: missing.join(' and '), effect},
				file: dockerfile.file,
				at: fromPyproject.span,
				hint: `Add ${missing.map((name) => `"${name}"`).join(', ')} to pyproject.toml's dependencies ([project] dependencies, or [tool.poetry.dependencies]).`,
			});
			return;
		}
		const pipLine: Span | undefined = dockerfile.pipPackages.at(-1)?.span ?? dockerfile.requirementFiles.at(-1)?.span;
		const at = pipLine ?? dockerfile.baseImage?.span ?? START;
		report({
			messageId: 'missing',
			data: {packages: missing.join(' and '), effect},
			file: dockerfile.file,
			at,
			hint: `Write \`RUN pip install ${needed.join(' ')}\`${dockerfile.requirementFiles.length > 0 ? ' (or add the missing names to the requirements file)' : ''}.`,
		});
	},
});
