import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// CI also writes a JSON report that scripts/assert-no-skips.mjs reads.
		reporters: process.env.DAPR_LABS_TEST_REPORT ? ['default', 'json'] : ['default'],
		outputFile: process.env.DAPR_LABS_TEST_REPORT ? {json: process.env.DAPR_LABS_TEST_REPORT} : undefined,
	},
});
