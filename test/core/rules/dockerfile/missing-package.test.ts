import {describe, expect, test} from 'vitest';
import {at, check, complete, DOCKERFILE} from '../../../helpers/rules.js';

const RULE = 'dockerfile/missing-package';
const withRun = (run: string, extra: Record<string, string> = {}) => complete({Dockerfile: DOCKERFILE.replace('RUN pip install fastapi uvicorn dapr', run), ...extra});

describe(RULE, () => {
	test.each([
		'RUN pip install fastapi uvicorn dapr',
		'RUN pip install --no-cache-dir "fastapi==0.115.0" "uvicorn[standard]" dapr>=1.14',
		'RUN pip install "fastapi[standard]" dapr',
		'RUN python -m pip install -U fastapi uvicorn dapr',
	])('valid: %s', (run) => expect(check(RULE, withRun(run))).toEqual([]));
	test('valid: from requirements.txt', () => {
		const files = withRun('COPY requirements.txt .\nRUN pip install -r requirements.txt', {'requirements.txt': 'fastapi==0.115.0\nuvicorn[standard]\ndapr\n'});
		expect(check(RULE, files)).toEqual([]);
	});
	test('lab-a does not need dapr', () => expect(check(RULE, withRun('RUN pip install fastapi uvicorn'), 'lab-a')).toEqual([]));
	test('lab-b needs dapr', () => {
		const findings = check(RULE, withRun('RUN pip install fastapi uvicorn'), 'lab-b');
		expect(at(findings)).toEqual([[RULE, 'error', 'Dockerfile', 3, findings[0]!.column]]);
		expect(findings[0]!.message).toContain('lacks dapr');
		expect(findings[0]!.hint).toBe('Write `RUN pip install fastapi uvicorn dapr`.');
	});
	test('a requirements file that is not in the folder', () => {
		const findings = check(RULE, withRun('RUN pip install -r requirements.txt'));
		expect(findings.map((f) => [f.ruleId, f.line])).toContainEqual([RULE, 3]);
		expect(findings.some((f) => f.message.includes('The file requirements.txt that pip install -r names is not in the lab folder'))).toBe(true);
	});
	test('requirements without uvicorn', () => {
		const findings = check(RULE, withRun('RUN pip install -r requirements.txt', {'requirements.txt': 'fastapi\ndapr\n'}));
		expect(findings.map((f) => f.message)).toEqual(['The pip install in the Dockerfile lacks uvicorn, so `uvicorn app:app` fails when the container starts.']);
	});
	test.each([
		['RUN pip install dapr-ext-fastapi', 0],
		['RUN pip install fastapi uvicorn dapr-ext-grpc', 0],
		['RUN pip install fastapi uvicorn flask-dapr', 0],
		['RUN pip install dapr-ext-grpc', 1],
	] as const)('extension packages bring their dependencies: %s', (run, count) => {
		expect(check(RULE, withRun(run), 'lab-b')).toHaveLength(count);
	});
});
