// The instructor page in a real browser: headless Chromium (Debian's) driven by playwright-core. It follows the room
// live (a cell turns green without a reload), and student text is shown as text, never run as markup.
import {existsSync} from 'node:fs';
import {mkdtemp, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {chromium, type BrowserContext} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {packageRoot} from '../../src/runner/package-root.js';
import {checkEvent, hintEvent, post, startTestRoom, type TestRoom} from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
	if (process.env['DAPR_LABS_REQUIRE_E2E'] === '1') throw new Error(`Chromium is required for the room page test (DAPR_LABS_REQUIRE_E2E=1): ${CHROMIUM} is missing (apt-get install chromium).`);
	console.warn(`Skipping the room page browser test: ${CHROMIUM} is not installed (apt-get install chromium).`);
}

/** Debian's Chromium, headless, with a fresh profile (playwright passes it as --user-data-dir). */
async function launchChromium(profile: string): Promise<BrowserContext> {
	return chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: {width: 1280, height: 720},
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

const SCRIPT_NAME = '<script>window.__pwned=1</script>';
const IMG_NAME = '<img src=x onerror=__pwned=2>';
const ESCAPE_NAME = '\u001B[31mRed\u001B[0m \u001B]0;title\u0007Team';

describe.skipIf(!available)('instructor page in Chromium', () => {
	let room: TestRoom;
	let browser: BrowserContext;
	let profile = '';
	beforeAll(async () => {
		room = await startTestRoom({pushEveryMs: 50, stuckAfterMs: 2000});
		profile = await mkdtemp(join(tmpdir(), 'dapr-labs-chromium-'));
		browser = await launchChromium(profile);
	}, 60_000);
	afterAll(async () => {
		await browser?.close();
		await room?.stop();
		if (profile) await rm(profile, {recursive: true, force: true});
	});

	it('loads the grid, turns a cell green live, and shows a <script> name as text', async () => {
		const names = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Edsger Dijkstra', 'Barbara Liskov', SCRIPT_NAME, ESCAPE_NAME, IMG_NAME];
		const steps = ['handler', 'handler', 'dockerfile', 'component', 'run', 'handler', 'handler', 'dockerfile', 'component'];
		for (const [index, name] of names.entries()) {
			const done = ['component', 'handler', 'dockerfile', 'run'].slice(0, ['component', 'handler', 'dockerfile', 'run'].indexOf(steps[index]!));
			const rule = steps[index] === 'component' ? 'cron/five-field' : steps[index] === 'dockerfile' ? 'dockerfile/cmd' : 'input-binding/route-mismatch';
			expect((await post(room.server.url, room.tokens.join, [checkEvent(`s${index}`, name, steps[index]!, done, rule), hintEvent(`s${index}`, name, 1)])).status).toBe(200);
		}
		const page = await browser.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`${room.server.url}/#token=${room.tokens.instructor}`);
		const ada = page.locator('tr[data-student="s0"] td[data-col="lab-a/handler"]');
		await ada.and(page.locator('[data-status="fail"]')).waitFor({timeout: 30_000});
		await page.locator('#connection.online').waitFor({timeout: 30_000});

		// Ada fixes her handler: the page updates without a reload.
		await page.evaluate('window.__marker = 42');
		expect((await post(room.server.url, room.tokens.join, [checkEvent('s0', 'Ada Lovelace', 'dockerfile', ['component', 'handler'], 'dockerfile/cmd')])).status).toBe(200);
		await page.locator('tr[data-student="s0"] td[data-col="lab-a/handler"][data-status="pass"]').waitFor({timeout: 30_000});
		expect(await page.evaluate('window.__marker')).toBe(42);
		expect(await page.evaluate(`getComputedStyle(document.querySelector('tr[data-student="s0"] td[data-col="lab-a/handler"] .cell')).backgroundColor`)).toBe('rgb(31, 157, 85)');

		// The <script> name is text: shown literally, never run, no element made from it.
		const nameCell = page.locator('tr[data-student="s6"] .student-name');
		expect(await nameCell.textContent()).toBe(SCRIPT_NAME);
		expect(await page.locator('tr[data-student="s8"] .student-name').textContent()).toBe(IMG_NAME);
		expect(await page.evaluate('window.__pwned')).toBeUndefined();
		expect(await page.locator('tbody script, tbody img').count()).toBe(0);
		// Terminal escapes are gone from the name.
		expect(await page.locator('tr[data-student="s7"] .student-name').textContent()).toBe('Red Team');

		// The top failing rules carry the rule's title; a student's detail lists file:line.
		await expect(page.locator('#top li').first().textContent()).resolves.toContain('input-binding/route-mismatch');
		await page.locator('tr[data-student="s1"] .student-name').click();
		await page.locator('#detail-body code', {hasText: 'app.py:12'}).first().waitFor({timeout: 30_000});
		expect(errors).toEqual([]);
		// Students failing the same rule past the threshold stand out (the server re-sends the grid as time passes).
		await page.locator('tr.stuck[data-student="s1"] .stuck-badge').waitFor({timeout: 30_000});
		expect(await page.locator('tr[data-student="s1"] .stuck-badge').textContent()).toMatch(/^stuck on input-binding\/route-mismatch · \d+s$/);
		// Ada fixed the rule she was failing: whatever she fails now, she is not stuck on that one (her new rule's
		// timer starts at the fix, and may itself pass the threshold on a slow machine).
		expect(await page.locator('tr[data-student="s0"] .stuck-badge', {hasText: 'input-binding/route-mismatch'}).count()).toBe(0);
		await page.evaluate(`document.getElementById('detail').hidden = true`);
		// DAPR_LABS_ROOM_SCREENSHOT=docs/room.png refreshes the README's picture; otherwise it goes to the temp profile.
		const shot = process.env['DAPR_LABS_ROOM_SCREENSHOT'] ? join(packageRoot(), process.env['DAPR_LABS_ROOM_SCREENSHOT']) : join(profile, 'room.png');
		await page.screenshot({path: shot, fullPage: false});
		expect((await stat(shot)).size).toBeGreaterThan(10_000);
		await page.close();
	}, 120_000);
});
