import {describe, expect, test} from 'vitest';
import {COMMANDS} from '../../source/ui/commands.js';
import {commandFor, commandForFunctionKey, hintsFor, KEYMAP, keyLabel, NO_KEY, splitKeys} from '../../source/ui/keymap.js';
import {MODES, type Mode} from '../../source/ui/state.js';

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

	test('every mode has a way back (Esc, or q in the list), Ctrl+C to quit and Ctrl+Z to suspend', () => {
		expect(MODES.length).toBe(14);
		for (const mode of MODES) {
			const way = mode === 'list' ? commandFor(mode, 'q', plainKey) : commandFor(mode, '', {...plainKey, escape: true});
			expect(way, mode).toBe(mode === 'list' ? 'quit' : 'cancel');
			expect(commandFor(mode, 'c', {...plainKey, ctrl: true}), mode).toBe('quit');
			expect(commandFor(mode, 'z', {...plainKey, ctrl: true}), mode).toBe('suspend');
		}
	});

	test('every mode shows hints, and the key each hint names runs that command there (no binding shadows it)', () => {
		for (const mode of MODES) {
			const hinted = KEYMAP.filter(binding => binding.hint && binding.modes.includes(mode));
			expect(hintsFor(mode).length, mode).toBeGreaterThan(0);
			for (const binding of hinted) {
				const spec = binding.keys[0]!;
				const key = {...plainKey, ...(spec.key ? {[spec.key]: true} : {}), ctrl: spec.ctrl ?? false};
				const command = spec.fkey === undefined ? commandFor(mode, spec.input ?? '', key) : commandForFunctionKey(mode, spec.fkey);
				expect(command, `${mode}: ${keyLabel(spec)} ${binding.hint}`).toBe(binding.command);
			}
		}
	});

	test('every command is bound to a key and has a handler, and every handler has a binding', () => {
		const bound = new Set(KEYMAP.map(binding => binding.command));
		expect([...bound].sort()).toEqual(Object.keys(COMMANDS).sort());
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
