/**
 * Rule-test helpers: build a Workspace from real text, run real parsers (analyzeWorkspace) and one rule.
 */
import {runRules} from '../../src/core/check.js';
import {analyzeWorkspace} from '../../src/core/analyze.js';
import type {LabContext} from '../../src/core/rule.js';
import type {Finding, LabId, SourceFile, Workspace} from '../../src/core/types.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {cronYaml, HTTP_YAML, pubsubYaml} from './components.js';

/** The rule context of every shipped lab, read from its lab.yaml (the rule tests below name the labs they are about). */
const loaded = await loadLabs();
function contextOf(id: LabId): LabContext {
	const lab = loaded.find((candidate) => candidate.id === id);
	if (!lab) throw new Error(`test helpers: no lab ${id} in labs/`);
	return {id: lab.id, requiredComponents: lab.requiredComponents, needsDaprSdk: lab.needsDaprSdk, appId: lab.appId};
}
export const LABS = {'lab-a': contextOf('lab-a'), 'lab-b': contextOf('lab-b'), combined: contextOf('combined')} as const satisfies Readonly<Record<LabId, LabContext>>;

export const NOW = new Date(Date.UTC(2026, 10, 30, 12, 0, 0));

/** A workspace of text files (and `unreadable` entries when given as SourceFile objects). */
export function workspaceOf(files: Readonly<Record<string, string | SourceFile>>): Workspace {
	const map = new Map<string, SourceFile>();
	for (const [path, content] of Object.entries(files)) {
		map.set(path, typeof content === 'string' ? {path, kind: 'text', text: content, size: content.length} : content);
	}
	return {files: map};
}

/** Findings of one rule over real text. */
export function check(ruleId: string, files: Readonly<Record<string, string | SourceFile>>, lab: keyof typeof LABS = 'combined', now = NOW): Finding[] {
	return runRules(analyzeWorkspace(workspaceOf(files)), [ruleId], LABS[lab], now);
}

/** `[ruleId, severity, file, line, column]` per finding, compact for table assertions. */
export function at(findings: readonly Finding[]): [string, string, string, number, number][] {
	return findings.map((f) => [f.ruleId, f.severity, f.file, f.line, f.column]);
}

export const CRON_YAML = cronYaml();

export {HTTP_YAML};

export const PUBSUB_YAML = pubsubYaml();

export const APP_PY = `import json
from dapr.clients import DaprClient
from fastapi import FastAPI

app = FastAPI()


def find_expired_tasks():
    return ["task-1"]


@app.post("/cleanup-cron")
async def handle_cleanup():
    with DaprClient() as client:
        for task_id in find_expired_tasks():
            client.publish_event(pubsub_name="pubsub", topic_name="task-events", data=json.dumps({"task_id": task_id}))
            client.invoke_binding(binding_name="monitoring-webhook", operation="post", data=json.dumps({"task_id": task_id}))
    return {"status": "OK"}
`;

export const DOCKERFILE = `FROM python:3.12-slim
WORKDIR /app
RUN pip install fastapi uvicorn dapr
COPY app.py .
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
`;

/** A complete, passing combined-lab folder; tests override one file at a time. */
export function complete(overrides: Readonly<Record<string, string | SourceFile | null>> = {}): Record<string, string | SourceFile> {
	const files: Record<string, string | SourceFile | null> = {
		'components/cron-binding.yaml': CRON_YAML,
		'components/http-binding.yaml': HTTP_YAML,
		'components/pubsub.yaml': PUBSUB_YAML,
		'app.py': APP_PY,
		Dockerfile: DOCKERFILE,
		...overrides,
	};
	return Object.fromEntries(Object.entries(files).filter((entry): entry is [string, string | SourceFile] => entry[1] !== null));
}

/** A component document with the given spec lines (indented under spec:). */
export function component(name: string, type: string, metadata: Readonly<Record<string, string>>, extra = '  version: v1\n'): string {
	const items = Object.entries(metadata)
		.map(([key, value]) => `    - name: ${key}\n      value: ${JSON.stringify(value)}\n`)
		.join('');
	return `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: ${type}\n${extra}  metadata:\n${items}`;
}
