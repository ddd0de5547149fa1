import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// @actions/workflow-parser imports its JSON schemas without `with {type: 'json'}`, which Node 20 refuses;
		// inlined, vite transforms those imports.
		server: {deps: {inline: ['@actions/workflow-parser']}},
		// CI also writes a JSON report that scripts/assert-no-skips.mjs reads.
		reporters: process.env.DAPR_LABS_TEST_REPORT ? ['default', 'json'] : ['default'],
		outputFile: process.env.DAPR_LABS_TEST_REPORT ? {json: process.env.DAPR_LABS_TEST_REPORT} : undefined,
	},
});
