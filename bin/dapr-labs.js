#!/usr/bin/env node
// Thin launcher: the bundled CLI lives in dist/ (built by `npm run build`, run by `prepare` on `npm ci`).
import('../dist/cli.js').catch((error) => {
	if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
		process.stderr.write('dapr-labs: dist/cli.js is missing. Run `npm run build` (or `npm ci`, which runs it) first.\n');
		process.exit(2);
	}
	throw error;
});
