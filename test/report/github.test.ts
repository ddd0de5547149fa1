import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {ANNOTATIONS_PER_KIND, escapeData, escapeProperty, formatGithub} from '../../src/report/github.js';
import {hostileFinding, hostileResult, realResult} from './fixtures.js';

type Command = {name: string; properties: Record<string, string>; data: string};

/**
 * What the GitHub Actions runner does with a step's output (actions/runner ActionCommand.TryParseV2 and the
 * stop-commands handling): every line whose trimmed start is `::name props::data` is a command, unless commands
 * are stopped, in which case only the line `::<token>::` resumes them.
 */
function runnerCommands(output: string): Command[] {
	const commands: Command[] = [];
	let stopToken: string | null = null;
	for (const raw of output.split(/\r?\n|\r/)) {
		const line = raw.trimStart();
		if (!line.startsWith('::')) continue;
		const end = line.indexOf('::', 2);
		if (end === -1) continue;
		const head = line.slice(2, end);
		const data = line.slice(end + 2);
		const space = head.indexOf(' ');
		const name = space === -1 ? head : head.slice(0, space);
		if (stopToken !== null) {
			if (name === stopToken) stopToken = null;
			continue;
		}
		const properties: Record<string, string> = {};
		if (space !== -1) {
			for (const pair of head.slice(space + 1).split(',')) {
				const eq = pair.indexOf('=');
				if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
			}
		}
		if (name === 'stop-commands') {
			stopToken = data;
			continue;
		}
		commands.push({name, properties, data: unescapeData(data)});
	}
	return commands;
}

function unescapeData(text: string): string {
	return text.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}
function unescapeProperty(text: string): string {
	return text.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%3A', ':').replaceAll('%2C', ',').replaceAll('%25', '%');
}

const token = () => randomUUID().replaceAll('-', '');

describe('formatGithub', () => {
	it('annotates each finding with file, line, col, end and the rule id as title', async () => {
		const result = await realResult('labs/lab-a/starter');
		const commands = runnerCommands(formatGithub(result, {token: token()}));
		const errors = commands.filter((command) => command.name === 'error');
		expect(errors.length).toBeGreaterThan(0);
		const five = errors.find((command) => command.properties['title'] === 'cron/five-field')!;
		const finding = result.labs[0]!.findings.find((candidate) => candidate.ruleId === 'cron/five-field')!;
		expect(five.properties).toMatchObject({file: `labs/lab-a/starter/${finding.file}`, line: String(finding.line), col: String(finding.column)});
		expect(five.data.startsWith(finding.message)).toBe(true);
	});

	it('lets no student text inject a command, in annotations or in the plain lines', () => {
		const result = hostileResult(25);
		const output = formatGithub(result, {token: token()});
		const commands = runnerCommands(output);
		// Only our own annotations: 10 errors and 8 warnings (25 findings, every third a warning).
		expect(commands.map((command) => command.name).sort()).toEqual([...Array(10).fill('error'), ...Array(8).fill('warning')].sort());
		for (const command of commands) {
			// The hostile text survives as data (escaped and unescaped intact), never as a command of its own.
			expect(command.data).toContain('::error::pwned');
			expect(command.properties['file']).toBe('students/alice/components/we,ird:name %0A.yaml');
			expect(command.data).not.toMatch(/\u001B/);
		}
		expect(commands.some((command) => command.name === 'stop-commands' || command.data === 'pwned')).toBe(false);
		// The 7 findings past the cap are printed as plain lines inside the guard, with a summary line.
		expect(output).toMatch(/7 more findings not annotated/);
	});

	it('plain lines that start like a command stay inert inside the guard', () => {
		// A path that itself reads as a command (as if a student could name a file so) lands in the overflow lines.
		const findings = Array.from({length: 13}, (_, index) => hostileFinding({line: index + 1, file: '::error::pwned', message: 'Ends the guard? ::abc:: ::error::late'}));
		const result = {...hostileResult(0, '.'), labs: [{...hostileResult(0).labs[0]!, findings}]};
		const output = formatGithub(result, {token: token()});
		// Not even inside the guard does a line start with the student's `::` (issue 11): names are defused everywhere.
		expect(output.split('\n').filter((line) => line.startsWith('::error::pwned'))).toHaveLength(0);
		expect(output.split('\n').filter((line) => line.startsWith(': :error: :pwned'))).toHaveLength(3);
		const commands = runnerCommands(output);
		expect(commands).toHaveLength(ANNOTATIONS_PER_KIND);
		expect(commands.every((command) => command.name === 'error' && command.properties['file'] === ': :error: :pwned')).toBe(true);
	});

	it('caps annotations at 10 per kind', () => {
		const findings = Array.from({length: 14}, (_, index) => hostileFinding({line: index + 1, message: `Plain message ${index}.`, severity: index < 12 ? 'error' : 'info'}));
		const result = {...hostileResult(0), labs: [{...hostileResult(0).labs[0]!, findings}]};
		const commands = runnerCommands(formatGithub(result, {token: token()}));
		expect(commands.filter((command) => command.name === 'error')).toHaveLength(ANNOTATIONS_PER_KIND);
		expect(commands.filter((command) => command.name === 'notice')).toHaveLength(2);
	});

	it('escapes per the runner and refuses a weak token', () => {
		expect(escapeData('a%b\r\nc')).toBe('a%25b%0D%0Ac');
		expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
		expect(() => formatGithub(hostileResult(1), {token: 'abc'})).toThrow(/token/);
	});
});
