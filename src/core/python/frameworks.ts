/**
 * Python web framework knowledge.
 */
import type {PyFramework} from '../model.js';

export const HTTP_SHORTCUTS = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'trace']);

export const CONSTRUCTORS: Readonly<Record<string, {framework: PyFramework; role: 'app' | 'router'}>> = {
	'fastapi.FastAPI': {framework: 'fastapi', role: 'app'},
	'fastapi.applications.FastAPI': {framework: 'fastapi', role: 'app'},
	'fastapi.APIRouter': {framework: 'fastapi', role: 'router'},
	'fastapi.routing.APIRouter': {framework: 'fastapi', role: 'router'},
	'flask.Flask': {framework: 'flask', role: 'app'},
	'flask.app.Flask': {framework: 'flask', role: 'app'},
	'flask.Blueprint': {framework: 'flask', role: 'router'},
	'flask.blueprints.Blueprint': {framework: 'flask', role: 'router'},
	'dapr.ext.grpc.App': {framework: 'dapr-grpc', role: 'app'},
	'dapr.ext.grpc.app.App': {framework: 'dapr-grpc', role: 'app'},
};

/** Class names specific enough to trust even when the import is missing (python/undefined-name reports that). */
export const BARE_CONSTRUCTORS: Readonly<Record<string, {framework: PyFramework; role: 'app' | 'router'}>> = {
	FastAPI: {framework: 'fastapi', role: 'app'},
	APIRouter: {framework: 'fastapi', role: 'router'},
	Flask: {framework: 'flask', role: 'app'},
	Blueprint: {framework: 'flask', role: 'router'},
};

export function joinFlask(prefix: string, path: string): string {
	if (!prefix) return path;
	if (!path) return prefix;
	return `${prefix.replace(/\/+$/u, '')}/${path.replace(/^\/+/u, '')}`;
}
