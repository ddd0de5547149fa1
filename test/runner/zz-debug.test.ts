import {it} from 'vitest';
import {collect, cronComponent, fakeEnv, LAB_A_APP, makeLab, ports} from './e2e-helpers.js';
it('debug', async () => {
	const dir = await makeLab({'components/cron-binding.yaml': cronComponent('INVALID_SCHEDULE'), 'app.py': LAB_A_APP});
	const events = await collect({lab: 'lab-a', dir, timeoutSec: 30, ...(await ports()), env: fakeEnv('1.18'), build: 'skip'});
	for (const e of events) console.log(JSON.stringify(e).slice(0, 300));
});
