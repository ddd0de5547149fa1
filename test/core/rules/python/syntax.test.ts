import {describe, expect, test} from 'vitest';
import {APP_PY, at, check, complete} from '../../../helpers/rules.js';
import {runRules} from '../../../../src/core/check.js';
import {analyzeWorkspace} from '../../../../src/core/analyze.js';
import {LABS, workspaceOf, NOW} from '../../../helpers/rules.js';

const RULE = 'python/syntax';

describe(RULE, () => {
	test('valid: the reference app', () => expect(check(RULE, complete())).toEqual([]));
	test('a def without a colon is reported at its line', () => {
		const broken = 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.post("/cleanup-cron")\nasync def handle()\n    return {"status": "OK"}\n';
		const findings = check(RULE, complete({'app.py': broken}));
		expect(findings.length).toBeGreaterThanOrEqual(1);
		expect(findings.length).toBeLessThanOrEqual(5);
		expect(findings[0]![`ruleId`]).toBe(RULE);
		expect(findings[0]!.line).toBe(5);
		expect(findings[0]!.hint).toMatch(/route and DaprClient checks run once app\.py parses/);
	});
	test('other Python rules are skipped while app.py does not parse', () => {
		const broken = APP_PY.replace('def find_expired_tasks():', 'def find_expired_tasks(:').replace('"/cleanup-cron"', '"/nothing"');
		const model = analyzeWorkspace(workspaceOf(complete({'app.py': broken})));
		const ids = runRules(model, ['python/syntax', 'input-binding/no-handler', 'python/undefined-name'], LABS.combined, NOW).map((f) => f.ruleId);
		expect(ids.length).toBeGreaterThan(0);
		expect(new Set(ids)).toEqual(new Set([RULE]));
	});
	test('at most five syntax errors are listed', () => {
		const broken = Array.from({length: 12}, (_, i) => `def f${i}(:\n    pass\n`).join('');
		const findings = check(RULE, complete({'app.py': broken}));
		expect(findings.length).toBeLessThanOrEqual(5);
		expect(at(findings)[0]!.slice(0, 4)).toEqual([RULE, 'error', 'app.py', 1]);
	});
});
