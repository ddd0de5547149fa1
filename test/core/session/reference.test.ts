import {describe, expect, it} from 'vitest';
import {lookupComponentType} from '../../../src/core/catalog/index.js';
import {parseSchedule} from '../../../src/core/cron/index.js';
import {ruleById} from '../../../src/core/rules/index.js';
import {cronReference, operationsTable, troubleshootingTable} from '../../../src/core/session/reference.js';

describe('reference screens data', () => {
	it('explains each cron example with the schedule engine', () => {
		const rows = cronReference();
		const five = rows.find((r) => r.spec === '*/30 * * * *')!;
		expect(five).toMatchObject({valid: true, form: 'five-field', sixField: '0 */30 * * * *'});
		const seven = rows.find((r) => r.spec === '0 0 0 * * 7')!;
		expect(seven.valid).toBe(false);
		expect(seven.meaning).toContain('end of range (7) above maximum (6)');
		expect(rows.find((r) => r.spec === '0 0 0 L * *')!.meaning).toContain('failed to parse int from L');
		for (const row of rows) {
			const parsed = parseSchedule(row.spec);
			expect(row.valid).toBe(parsed.ok);
			if (parsed.ok) expect(row.meaning.startsWith(parsed.describe())).toBe(true);
		}
		expect(rows.find((r) => r.spec === '0 0 0 30 2 *')!.meaning).toMatch(/never fires/);
	});

	it('lists operations from the catalog, the lesson\'s bindings first', () => {
		const rows = operationsTable();
		expect(rows[0]!.type).toBe('bindings.http');
		expect(rows[0]!.operations).toEqual(lookupComponentType('bindings.http')!.binding!.operations);
		expect(rows.find((r) => r.type === 'bindings.cron')).toMatchObject({input: true, output: false, operations: []});
		expect(rows.every((r) => r.type.startsWith('bindings.'))).toBe(true);
	});

	it('builds troubleshooting from the rules that name a symptom', () => {
		const rows = troubleshootingTable();
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) {
			const rule = ruleById(row.ruleId)!;
			expect(row.symptom).toBe(rule.meta.symptom);
			// symptom → cause → fix in the student's words, not the rule author's "Require ..." description.
			expect(rule.meta.docs.startsWith(row.cause)).toBe(true);
			expect(row.cause).toMatch(/[.!?]$/);
			expect(row.fix).toBe(rule.meta.fix);
			expect(row.fix).not.toMatch(/^(Require|Disallow|Enforce) /);
			expect(row.fix).toMatch(/[.)`]$/);
		}
	});
});
