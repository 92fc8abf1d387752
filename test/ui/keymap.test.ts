import {describe, expect, test} from 'vitest';
import {commandFor, commandForFunctionKey, hintsFor, KEYMAP, keyLabel, NO_KEY, splitKeys} from '../../source/ui/keymap.js';
import type {Mode} from '../../source/ui/state.js';

const MODES: Mode[] = ['list', 'search', 'filter', 'help', 'users', 'sort', 'interval'];
const plainKey = NO_KEY;

describe('KEYMAP', () => {
	test('no key is bound twice in the same mode', () => {
		for (const mode of MODES) {
			const seen = new Map<string, string>();
			for (const binding of KEYMAP.filter(b => b.modes.includes(mode))) {
				for (const spec of binding.keys) {
					const label = keyLabel(spec);
					expect(seen.get(label), `${label} in ${mode}: ${seen.get(label)} and ${binding.command}`).toBeUndefined();
					seen.set(label, binding.command);
				}
			}
		}
	});

	test('every binding has help text and at least one key', () => {
		for (const binding of KEYMAP) {
			expect(binding.help.length).toBeGreaterThan(3);
			expect(binding.keys.length).toBeGreaterThan(0);
		}
	});

	test('every action has a letter or plain key; F-keys only beside one (Ink never delivers them itself)', () => {
		for (const binding of KEYMAP) expect(binding.keys.some(spec => spec.fkey === undefined)).toBe(true);
	});

	test("htop's function keys reach the same commands as their letters", () => {
		expect(commandForFunctionKey('list', 1)).toBe('help');
		expect(commandForFunctionKey('list', 3)).toBe('search');
		expect(commandForFunctionKey('list', 4)).toBe('filter');
		expect(commandForFunctionKey('list', 5)).toBe('tree');
		expect(commandForFunctionKey('list', 6)).toBe('sort-pick');
		expect(commandForFunctionKey('list', 7)).toBe('nice-down');
		expect(commandForFunctionKey('list', 8)).toBe('nice-up');
		expect(commandForFunctionKey('list', 9)).toBe('kill');
		expect(commandForFunctionKey('list', 10)).toBe('quit');
		expect(commandForFunctionKey('list', 2)).toBeUndefined();
		expect(commandForFunctionKey('help', 1)).toBe('cancel');
		expect(commandForFunctionKey('filter', 10)).toBeUndefined(); // typing: F10 does not quit
	});

	test('each mode hints at what Enter and Esc do there, not one generic pair', () => {
		const hints = (mode: Mode) => hintsFor(mode).map(hint => `${hint.keys} ${hint.hint}`);
		expect(hints('filter')).toEqual(['Enter Done', 'Esc Clear']);
		expect(hints('signal')).toEqual(['Enter Send', 'Esc Cancel']);
		expect(hints('users')).toEqual(['Enter Pick', 'Esc Cancel']);
		expect(hints('nice')).toEqual(['Enter Set', 'Esc Cancel']);
		expect(hintsFor('list', {readonly: true}).map(hint => hint.hint)).not.toContain('Kill');
	});

	test('[ and ] as in htop: ] raises the priority (nice −1), [ lowers it (nice +1)', () => {
		expect(commandFor('list', ']', plainKey)).toBe('nice-down');
		expect(commandFor('list', '[', plainKey)).toBe('nice-up');
		expect(KEYMAP.find(binding => binding.command === 'nice-down')!.help).toMatch(/^Raise the priority \(nice −1/);
		expect(KEYMAP.find(binding => binding.command === 'nice-up')!.help).toMatch(/^Lower the priority \(nice \+1/);
	});

	test('keys resolve per mode', () => {
		expect(commandFor('list', 'P', plainKey)).toBe('sort-cpu');
		expect(commandFor('list', 'q', plainKey)).toBe('quit');
		expect(commandFor('filter', 'q', plainKey)).toBeUndefined(); // typed into the filter
		expect(commandFor('help', 'q', plainKey)).toBe('cancel');
		expect(commandFor('filter', 'c', {...plainKey, ctrl: true})).toBe('quit');
		expect(commandFor('list', '', {...plainKey, pageDown: true})).toBe('page-down');
		expect(commandFor('search', '', {...plainKey, return: true})).toBe('accept');
	});
});

describe('splitKeys', () => {
	test('a run of characters becomes single presses with Enter, Backspace and Ctrl decoded', () => {
		const presses = splitKeys('a\rt\u007f\u0003', plainKey);
		expect(presses.map(press => press.input)).toEqual(['a', '', 't', '', 'c']);
		expect(presses[1]!.key.return).toBe(true);
		expect(presses[3]!.key.backspace).toBe(true);
		expect(presses[4]!.key.ctrl).toBe(true);
	});
	test('one key passes through untouched', () => {
		const key = {...plainKey, upArrow: true};
		expect(splitKeys('', key)).toEqual([{input: '', key}]);
	});
	test('emoji stay whole', () => {
		expect(splitKeys('👍x', plainKey).map(press => press.input)).toEqual(['👍', 'x']);
	});
});
