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

/** `M`: the rule's message ids (the keys of `messages`); `report({messageId})` is typed against them. */
export type RuleMeta<M extends string = string> = {
	/** Starts with Require / Disallow / Enforce. */
	readonly description: string;
	/** Default severity; a report may lower or raise it (component/name warns for a non-DNS name). */
	readonly severity: Severity;
	/** Message templates with {{placeholders}}. Sentences: capital first, period last. */
	readonly messages: Readonly<Record<M, string>>;
	/** Longer explanation for docs, SARIF help and the troubleshooting screen: why this breaks a Dapr lab. */
	readonly docs: string;
	/** The symptom a student sees when this rule is broken (troubleshooting table). */
	readonly symptom?: string;
	/** The fix in the student's words (troubleshooting table: symptom → cause → fix; docs/rules.md **Fix:**). */
	readonly fix?: string;
};

export type Report<M extends string = string> = {
	/** A key of the rule's `meta.messages`; an unknown one becomes an `internal/rule-crashed` finding. */
	readonly messageId: M;
	readonly data?: Readonly<Record<string, string | number>>;
	readonly file: string;
	readonly at: Span;
	readonly severity?: Severity;
	/** What to type. Templates allowed as in messages. */
	readonly hint?: string;
};

export type RuleContext<M extends string = string> = {
	readonly model: WorkspaceModel;
	readonly lab: LabContext;
	/** The time schedules are evaluated from (cron/never-fires); passed in so core stays deterministic. */
	readonly now?: Date;
	report(report: Report<NoInfer<M>>): void;
};

export type Rule<M extends string = string> = {
	readonly id: string;
	readonly meta: RuleMeta<M>;
	check(context: RuleContext<M>): void;
};

/**
 * Types a rule definition: the message ids are inferred from `meta.messages`, and `report({messageId})` in `check`
 * must name one of them (a typo is a compile error). Also checks the definition itself at load time: an id in the
 * ESLint form (`group/name`), at least one message, and no empty template.
 */
export function defineRule<const M extends string>(rule: Rule<M>): Rule<M> {
	if (!/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/.test(rule.id)) throw new Error(`Rule id "${rule.id}" is not of the form group/name.`);
	const ids = Object.keys(rule.meta.messages);
	if (ids.length === 0) throw new Error(`Rule ${rule.id} has no messages.`);
	for (const id of ids) if ((rule.meta.messages as Record<string, string>)[id]!.trim() === '') throw new Error(`Rule ${rule.id}: message "${id}" is empty.`);
	return rule;
}
