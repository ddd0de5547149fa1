import {describe, expect, it} from 'vitest';
import {roomEventsBetween} from '../../src/core/room/from-session.js';
import {applyEvent, cleanName, columnsOf, createRoom, foldRoom, roomView, studentDetail, type StoredEvent} from '../../src/core/room/grid.js';
import {createRateLimiter} from '../../src/core/room/rate.js';
import {ruleById} from '../../src/core/rules/index.js';
import {reduce, initialState} from '../../src/core/session/reducer.js';
import {loadLabs} from '../../src/runner/labs-loader.js';
import {checkFolder} from '../../src/runner/check-folder.js';
import {packageRoot} from '../../src/runner/package-root.js';
import {join} from 'node:path';
import {checkEvent, hintEvent} from './helpers.js';

const at = (event: ReturnType<typeof checkEvent>, received: number): StoredEvent => ({...event, received});

describe('room grid (pure fold)', async () => {
	const columns = columnsOf(await loadLabs());

	it('folds check events into cells with status and time spent, and the same events give the same grid', () => {
		const events = [at(checkEvent('s1', 'Ada', 'handler', ['component']), 1000), at(checkEvent('s1', 'Ada', 'dockerfile', ['component', 'handler']), 61_000)];
		const view = roomView(foldRoom(events), {now: 90_000, columns, stuckAfterMs: 300_000});
		const row = view.rows[0]!;
		const cell = (step: string) => row.cells[columns.findIndex((c) => c.lab === 'lab-a' && c.step === step)];
		expect(cell('component')?.status).toBe('pass');
		expect(cell('handler')).toEqual({status: 'pass', ms: 60_000, failing: []});
		expect(cell('dockerfile')).toEqual({status: 'fail', ms: 29_000, failing: ['input-binding/route-mismatch']});
		expect(cell('run')).toEqual({status: 'todo', ms: 0, failing: []});
		expect(row.step).toBe('dockerfile');
		expect(roomView(foldRoom(events), {now: 90_000, columns, stuckAfterMs: 300_000})).toEqual(view);
	});

	it('marks a student stuck on the same first failing rule past the threshold, and not after the rule changes', () => {
		const room = createRoom();
		applyEvent(room, at(checkEvent('s1', 'Ada', 'handler', ['component'], 'input-binding/route-mismatch'), 0));
		applyEvent(room, at(checkEvent('s1', 'Ada', 'handler', ['component'], 'input-binding/route-mismatch'), 200_000));
		expect(roomView(room, {now: 299_000, columns, stuckAfterMs: 300_000}).rows[0]!.stuck).toBeNull();
		expect(roomView(room, {now: 301_000, columns, stuckAfterMs: 300_000}).rows[0]!.stuck).toEqual({rule: 'input-binding/route-mismatch', ms: 301_000});
		applyEvent(room, at(checkEvent('s1', 'Ada', 'handler', ['component'], 'input-binding/wrong-method'), 302_000));
		expect(roomView(room, {now: 303_000, columns, stuckAfterMs: 300_000}).totals.stuck).toBe(0);
	});

	it('ranks the most frequent failing rules with title and fix from the rule metadata', () => {
		const events = [
			at(checkEvent('a', 'A', 'handler', ['component'], 'input-binding/route-mismatch'), 1),
			at(checkEvent('b', 'B', 'handler', ['component'], 'input-binding/route-mismatch'), 2),
			at(checkEvent('c', 'C', 'component', [], 'cron/schedule-invalid'), 3),
			at(checkEvent('d', 'D', 'dockerfile', ['component', 'handler']), 4),
		];
		// d passed the handler step: the rule that failed it earlier does not count.
		const top = roomView(foldRoom(events), {now: 10, columns, stuckAfterMs: 1000}).top;
		expect(top.map((rule) => [rule.rule, rule.count])).toEqual([
			['input-binding/route-mismatch', 3],
			['cron/schedule-invalid', 1],
		]);
		expect(top[0]!.title).toBe(ruleById('input-binding/route-mismatch')!.meta.description);
		expect(top[0]!.fix).toBe(ruleById('input-binding/route-mismatch')!.meta.docs);
	});

	it('counts hints, runs and catch-ups and gives a student detail with file:line', () => {
		const room = foldRoom([at(checkEvent('s', 'S', 'handler', ['component']), 1), {...hintEvent('s', 'S', 1), received: 2}, {kind: 'run', id: 'r1', student: 's', name: 'S', at: 1, lab: 'lab-a', status: 'fail', checks: [{id: 'run/triggered', status: 'fail'}], received: 3}, {kind: 'catch-up', id: 'c1', student: 's', name: 'S', at: 1, lab: 'lab-a', step: 'dockerfile', received: 4}]);
		const detail = studentDetail(room, 's')!;
		expect(detail.findings[0]).toMatchObject({rule: 'input-binding/route-mismatch', file: 'app.py', line: 12});
		expect(detail.runs[0]!.checks[0]!.id).toBe('run/triggered');
		expect([detail.hints, detail.catchUps.length]).toEqual([1, 1]);
		expect(studentDetail(room, 'nobody')).toBeNull();
	});

	it('cleans names: terminal escapes and bidi controls stripped, length bounded, markup kept as text', () => {
		expect(cleanName('\u001B[31mEve\u001B[0m\u0007 \u202Eevil')).toBe('Eve evil');
		expect(cleanName('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
		expect([...cleanName('x'.repeat(500))].length).toBe(40);
		expect(cleanName('\u001B]0;title\u0007')).toBe('(no name)');
	});

	it('rate-limits per key with a bucket that refills', () => {
		const limiter = createRateLimiter({burst: 10, perSecond: 5});
		expect(limiter.take('a', 10, 0).ok).toBe(true);
		const refused = limiter.take('a', 1, 0);
		expect(refused.ok).toBe(false);
		expect(refused.retryAfterMs).toBe(200);
		expect(limiter.take('b', 1, 0).ok).toBe(true);
		expect(limiter.take('a', 1, 200).ok).toBe(true);
	});
});

describe('what the workbook shares', async () => {
	const labs = await loadLabs();
	it('derives a check event with step statuses and failing rule ids (no file contents), then hints, from session states', async () => {
		const root = packageRoot();
		const start = initialState({labs, quiz: [], solutions: {}, progress: {version: 1, labs: {}}, warnings: [], now: 0, runnerAvailable: false, lab: 'lab-a'});
		const {result} = await checkFolder(join(root, 'labs', 'lab-a', 'starter'), {workspaceLabel: '.'});
		const checked = reduce(reduce(start, {type: 'check-finished', result}), {type: 'follow'});
		const events = roomEventsBetween(start, checked);
		expect(events).toHaveLength(1);
		const check = events[0]!;
		expect(check.kind).toBe('check');
		if (check.kind !== 'check') return;
		expect(check.lab).toBe('lab-a');
		expect(check.steps.map((step) => step.id)).toEqual(labs.find((lab) => lab.id === 'lab-a')!.steps.map((step) => step.id));
		expect(check.steps.find((step) => step.status === 'fail')!.failing.length).toBeGreaterThan(0);
		expect(JSON.stringify(check)).not.toMatch(/apiVersion|def |FROM /);
		// Nothing changed: nothing to send.
		expect(roomEventsBetween(checked, checked)).toEqual([]);
		const hinted = reduce(checked, {type: 'hint'});
		expect(roomEventsBetween(checked, hinted)).toEqual([{kind: 'hint', lab: 'lab-a', step: check.step, level: 1}]);
	});
});
