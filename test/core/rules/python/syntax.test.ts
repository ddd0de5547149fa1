import {describe, expect, test} from 'vitest';
import {analyzeWorkspace} from '../../../../src/core/analyze.js';
import {runRules} from '../../../../src/core/check.js';
import rule from '../../../../src/core/rules/python/syntax.js';
import {APP_PY, complete, LABS, NOW, workspaceOf} from '../../../helpers/rules.js';
import {runRule, ruleTester} from '../../../helpers/rule-tester.js';

ruleTester.run(rule, {
	valid: [{name: 'the reference app', files: complete()}],
	invalid: [
		{
			name: 'a def without a colon is reported at its line',
			files: complete({'app.py': 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.post("/cleanup-cron")\nasync def handle()\n    return {"status": "OK"}\n'}),
			errors: [{messageId: 'first', file: 'app.py', line: 5, column: 19, severity: 'error', hint: /route and DaprClient checks run once app\.py parses/}],
		},
	],
});

describe(rule.id, () => {
	test('other Python rules are skipped while app.py does not parse', () => {
		const broken = APP_PY.replace('def find_expired_tasks():', 'def find_expired_tasks(:').replace('"/cleanup-cron"', '"/nothing"');
		const model = analyzeWorkspace(workspaceOf(complete({'app.py': broken})));
		const ids = runRules(model, ['python/syntax', 'input-binding/no-handler', 'python/undefined-name'], LABS.combined, NOW).map((f) => f.ruleId);
		expect(ids.length).toBeGreaterThan(0);
		expect(new Set(ids)).toEqual(new Set([rule.id]));
	});
	test('at most five syntax errors are listed', () => {
		const findings = runRule(rule, complete({'app.py': Array.from({length: 12}, (_, i) => `def f${i}(:\n    pass\n`).join('')}));
		expect(findings.length).toBeLessThanOrEqual(5);
		expect(findings.map((f) => f.messageId)).toEqual(['first', ...findings.slice(1).map(() => 'more')]);
		expect([findings[0]!.ruleId, findings[0]!.severity, findings[0]!.file, findings[0]!.line]).toEqual([rule.id, 'error', 'app.py', 1]);
	});
});
