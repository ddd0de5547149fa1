// Two real workbooks (the built bin in tmux) join a room; one student fixes a file and the room's grid changes.
import {execFile, execFileSync} from 'node:child_process';
import {copyFile, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {packageRoot} from '../../src/runner/package-root.js';
import {builtSnapshot} from '../e2e/ensure-built.js';
import {checkEvent, grid, post, startTestRoom, until, type TestRoom} from './helpers.js';

const exec = promisify(execFile);
const root = packageRoot();

function hasTmux(): boolean {
	try {
		execFileSync('tmux', ['-V'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}
const available = hasTmux();
if (!available) {
	if (process.env['DAPR_LABS_REQUIRE_E2E'] === '1') throw new Error('tmux is required for the room workbook test (DAPR_LABS_REQUIRE_E2E=1).');
	console.warn('Skipping the room workbook tmux test: tmux is not installed.');
}

const sessions = ['a', 'b', 'watch'].map((letter) => `dapr-labs-room-${letter}-${process.pid}-${Date.now()}`);
const alive = (session: string) => {
	try {
		execFileSync('tmux', ['has-session', '-t', session], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
};

describe.skipIf(!available)('two workbooks in a room', () => {
	let pkgDir = '';
	let bin = '';
	let room: TestRoom;
	const dirs: string[] = [];
	beforeAll(async () => {
		pkgDir = await mkdtemp(join(tmpdir(), 'dapr-labs-room-pkg-'));
		bin = join(await builtSnapshot(root, pkgDir), 'bin', 'dapr-labs.js');
		room = await startTestRoom();
		for (let index = 0; index < 2; index++) {
			const dir = await mkdtemp(join(tmpdir(), 'dapr-labs-room-lab-'));
			dirs.push(dir);
			await exec(process.execPath, [bin, 'init', '--lab', 'lab-a'], {cwd: dir});
			await copyFile(join(root, 'labs', 'lab-a', 'solution', 'components', 'cron-binding.yaml'), join(dir, 'components', 'cron-binding.yaml'));
		}
	}, 180_000);
	afterAll(async () => {
		for (const session of sessions) if (alive(session)) execFileSync('tmux', ['kill-session', '-t', session]);
		await room?.stop();
		for (const dir of [...dirs, pkgDir]) if (dir) await rm(dir, {recursive: true, force: true});
	});

	it('shows both students, and a fix turns that student’s cell green', async () => {
		const names = ['Ada', 'Grace'];
		const ids: string[] = [];
		const address = `${room.server.url}/join/${room.tokens.join}`;
		// Ada joins with `join`, then starts the workbook; Grace does both at once with `start --room`.
		const {stdout} = await exec(process.execPath, [bin, 'join', address, '--name', names[0]!, '--dir', dirs[0]!]);
		expect(stdout).toContain(`Joined the room at ${room.server.url}`);
		const commands = [`start --lab lab-a --dir '${dirs[0]}'`, `start --lab lab-a --dir '${dirs[1]}' --room '${address}' --name '${names[1]}'`];
		for (const [index, dir] of dirs.entries()) {
			execFileSync('tmux', ['new-session', '-d', '-s', sessions[index]!, '-x', '100', '-y', '30', `cd '${dir}' && exec '${process.execPath}' '${bin}' ${commands[index]}`], {env: {...process.env, TERM: 'xterm-256color'}});
		}
		for (const dir of dirs) {
			const membership = await until(() => readFile(join(dir, '.dapr-labs', 'room', 'room.json'), 'utf8'), (text) => text.includes('student'), 'the membership file');
			ids.push((JSON.parse(membership) as {student: string}).student);
		}
		const handler = (view: Awaited<ReturnType<typeof grid>>, student: string) => {
			const column = view.columns.findIndex((c) => c.lab === 'lab-a' && c.step === 'handler');
			return view.rows.find((row) => row.student === student)?.cells[column]?.status;
		};
		const before = await until(() => grid(room.server.url, room.tokens.instructor), (view) => ids.every((id) => handler(view, id) === 'fail'), 'both students on a failing handler step');
		expect(before.rows.map((row) => row.name).sort()).toEqual(names);
		expect(before.top[0]).toMatchObject({rule: 'input-binding/route-mismatch', count: 2});
		expect(execFileSync('tmux', ['capture-pane', '-p', '-t', sessions[0]!], {encoding: 'utf8'})).toContain('Sharing your progress with the room');

		// Ada fixes the route and saves.
		const app = await readFile(join(dirs[0]!, 'app.py'), 'utf8');
		await writeFile(join(dirs[0]!, 'app.py'), app.replace('@app.post("/cleanup_cron")', '@app.post("/cleanup-cron")'));
		const after = await until(() => grid(room.server.url, room.tokens.instructor), (view) => handler(view, ids[0]!) === 'pass', 'Ada’s handler cell to pass');
		expect(handler(after, ids[1]!)).toBe('fail');
		expect(after.rows.find((row) => row.student === ids[0])!.step).toBe('dockerfile');

		// The instructor's terminal view, with a name full of terminal escapes in the room.
		expect((await post(room.server.url, room.tokens.join, [checkEvent('mallory', '\u001B[2J\u001B]0;pwned\u0007\u001B[31mMallory\u001B[0m', 'handler', ['component'])])).status).toBe(200);
		execFileSync('tmux', ['new-session', '-d', '-s', sessions[2]!, '-x', '100', '-y', '30', `exec '${process.execPath}' '${bin}' room watch '${room.server.url}/#token=${room.tokens.instructor}'`], {env: {...process.env, TERM: 'xterm-256color'}});
		const pane = () => execFileSync('tmux', ['capture-pane', '-p', '-t', sessions[2]!], {encoding: 'utf8'});
		const screen = await until(async () => pane(), (text) => text.includes('3 students') && text.includes('Mallory'), 'room watch to draw the grid');
		expect(screen).toMatch(/Ada\s+✔✔✘··\s+lab-a\/dockerfile/);
		expect(screen).toMatch(/Grace\s+✔✘✘··\s+lab-a\/handler/);
		expect(screen).toMatch(/Mallory\s+✔✘···\s+lab-a\/handler/);
		expect(screen).toContain('dapr-labs room · ');
		expect(screen).not.toContain('pwned');
		expect(screen).not.toContain('[31m');

		for (const session of sessions) execFileSync('tmux', ['send-keys', '-t', session, 'q']);
		await until(async () => sessions.filter(alive), (left) => left.length === 0, 'the workbooks and room watch to quit');
	}, 180_000);
});
