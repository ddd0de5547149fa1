/**
 * The rule shape (ESLint's, in TypeScript): one file per rule under core/rules/<group>/<name>.ts, id = file path.
 */
import type {ComponentDoc, ComponentFileResult, DockerfileModel, PythonModel} from './model.js';
import type {LabId, Severity, SourceFile, Span, Workspace} from './types.js';

/** Everything the rules may read about a lab folder. Built once per folder by core/analyze.ts. */
export type WorkspaceModel = {
	readonly workspace: Workspace;
	readonly componentFiles: readonly ComponentFileResult[];
	/** All component documents of all files, in file order. */
	readonly components: readonly ComponentDoc[];
	/**
	 * null when app.py is absent or unreadable. Its `routes` are those of the whole app (modules app.py imports
	 * included, each route with its `file`); `calls` and the rest are app.py's own.
	 */
	readonly python: PythonModel | null;
	/** (added, optional) Every Python module of the app that was read, app.py included, by path (core/python/project.ts). */
	readonly pythonModules?: ReadonlyMap<string, PythonModel>;
	/** null when Dockerfile is absent or unreadable. */
	readonly dockerfile: DockerfileModel | null;
	/** Package names listed in requirements files that the Dockerfile installs (and that exist in the folder). */
	readonly requirements: ReadonlyMap<string, readonly {readonly name: string; readonly line: number}[]>;
	/** Files that could not be read as text. */
	readonly unreadable: readonly Extract<SourceFile, {kind: 'unreadable'}>[];
};

/** What a lab asks of the folder; rules that depend on the lab read only this. */
export type LabContext = {
	readonly id: LabId;
	/** Component types the lab needs, as any-of groups: [['bindings.cron'], ['pubsub.*']]. `*` is a suffix wildcard. */
	readonly requiredComponents: readonly (readonly string[])[];
	/** Whether the Dapr Python SDK (`dapr`) must be installed in the image. */
	readonly needsDaprSdk: boolean;
	/** (added, optional) The lab's --app-id (`cron-app`): component/scoped-out compares `scopes` with it. */
	readonly appId?: string;
};

export type RuleMeta = {
	/** Starts with Require / Disallow / Enforce. */
	readonly description: string;
	/** Default severity; a report may lower or raise it (component/name warns for a non-DNS name). */
	readonly severity: Severity;
	/** Message templates with {{placeholders}}. Sentences: capital first, period last. */
	readonly messages: Readonly<Record<string, string>>;
	/** Longer explanation for docs, SARIF help and the troubleshooting screen: why this breaks a Dapr lab. */
	readonly docs: string;
	/** The symptom a student sees when this rule is broken (troubleshooting table). */
	readonly symptom?: string;
	/** The fix in the student's words (troubleshooting table: symptom → cause → fix; docs/rules.md **Fix:**). */
	readonly fix?: string;
};

export type Report = {
	readonly messageId: string;
	readonly data?: Readonly<Record<string, string | number>>;
	readonly file: string;
	readonly at: Span;
	readonly severity?: Severity;
	/** What to type. Templates allowed as in messages. */
	readonly hint?: string;
};

export type RuleContext = {
	readonly model: WorkspaceModel;
	readonly lab: LabContext;
	/** The time schedules are evaluated from (cron/never-fires); passed in so core stays deterministic. */
	readonly now?: Date;
	report(report: Report): void;
};

export type Rule = {
	readonly id: string;
	readonly meta: RuleMeta;
	check(context: RuleContext): void;
};

/** Identity helper that types a rule definition. */
export function defineRule(rule: Rule): Rule {
	return rule;
}
