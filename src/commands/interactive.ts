/**
 * Ink decides once, when it loads, whether it runs "in CI" (the CI or CONTINUOUS_INTEGRATION variable) and then
 * draws only the last frame. A command that draws with Ink on a terminal (both stdin and stdout a TTY: a person is
 * watching) loads it through here: the variables are hidden while the module loads, then put back, so the
 * processes the runner starts see the environment unchanged.
 */
export async function loadOutsideCi<T>(load: () => Promise<T>): Promise<T> {
	const saved = {CI: process.env['CI'], CONTINUOUS_INTEGRATION: process.env['CONTINUOUS_INTEGRATION']};
	for (const key of Object.keys(saved)) delete process.env[key];
	try {
		return await load();
	} finally {
		for (const [key, value] of Object.entries(saved)) if (value !== undefined) process.env[key] = value;
	}
}
