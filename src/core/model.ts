/**
 * The static model of a lab folder: what the parsers (YAML, Python, Dockerfile) extract and the rules read.
 * Producers: core/yaml/component.ts, core/python/model.ts, core/dockerfile/model.ts, core/analyze.ts.
 */
import type {Span} from './types.js';

// ---------------------------------------------------------------------------------------------------------
// Components (YAML)

/** A scalar YAML value with where it stands. `value` is the string form Dapr would see (numbers/bools as text). */
export type Located<T> = {readonly value: T; readonly span: Span};

/** One `spec.metadata` entry. */
export type MetadataItem = {
	readonly name: Located<string> | null;
	/** `value:` as Dapr reads it (scalars stringified); null when absent. */
	readonly value: Located<string> | null;
	readonly secretKeyRef: Span | null;
	readonly envRef: Located<string> | null;
	/** Span of the whole `- name: ... value: ...` item. */
	readonly span: Span;
	/** Problems of shape found while reading it (not a map, name missing, no value/secretKeyRef/envRef, ...). */
	readonly shapeProblems: readonly {readonly message: string; readonly span: Span}[];
};

/** One YAML document of a file under components/ (a file may hold several, separated by `---`). */
export type ComponentDoc = {
	/** Relative path, e.g. `components/cron-binding.yaml`. */
	readonly file: string;
	/** 0-based index of the document in its file. */
	readonly index: number;
	/** Span of the whole document (the first line of it is where document-level findings point). */
	readonly span: Span;
	readonly apiVersion: Located<string> | null;
	readonly kind: Located<string> | null;
	/** metadata.name */
	readonly name: Located<string> | null;
	/** Span of the `metadata` key (or the document when absent). */
	readonly metadataSpan: Span;
	/** spec.type */
	readonly type: Located<string> | null;
	/** spec.version */
	readonly version: Located<string> | null;
	/** Span of `spec` (or the document when absent). */
	readonly specSpan: Span;
	/** spec.metadata; null when the key is absent; `shapeError` set when present but not a list. */
	readonly metadata: readonly MetadataItem[] | null;
	readonly metadataShapeError: {readonly message: string; readonly span: Span} | null;
	readonly ignoreErrors: boolean;
	/**
	 * (added, optional) Top-level `scopes:` list: the app ids that load this component (daprd skips it for any other
	 * app id, dapr/dapr pkg/internal/loader/disk/disk.go). null when absent; each entry as daprd reads it, with where.
	 */
	readonly scopes?: {readonly items: readonly Located<string>[]; readonly span: Span} | null;
};

/** A YAML file under components/ that did not parse; no docs are taken from it. */
export type YamlSyntaxError = {
	readonly file: string;
	readonly message: string;
	readonly span: Span;
};

/** What core/yaml/component.ts returns for one file. */
export type ComponentFileResult = {
	readonly file: string;
	readonly docs: readonly ComponentDoc[];
	readonly errors: readonly YamlSyntaxError[];
	/** Documents that are not Dapr components at all (e.g. kind: Configuration, Subscription): skipped quietly. */
	readonly skipped: readonly {readonly kind: string; readonly span: Span}[];
};

// ---------------------------------------------------------------------------------------------------------
// Python (app.py)

/** A value an argument or constant was found to hold, as far as static reading can tell. */
export type PyValue =
	| {readonly kind: 'string'; readonly value: string}
	| {readonly kind: 'bytes'}
	| {readonly kind: 'number'; readonly text: string}
	| {readonly kind: 'dict' | 'list' | 'set' | 'tuple'}
	| {readonly kind: 'call'; readonly callee: string}
	| {readonly kind: 'name'; readonly name: string}
	/** An f-string (or concatenation) whose value is not fully known; `prefix` is the known leading text. */
	| {readonly kind: 'partial-string'; readonly prefix: string; readonly text: string}
	| {readonly kind: 'other'; readonly text: string};

export type PyArg = {
	/** Keyword name, or null for a positional argument. */
	readonly keyword: string | null;
	/** 0-based position among positional args (null for keyword args). */
	readonly position: number | null;
	readonly value: PyValue;
	readonly span: Span;
	/**
	 * (added, optional) The source text that may build the argument's value: the expression itself, or for a plain
	 * name the expressions assigned to it in the same function or at module level. Raw-HTTP sidecar URLs built with
	 * `%`, `.format()` or a variable (`url = '%s/v1.0/publish/%s/%s' % (...)`) are recognised from it.
	 */
	readonly template?: string;
};

/** An import binding: `from dapr.clients import DaprClient as DC` → {module:'dapr.clients', name:'DaprClient', alias:'DC'}. */
export type PyImport = {
	readonly module: string;
	/** Imported name for `from m import n`; null for `import m` / `import m as x`. */
	readonly name: string | null;
	/** The local name it binds (`x` in `import a.b as x`; `a` in `import a.b`). */
	readonly alias: string;
	readonly span: Span;
};

export type PyFramework = 'fastapi' | 'flask' | 'dapr-grpc' | 'unknown';

/** An HTTP route (or a dapr.ext.grpc `@app.binding`) found on a decorated function. */
export type PyRoute = {
	readonly kind: 'http' | 'grpc-binding';
	/**
	 * The full path as the app serves it (router prefixes applied), e.g. `/cleanup-cron`. For grpc-binding this is
	 * the binding name. null when the path is not statically known.
	 */
	readonly path: string | null;
	/** Source text of the path expression, for messages. */
	readonly pathText: string;
	/** Upper-case HTTP methods accepted (FastAPI `.post` → ['POST']; Flask route without methods → ['GET']). */
	readonly methods: readonly string[];
	readonly framework: PyFramework;
	/** The object the decorator hangs on (`app`, `router`, `bp`). */
	readonly target: string;
	/** Span of the decorator line (`@app.post("/x")`), where route findings point. */
	readonly decoratorSpan: Span;
	/** Span of the path argument when present. */
	readonly pathSpan: Span | null;
	readonly handler: string;
	readonly async: boolean;
	/**
	 * false when the route hangs on an APIRouter/Blueprint that is never included into an app
	 * (`app.include_router` / `app.register_blueprint`): the app does not serve it, so Dapr cannot reach it and
	 * input-binding/no-handler does not count it as a handler. Absent (or true) when it is on the app or included.
	 */
	readonly mounted?: boolean;
	/**
	 * true when `methods=` is not a literal list the model could read (`methods=METHODS` from elsewhere); `methods`
	 * is then empty, and the input-binding rules give the route the benefit of the doubt (no wrong-method claim).
	 */
	readonly methodsUnknown?: boolean;
	/** (added, optional) The module the route is declared in, when not the entry file (app.py): findings point there. */
	readonly file?: string;
	/** (added, optional) The path as the decorator or call writes it, before any router prefix; null when not known. */
	readonly localPath?: string | null;
};

/** A call expression anywhere in the module. */
export type PyCall = {
	/** Dotted callee text: `client.invoke_binding`, `DaprClient`, `find_expired_tasks`. */
	readonly callee: string;
	/** Last part of the callee (`invoke_binding`). */
	readonly method: string;
	/** Receiver text (`client`) or null for a bare name call. */
	readonly receiver: string | null;
	readonly args: readonly PyArg[];
	readonly span: Span;
	/** Name of the enclosing function, or null at module level. */
	readonly inFunction: string | null;
	/**
	 * Callee resolved through the imports (`DC()` → `dapr.clients.DaprClient`, `dc.DaprClient()` with
	 * `import dapr.clients as dc` → the same, star imports of known modules too); null when the head name is not
	 * imported. The rules read it through support.ts `qualifiedName` and never re-resolve imports themselves.
	 */
	readonly qualifiedCallee?: string | null;
};

/** A `with` / `async with` item: `async with DaprClient() as client`. */
export type PyWith = {
	readonly async: boolean;
	/** Callee of the context expression when it is a call (`DaprClient`), else its text. */
	readonly contextCallee: string;
	/**
	 * contextCallee resolved through the imports like PyCall.qualifiedCallee (`dapr.aio.clients.DaprClient`); null
	 * when not imported. dapr-client/async-with-sync-client decides on it.
	 */
	readonly contextQualified?: string | null;
	/** `as` target, when any. */
	readonly asName: string | null;
	readonly span: Span;
};

/** A bare-name call site, for python/undefined-name. */
export type PyNameUse = {readonly name: string; readonly span: Span};

export type PySyntaxError = {readonly message: string; readonly span: Span};

export type PythonModel = {
	readonly file: string;
	/** Parse errors (lezer error nodes), first one first. */
	readonly syntaxErrors: readonly PySyntaxError[];
	readonly imports: readonly PyImport[];
	readonly routes: readonly PyRoute[];
	readonly calls: readonly PyCall[];
	readonly withs: readonly PyWith[];
	/** Every name bound anywhere in the module: defs, classes, assignments, params, loop/with/except targets, imports. */
	readonly boundNames: ReadonlySet<string>;
	/** Names called as bare functions (`find_expired_tasks()`), each call site. */
	readonly calledNames: readonly PyNameUse[];
	/** Module-level string constants (`ROUTE = "/cleanup-cron"`), resolved where possible. */
	readonly constants: ReadonlyMap<string, string>;
	/** (added, optional) Names of every function defined in the module (any depth, methods included). */
	readonly functions?: readonly string[];
	/** (added, optional) Apps and routers built in the module (`router = APIRouter(prefix="/x")`), with their own prefix. */
	readonly routers?: readonly PyRouter[];
	/**
	 * (added, optional) Where routes come from that the checker could not read (`app.include_router(make_router())`,
	 * a module it could not read, `Mount("/api", routes=more)`): while any is listed, a missing route is not a claim.
	 */
	readonly routeSources?: readonly PyRouteSource[];
};

/** An app or router object built in a module. `prefix` is its own (`APIRouter(prefix=...)`), null when not known. */
export type PyRouter = {readonly name: string; readonly framework: PyFramework; readonly role: 'app' | 'router'; readonly prefix: string | null};

/** A place routes come from that static reading cannot follow, with where it is. */
export type PyRouteSource = {readonly text: string; readonly file: string; readonly span: Span};

// ---------------------------------------------------------------------------------------------------------
// Dockerfile

export type DockerInstruction = {
	/** Upper-case keyword: FROM, RUN, COPY, ADD, CMD, ENTRYPOINT, WORKDIR, ... */
	readonly keyword: string;
	/** Arguments as the shell would split them (exec form: the JSON array items). */
	readonly args: readonly string[];
	/** Raw argument text after the keyword (continuations joined). */
	readonly text: string;
	readonly form: 'exec' | 'shell' | 'none';
	readonly span: Span;
};

export type DockerfileModel = {
	readonly file: string;
	readonly instructions: readonly DockerInstruction[];
	/** The image of the last FROM (the stage that runs), e.g. `python:3.12-slim`; null when there is no FROM. */
	readonly baseImage: {readonly image: string; readonly span: Span} | null;
	/** Python packages installed by `pip install` (normalised lower-case, extras and versions stripped), with where. */
	readonly pipPackages: readonly {readonly name: string; readonly span: Span}[];
	/** `-r file` arguments of pip install, so the caller can read those files. */
	readonly requirementFiles: readonly {readonly path: string; readonly span: Span}[];
	/** Sources copied into the image by COPY/ADD (`.` and `app.py` and globs as written), with where. */
	readonly copies: readonly {readonly sources: readonly string[]; readonly dest: string; readonly span: Span}[];
	/** The effective command the container runs: ENTRYPOINT + CMD of the last stage, in argv form; null if none. */
	readonly command: {
		readonly argv: readonly string[];
		readonly span: Span;
		/** (added, optional) The ENTRYPOINT and CMD instructions that make up argv, in that order. */
		readonly parts?: readonly {readonly keyword: 'ENTRYPOINT' | 'CMD'; readonly form: 'exec' | 'shell'; readonly span: Span}[];
	} | null;
	readonly syntaxErrors: readonly {readonly message: string; readonly span: Span}[];
	/**
	 * (added, optional) What is installed not by name: pip's `.`, `-e .`, paths, URLs, wheels, and other installers
	 * (`uv sync`, `poetry install`, `pip-sync`...) whose packages the Dockerfile does not list, with where.
	 */
	readonly pipOtherSources?: readonly {readonly spec: string; readonly span: Span}[];
	/** (added, optional) Build stages in file order; the last one is what runs. */
	readonly stages?: readonly {readonly name: string | null; readonly image: string; readonly span: Span}[];
};

// ---------------------------------------------------------------------------------------------------------
// Catalog

export type ComponentCategory =
	| 'bindings'
	| 'pubsub'
	| 'state'
	| 'secretstores'
	| 'configuration'
	| 'lock'
	| 'middleware'
	| 'nameresolution'
	| 'conversation'
	| 'crypto'
	| 'workflows';

export type CatalogMetadataKey = {
	readonly name: string;
	readonly required: boolean;
	/**
	 * (added, optional) When a required key is checked: 'init' (default; Init fails and daprd stops) or 'invoke'
	 * (the component loads; each invoke fails: bindings.http `url`).
	 */
	readonly requiredAt?: 'init' | 'invoke';
};

export type CatalogEntry = {
	/** Canonical spec.type, e.g. `bindings.postgres`. */
	readonly type: string;
	readonly category: ComponentCategory;
	readonly title: string;
	/** For bindings: whether daprd registers it as input and/or output. */
	readonly binding?: {readonly input: boolean; readonly output: boolean; readonly operations: readonly string[]};
	/** Metadata keys the component reads (any authentication profile's keys included); null when not catalogued in detail. */
	readonly metadata: readonly CatalogMetadataKey[] | null;
	/** A sentence on what real Dapr does that the docs or lesson say differently, shown in hints. */
	readonly note?: string;
};
