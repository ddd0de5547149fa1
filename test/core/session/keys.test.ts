import {describe, expect, it} from 'vitest';
import {splitKeys} from '../../../src/core/session/keys.js';

describe('splitKeys', () => {
	it('makes each character of a typed chunk a press', () => {
		expect(splitKeys('j', {})).toEqual(['j']);
		expect(splitKeys('jj', {})).toEqual(['j', 'j']);
		expect(splitKeys('jjjjjj', {})).toEqual(['j', 'j', 'j', 'j', 'j', 'j']);
		expect(splitKeys('jk', {})).toEqual(['j', 'k']);
		expect(splitKeys('hhs', {})).toEqual(['h', 'h', 's']);
	});

	it('leaves special keys and control characters whole', () => {
		expect(splitKeys('', {upArrow: true})).toEqual(['']);
		expect(splitKeys('c', {ctrl: true})).toEqual(['c']);
		expect(splitKeys('\r', {return: true})).toEqual(['\r']);
	});

	it('presses nothing for a paste of mixed text (a pasted command must not quit or run)', () => {
		expect(splitKeys('dapr run --app-id x', {})).toEqual([]);
		expect(splitKeys('quit', {})).toEqual(['q', 'u', 'i', 't']); // four keys typed fast: still typing
		expect(splitKeys('quits', {})).toEqual([]);
	});
});
