import {describe, expect, it} from 'vitest';
import {normalizePackageName, parseRequirements, requirementName} from '../../../src/core/dockerfile/model.js';
import {shellCommands, tokenizeShell} from '../../../src/core/dockerfile/shell.js';

describe('parseRequirements', () => {
	it('reads a realistic requirements.txt', () => {
		const text = [
			'# web',
			'fastapi==0.115.0',
			'uvicorn[standard]>=0.30 ; python_version >= "3.9"',
			'',
			'-r base.txt',
			'--index-url https://pypi.org/simple',
			'-e .',
			'Dapr-Ext_FastAPI~=1.14  # the extension',
			'requests \\',
			'  >=2.31',
			'./local/pkg',
			'https://example.com/x.whl',
			'pydantic @ https://example.com/pydantic.whl',
		].join('\n');
		expect(parseRequirements(text)).toEqual([
			{name: 'fastapi', line: 2},
			{name: 'uvicorn', line: 3},
			{name: 'dapr-ext-fastapi', line: 8},
			{name: 'requests', line: 9},
			{name: 'pydantic', line: 13},
		]);
	});

	it('handles CRLF and a BOM-free empty file', () => {
		expect(parseRequirements('')).toEqual([]);
		expect(parseRequirements('dapr\r\nfastapi\r\n')).toEqual([
			{name: 'dapr', line: 1},
			{name: 'fastapi', line: 2},
		]);
	});
});

describe('requirementName / normalizePackageName', () => {
	it.each([
		['uvicorn[standard]==0.30', 'uvicorn'],
		['fastapi>=0.110', 'fastapi'],
		['Flask', 'flask'],
		['zope.interface', 'zope-interface'],
		['dapr_ext_grpc', 'dapr-ext-grpc'],
		['pkg!=1', 'pkg'],
		['.', null],
		['git+https://github.com/dapr/python-sdk', null],
		['dist/app-1.0-py3-none-any.whl', null],
		['--upgrade', null],
		['$PKG', null],
	])('%s → %s', (spec, name) => {
		expect(requirementName(spec)).toBe(name);
	});

	it('normalises runs of separators', () => {
		expect(normalizePackageName('A__b.-C')).toBe('a-b-c');
	});
});

describe('shell tokenizer', () => {
	it('splits commands and keeps quotes together', () => {
		expect(shellCommands(`a 'b  c' "d \\"e\\"" && f;g | h || i`)).toEqual([['a', 'b  c', 'd "e"'], ['f'], ['g'], ['h'], ['i']]);
	});

	it('treats quoted operators as words', () => {
		expect(shellCommands(`echo '&&' ";"`)).toEqual([['echo', '&&', ';']]);
	});

	it('reports an unclosed quote with its offset', () => {
		expect(tokenizeShell(`pip install "x`).unclosedQuote).toBe(12);
	});

	it('removes Docker continuations with their comment lines, keeping offsets', () => {
		const {tokens} = tokenizeShell('a \\\n# c\n  b', {dockerContinuations: true});
		expect(tokens.map((t) => [t.value, t.start])).toEqual([
			['a', 0],
			['b', 10],
		]);
	});
});
