// Fails CI when any test was skipped or left as todo, and prints the plain "N passed, N failed" closing line.
import {readFileSync} from 'node:fs';

const file = process.argv[2];
if (!file) {
	console.error('usage: node scripts/assert-no-skips.mjs <vitest-json-report>');
	process.exit(2);
}
let report;
try {
	report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
	console.error(`assert-no-skips: cannot read the vitest JSON report ${file}: ${error.message}`);
	process.exit(1);
}
const skipped = [];
for (const suite of report.testResults ?? []) {
	for (const test of suite.assertionResults ?? []) {
		if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo' || test.status === 'disabled') {
			skipped.push(`${suite.name}: ${test.fullName ?? test.title}`);
		}
	}
}
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
if (skipped.length > 0) {
	console.error(`assert-no-skips: ${skipped.length} test(s) skipped; CI requires every test to run:`);
	for (const line of skipped) console.error(`  - ${line}`);
}
if (passed === 0) console.error('assert-no-skips: no test passed.');
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped.length} skipped`);
process.exit(skipped.length > 0 || failed > 0 || passed === 0 ? 1 : 0);
