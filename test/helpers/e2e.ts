/**
 * Gates for tests that need a tool this machine may lack. Outside CI they skip with a printed reason; under
 * DAPR_LABS_REQUIRE_E2E=1 (CI) a missing tool is a failure, never a silent skip.
 */
import {execFileSync} from 'node:child_process';

export const REQUIRE_E2E = process.env['DAPR_LABS_REQUIRE_E2E'] === '1';

/** Whether `command` runs (`command --version` or the given args exit 0). */
export function hasTool(command: string, args: readonly string[] = ['--version']): boolean {
	try {
		execFileSync(command, [...args], {stdio: 'ignore', timeout: 10_000});
		return true;
	} catch {
		return false;
	}
}

/**
 * Returns true when the test can run. When it cannot: throws under DAPR_LABS_REQUIRE_E2E=1, else prints why and
 * returns false (use with `it.skipIf(!available)` or an early return that the caller reports).
 */
export function requireOrSkip(available: boolean, what: string): boolean {
	if (available) return true;
	const message = `${what} is not available on this machine`;
	if (REQUIRE_E2E) throw new Error(`${message}, and DAPR_LABS_REQUIRE_E2E=1 requires it.`);
	console.warn(`skipping: ${message} (set DAPR_LABS_REQUIRE_E2E=1 to make this a failure).`);
	return false;
}

/** The first python3 that imports fastapi and uvicorn (the system one on Debian), or null. */
export function fastapiPython(): string | null {
	for (const candidate of ['python3', '/usr/bin/python3', '/usr/local/bin/python3']) {
		if (hasTool(candidate, ['-c', 'import fastapi, uvicorn'])) return candidate;
	}
	return null;
}
