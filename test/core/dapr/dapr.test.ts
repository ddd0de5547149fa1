/**
 * core/dapr: the Dapr facts the rules and the diagnosis share (dapr/dapr pkg/runtime/processor/binding/binding.go,
 * v1.18.0-rc.1), and the delivery verdicts computed once per model.
 */
import {describe, expect, test} from 'vitest';
import {analyzeWorkspace} from '../../../src/core/analyze.js';
import {checkInputBindings, deliveryPathOf, directionAllows, expectedPath, inputBindings, likelyRoute, outputBindings} from '../../../src/core/dapr/index.js';
import type {WorkspaceModel} from '../../../src/core/rule.js';
import {APP_PY, complete, CRON_YAML, HTTP_YAML, workspaceOf} from '../../helpers/rules.js';

const CRON = 'components/cron-binding.yaml';
const model = (files: Record<string, string>): WorkspaceModel => analyzeWorkspace(workspaceOf(complete(files)));
const cronWith = (direction: string) => model({[CRON]: CRON_YAML.replace('value: "input"', `value: "${direction}"`)});
const cron = (m: WorkspaceModel) => m.components.find((doc) => doc.type?.value === 'bindings.cron')!;

describe('direction (isBindingOfDirection: split on commas, trimmed, lower-cased; absent allows both)', () => {
	test.each([
		['input', true, false],
		['INPUT', true, false],
		[' input , output ', true, true],
		['output', false, true],
		['inputs', false, false],
	])('%j: input %s, output %s', (value, input, output) => {
		const doc = cron(cronWith(value));
		expect([directionAllows(doc, 'input'), directionAllows(doc, 'output')]).toEqual([input, output]);
	});
	test('a binding type registers only the sides it has (cron: input only)', () => {
		const m = cronWith('input, output');
		expect(inputBindings(m).map((doc) => doc.name?.value)).toContain('cleanup-cron');
		expect(outputBindings(m).map((doc) => doc.name?.value)).not.toContain('cleanup-cron');
	});
});

describe('the delivery path (initInputBinding: `route` metadata, exact key, else the name)', () => {
	const withRoute = (key: string, value: string) => model({[CRON]: `${CRON_YAML}    - name: ${key}\n      value: "${value}"\n`});
	test('the name by default', () => {
		expect(expectedPath(cron(model({})))).toEqual({path: '/cleanup-cron', fromRoute: false});
		expect(deliveryPathOf(model({}), 'cleanup-cron')).toBe('/cleanup-cron');
	});
	test('the route metadata, with a leading slash; `Route` (other case) is not read', () => {
		expect(deliveryPathOf(withRoute('route', 'jobs/nightly'), 'cleanup-cron')).toBe('/jobs/nightly');
		expect(deliveryPathOf(withRoute('Route', '/jobs/nightly'), 'cleanup-cron')).toBe('/cleanup-cron');
	});
	test('a binding the folder does not have: /<name>', () => {
		expect(deliveryPathOf(model({}), 'other')).toBe('/other');
		expect(deliveryPathOf(null, 'other')).toBe('/other');
	});
});

describe('delivery verdicts', () => {
	test('computed once per model: every rule gets the same answer', () => {
		const m = model({'components/http-binding.yaml': HTTP_YAML});
		const first = checkInputBindings(m, m.python!);
		expect(first.map((check) => [check.doc.name?.value, check.path, check.verdict.kind])).toEqual([['cleanup-cron', '/cleanup-cron', 'served']]);
		expect(checkInputBindings(m, m.python!)).toBe(first);
		const other = model({'app.py': APP_PY.replace('"/cleanup-cron"', '"/cleanup_cron"')});
		expect(checkInputBindings(other, other.python!)[0]!.verdict.kind).toBe('mismatch');
	});
	test('likelyRoute: exact, else a close name, else the only plain POST route', () => {
		const routes = model({'app.py': APP_PY.replace('"/cleanup-cron"', '"/cleanup_cron"')}).python!.routes;
		expect(likelyRoute('/cleanup-cron', routes)?.path).toBe('/cleanup_cron');
		expect(likelyRoute('/something-else-entirely', routes)?.path).toBe('/cleanup_cron');
		expect(likelyRoute('/x', [])).toBeNull();
	});
});
