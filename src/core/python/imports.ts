/**
 * Imports: what each local name stands for, fully qualified, so calls and constructors resolve through aliases and star imports.
 */
import type {SyntaxNode} from '@lezer/common';
import {bind} from './scope.js';
import {slice, type Source, type State} from './state.js';

export function readImport(state: State, src: Source, node: SyntaxNode): void {
	const children: SyntaxNode[] = [];
	for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
	const first = children[0];
	if (!first) return;
	let index = 1;
	let module = '';
	if (first.name === 'from') {
		for (; index < children.length && children[index]!.name !== 'import'; index++) module += slice(src, children[index]!);
		index++;
	}
	const isFrom = first.name === 'from';
	// Items: dotted (VariableName . VariableName ...) optionally followed by `as VariableName`, split by commas.
	let dotted: SyntaxNode[] = [];
	let alias: SyntaxNode | null = null;
	let afterAs = false;
	const flush = (): void => {
		if (dotted.length === 0) return;
		const head = dotted[0]!;
		const tail = alias ?? dotted[dotted.length - 1]!;
		const text = dotted.map((part) => slice(src, part)).join('.');
		const itemSpan = state.span(head.from + src.delta, tail.to + src.delta);
		if (isFrom) {
			const local = alias ? slice(src, alias) : text;
			state.imports.push({module, name: text, alias: local, span: itemSpan});
			state.aliases.set(local, module.endsWith('.') ? `${module}${text}` : `${module}.${text}`);
			bind(state, local);
		} else {
			const local = alias ? slice(src, alias) : slice(src, head);
			state.imports.push({module: text, name: null, alias: local, span: itemSpan});
			state.aliases.set(local, alias ? text : local);
			bind(state, local);
		}
		dotted = [];
		alias = null;
		afterAs = false;
	};
	for (; index < children.length; index++) {
		const child = children[index]!;
		switch (child.name) {
			case 'VariableName':
				if (afterAs) alias = child;
				else dotted.push(child);
				break;
			case 'as':
				afterAs = true;
				break;
			case ',':
				flush();
				break;
			case '*':
				if (isFrom) {
					state.imports.push({module, name: '*', alias: '*', span: state.span(child.from + src.delta, child.to + src.delta)});
					state.starModules.push(module);
				}
				break;
			default:
		}
	}
	flush();
}

/** What a star import of a module this checker cares about brings in. */
const STAR_EXPORTS: Readonly<Record<string, readonly string[]>> = {
	'starlette.routing': ['Route', 'Mount'],
	fastapi: ['FastAPI', 'APIRouter'],
	flask: ['Flask', 'Blueprint'],
	'dapr.clients': ['DaprClient'],
	'dapr.aio.clients': ['DaprClient'],
	'dapr.ext.grpc': ['App'],
};

/** Resolves `dc.DaprClient` / `DC` / `fastapi.FastAPI` through the imports to a dotted qualified name, or null. */
export function qualify(state: State, dotted: string): string | null {
	if (!/^[\w.]+$/u.test(dotted)) return null;
	const parts = dotted.split('.');
	const head = parts[0]!;
	let resolved = state.aliases.get(head);
	if (resolved === undefined) {
		for (const module of state.starModules) if (STAR_EXPORTS[module]?.includes(head)) resolved = `${module}.${head}`;
	}
	if (resolved === undefined) return null;
	return [resolved, ...parts.slice(1)].join('.');
}
