import {describe, expect, it} from 'vitest';
import {markRuntimeSteps, mergeRecordedRuns, parseRunRecords, runVerified, workspaceFingerprint} from '../../src/core/run-record.js';
import type {CheckResult} from '../../src/core/result.js';
import type {LabDef} from '../../src/core/labs.js';
import type {SourceFile, Workspace} from '../../src/core/types.js';

function workspace(files: Record<string, string>): Workspace {
	const map = new Map<string, SourceFile>();
	for (const [path, text] of Object.entries(files)) map.set(path, {path, kind: 'text', text, size: text.length});
	return {files: map};
}

describe('run records', () => {
	it('fingerprints the files: same files same print, any change a new one, order irrelevant', () => {
		const a = workspaceFingerprint(workspace({'app.py': 'x = 1\n', 'components/c.yaml': 'kind: Component\n'}));
		expect(workspaceFingerprint(workspace({'components/c.yaml': 'kind: Component\n', 'app.py': 'x = 1\n'}))).toBe(a);
		expect(workspaceFingerprint(workspace({'app.py': 'x = 2\n', 'components/c.yaml': 'kind: Component\n'}))).not.toBe(a);
		expect(workspaceFingerprint(workspace({'app.py': 'x = 1\n'}))).not.toBe(a);
		expect(a).toMatch(/^[0-9a-f]{14}$/);
	});

	it('keeps only well-formed records and verifies only a pass of the same files', () => {
		const records = parseRunRecords({'lab-a': {status: 'pass', at: '2026-01-01T00:00:00Z', fingerprint: 'f1'}, 'lab-b': {status: 'maybe'}, other: {status: 'pass', at: 'x', fingerprint: 'f'}}, ['lab-a', 'lab-b']);
		expect(Object.keys(records)).toEqual(['lab-a']);
		expect(runVerified(records, 'lab-a', 'f1')).toBe(true);
		expect(runVerified(records, 'lab-a', 'f2')).toBe(false);
		expect(runVerified(records, 'lab-b', 'f1')).toBe(false);
	});

	it('marks runtime steps only, and never changes a score', () => {
		const lab = {id: 'lab-a', steps: [{id: 'component', kind: 'static'}, {id: 'run', kind: 'runtime'}]} as unknown as LabDef;
		const result: CheckResult = {tool: 'dapr-labs', version: '0', workspace: '.', summary: {errors: 0, warnings: 0}, labs: [{id: 'lab-a', title: 'A', status: 'pass', score: 40, maxScore: 40, findings: [], steps: [{id: 'component', title: 'C', status: 'pass'}, {id: 'run', title: 'R', status: 'pass'}]}]};
		const none = markRuntimeSteps(result, [lab], {}, 'f');
		expect(none.labs[0]!.steps).toEqual([{id: 'component', title: 'C', status: 'pass'}, {id: 'run', title: 'R', status: 'pass', verified: false}]);
		expect(none.labs[0]!.score).toBe(40);
		const ran = markRuntimeSteps(result, [lab], {'lab-a': {status: 'pass', at: 'now', fingerprint: 'f'}}, 'f');
		expect(ran.labs[0]!.steps[1]).toMatchObject({verified: true});
	});

	it('the workbook saving its progress keeps a newer run recorded by the shell, and its runtime steps', () => {
		const progress = {version: 1 as const, labs: {'lab-a': {passed: ['component'], hints: {}}}, runs: {'lab-a': {status: 'fail' as const, at: '2026-01-01T00:00:00.000Z', fingerprint: 'old'}}};
		const disk = {'lab-a': {status: 'pass' as const, at: '2026-01-01T00:05:00.000Z', fingerprint: 'new'}};
		const merged = mergeRecordedRuns(progress, disk, {'lab-a': ['run', 'triggers']});
		expect(merged.runs!['lab-a']).toEqual(disk['lab-a']);
		expect(merged.labs['lab-a']!.passed).toEqual(['component', 'run', 'triggers']);
		// An older record on disk loses to the workbook's own newer one.
		expect(mergeRecordedRuns({...progress, runs: {'lab-a': {...disk['lab-a'], at: '2026-01-02T00:00:00.000Z', status: 'fail'}}}, disk, {'lab-a': ['run']}).runs!['lab-a']!.status).toBe('fail');
		expect(mergeRecordedRuns({version: 1, labs: {}}, {}, {})).toEqual({version: 1, labs: {}});
	});
});

