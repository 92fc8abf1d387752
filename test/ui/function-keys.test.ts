import {describe, expect, test} from 'vitest';
import {functionKeyNumber} from '../../source/ui/function-keys.js';

describe('functionKeyNumber', () => {
	test.each([
		['\u001bOP', 1],
		['\u001bOR', 3],
		['\u001bOS', 4], // xterm SS3
		['\u001b[1;2P', 1], // xterm F1 with Shift
		['\u001b[11~', 1],
		['\u001b[13~', 3],
		['\u001b[14~', 4],
		['\u001b[15~', 5],
		['\u001b[17~', 6],
		['\u001b[18~', 7],
		['\u001b[19~', 8],
		['\u001b[20~', 9],
		['\u001b[21~', 10],
		['\u001b[24~', 12], // VT220, tmux
		['\u001b[15;5~', 5], // Ctrl+F5
		['\u001b[[A', 1],
		['\u001b[[E', 5], // Linux console
	])('%j is F%i', (data, number) => {
		expect(functionKeyNumber(data)).toBe(number);
	});

	test.each(['q', '\u001b[A', '\u001b[5~', '\u001b[1~', '\u001bOA', '\u001b', '\u001b[16~'])('%j is no function key', data => {
		expect(functionKeyNumber(data)).toBeUndefined();
	});
});
