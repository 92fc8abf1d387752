// Every key binding as one table: which key, in which modes, what it does, and its help text.
// Input handling, the help screen, the status bar hints and the README's key table read it.

import type {Key} from 'ink';
import {MODES, type Mode} from './state.js';

export type CommandId =
	| 'up'
	| 'down'
	| 'page-up'
	| 'page-down'
	| 'home'
	| 'end'
	| 'sort-cpu'
	| 'sort-memory'
	| 'sort-time'
	| 'sort-pid'
	| 'sort-previous'
	| 'sort-next'
	| 'sort-pick'
	| 'invert'
	| 'tree'
	| 'group-apps'
	| 'expand'
	| 'collapse'
	| 'expand-all'
	| 'search'
	| 'next-match'
	| 'filter'
	| 'users'
	| 'follow'
	| 'pause'
	| 'interval'
	| 'help'
	| 'quit'
	| 'accept'
	| 'cancel'
	| 'erase'
	| 'suspend'
	| 'copy-pid'
	| 'copy-command'
	| 'kill'
	| 'tag'
	| 'tag-subtree'
	| 'untag-all'
	| 'kill-subtree'
	| 'nice-up'
	| 'nice-down'
	| 'nice-set'
	| 'details'
	| 'yes'
	| 'kernel-threads'
	| 'threads'
	| 'whole-command'
	| 'details-environment'
	| 'details-files'
	| 'signal-parent'
	| 'history-back'
	| 'history-forward'
	| 'live'
	| 'exited'
	| 'jump'
	| 'cpu-graphs'
	| 'scroll-left'
	| 'scroll-right'
	| 'setup'
	| 'setup-toggle'
	| 'setup-earlier'
	| 'setup-later'
	| 'setup-default';

type SpecialKey =
	| 'upArrow'
	| 'downArrow'
	| 'leftArrow'
	| 'rightArrow'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'return'
	| 'escape'
	| 'backspace'
	| 'delete'
	| 'tab';

/**
 * One key: a character (`input`), a named key Ink reports (`key`), or a function key (`fkey`:
 * Ink drops F1–F12, so function-keys.ts reads them from the raw input for htop's fingers).
 */
export type KeySpec = {input?: string; key?: SpecialKey; ctrl?: boolean; fkey?: number};

export type Binding = {
	command: CommandId;
	keys: KeySpec[];
	modes: readonly Mode[];
	/** One line for the help screen and the README. */
	help: string;
	/** Short word for the status bar; only bindings with a hint appear there. */
	hint?: string;
	/** Signals or renices: off (and out of the hints) with --readonly. */
	acts?: true;
};

const LIST: readonly Mode[] = ['list'];
const MENUS: readonly Mode[] = ['users', 'sort', 'signal'];
const TYPING: readonly Mode[] = ['search', 'filter', 'interval', 'nice', 'jump'];
const ALL: readonly Mode[] = MODES;

/** Screens that scroll as a whole: the details view and the help. */
const SCROLLING: readonly Mode[] = ['details', 'help', 'exited'];

export const KEYMAP: readonly Binding[] = [
	{
		command: 'up',
		keys: [{key: 'upArrow'}],
		modes: [...LIST, ...MENUS, 'setup', 'search', 'filter', ...SCROLLING],
		help: 'Move the selection up (details, help: scroll)',
	},
	{
		command: 'down',
		keys: [{key: 'downArrow'}],
		modes: [...LIST, ...MENUS, 'setup', 'search', 'filter', ...SCROLLING],
		help: 'Move the selection down (details, help: scroll)',
	},
	{command: 'page-up', keys: [{key: 'pageUp'}], modes: [...LIST, ...MENUS, ...SCROLLING], help: 'Up one page'},
	{command: 'page-down', keys: [{key: 'pageDown'}], modes: [...LIST, ...MENUS, ...SCROLLING], help: 'Down one page'},
	{command: 'home', keys: [{key: 'home'}, {input: 'g'}], modes: [...LIST, ...SCROLLING], help: 'First process (details, help: top)'},
	{command: 'end', keys: [{key: 'end'}, {input: 'G'}], modes: [...LIST, ...SCROLLING], help: 'Last process (details, help: bottom)'},
	{command: 'sort-cpu', keys: [{input: 'P'}], modes: LIST, help: 'Sort by CPU%'},
	{command: 'sort-memory', keys: [{input: 'M'}], modes: LIST, help: 'Sort by memory (MEM%)'},
	{command: 'sort-time', keys: [{input: 'T'}], modes: LIST, help: 'Sort by CPU time (TIME+)'},
	{command: 'sort-pid', keys: [{input: 'N'}], modes: LIST, help: 'Sort by PID'},
	{command: 'sort-previous', keys: [{input: '<'}], modes: LIST, help: 'Sort by the previous column'},
	{command: 'sort-next', keys: [{input: '>'}], modes: LIST, help: 'Sort by the next column'},
	{command: 'sort-pick', keys: [{input: '.'}, {fkey: 6}], modes: LIST, help: 'Pick the sort column from a list', hint: 'Sort'},
	{command: 'invert', keys: [{input: 'I'}], modes: LIST, help: 'Invert the sort order'},
	{command: 'tree', keys: [{input: 't'}, {fkey: 5}], modes: LIST, help: 'Toggle tree view', hint: 'Tree'},
	{command: 'group-apps', keys: [{input: 'A'}], modes: LIST, help: 'Group by app: one row per APP with the count and sums (+ opens a group)'},
	{command: 'expand', keys: [{input: '+'}, {input: '='}], modes: LIST, help: 'Tree: expand the selected branch (grouped: open the group)'},
	{command: 'collapse', keys: [{input: '-'}], modes: LIST, help: 'Tree: collapse the selected branch (grouped: close the group)'},
	{command: 'expand-all', keys: [{input: '*'}], modes: LIST, help: 'Tree: expand every branch'},
	{
		command: 'search',
		keys: [{input: '/'}, {fkey: 3}],
		modes: LIST,
		help: 'Search: jump to a match (text anywhere in name, command or user; ~ first: fuzzy)',
		hint: 'Search',
	},
	{command: 'next-match', keys: [{input: 'n'}], modes: LIST, help: 'Jump to the next search match'},
	{
		command: 'filter',
		keys: [{input: '\\'}, {fkey: 4}],
		modes: LIST,
		help: 'Filter: show only matches (text anywhere in name, command or user; ~ first: fuzzy)',
		hint: 'Filter',
	},
	{command: 'users', keys: [{input: 'u'}], modes: LIST, help: "Show one user's processes (or all)"},
	{command: 'kernel-threads', keys: [{input: 'K'}], modes: LIST, help: 'Show or hide kernel threads (hidden by default, as in htop)'},
	{command: 'threads', keys: [{input: 'H'}], modes: LIST, help: "Show or hide each process's threads as rows (TID, own CPU%, state, name), as in htop"},
	{command: 'follow', keys: [{input: 'F'}], modes: LIST, help: 'Follow the selected process (keep it centred)'},
	{command: 'pause', keys: [{input: 'Z'}], modes: LIST, help: 'Pause or resume updates'},
	{command: 'scroll-left', keys: [{key: 'leftArrow'}], modes: LIST, help: 'Scroll the COMMAND column back toward the start of each command line'},
	{command: 'scroll-right', keys: [{key: 'rightArrow'}], modes: LIST, help: 'Scroll the COMMAND column right, to read long command lines (as in htop)'},
	{command: 'history-back', keys: [{input: '{'}], modes: LIST, help: 'History: one tick back in time (held: keeps going)'},
	{command: 'history-forward', keys: [{input: '}'}], modes: LIST, help: 'History: one tick forward; past the newest is live again'},
	{command: 'live', keys: [{key: 'escape'}], modes: LIST, help: 'History: back to live'},
	{command: 'jump', keys: [{input: 'J'}], modes: LIST, help: 'History: jump to a time (16:04:12, +90s from the start, or ISO 8601)'},
	{command: 'cpu-graphs', keys: [{input: 'C'}], modes: LIST, help: "Show or hide the CPU GRAPH column: each process's last 16 ticks (needs history)"},
	{command: 'exited', keys: [{input: 'x'}], modes: LIST, help: 'Processes that exited while proctop watched (lifetime, peaks)'},
	{command: 'interval', keys: [{input: 'd'}], modes: LIST, help: 'Set the refresh interval'},
	{command: 'setup', keys: [{input: 'S'}], modes: LIST, help: 'Setup: choose, hide and reorder the columns (remembered)', hint: 'Setup'},
	{command: 'setup-toggle', keys: [{input: ' '}], modes: ['setup'], help: 'Setup: show or hide the highlighted column', hint: 'Show/hide'},
	{command: 'setup-earlier', keys: [{input: '<'}, {input: '-'}], modes: ['setup'], help: 'Setup: move the highlighted column left (up the list)', hint: 'Left'},
	{
		command: 'setup-later',
		keys: [{input: '>'}, {input: '+'}],
		modes: ['setup'],
		help: 'Setup: move the highlighted column right (down the list)',
		hint: 'Right',
	},
	{
		command: 'setup-default',
		keys: [{input: 'd'}],
		modes: ['setup'],
		help: "Setup: back to the default columns (htop's, then APP and COMMAND)",
		hint: 'Default',
	},
	{
		command: 'cancel',
		keys: [{key: 'escape'}, {key: 'return'}, {input: 'q'}, {input: 'S'}],
		modes: ['setup'],
		help: 'Setup: close (the columns stay as chosen)',
		hint: 'Close',
	},
	{command: 'help', keys: [{input: 'h'}, {input: '?'}, {fkey: 1}], modes: LIST, help: 'Show this help', hint: 'Help'},
	{
		command: 'details',
		keys: [{key: 'return'}],
		modes: LIST,
		help: 'Details of the selected process (live); with --pick: print the pids and exit',
		hint: 'Details',
	},
	{command: 'copy-pid', keys: [{input: 'y'}], modes: LIST, help: 'Copy the selected pid to the clipboard (OSC 52)'},
	{command: 'copy-command', keys: [{input: 'Y'}], modes: LIST, help: 'Copy the selected command line to the clipboard (OSC 52)'},
	{command: 'kill', keys: [{input: 'k'}, {fkey: 9}], modes: LIST, help: 'Send a signal to the selected (or tagged) processes', hint: 'Kill', acts: true},
	{command: 'tag', keys: [{input: ' '}], modes: LIST, help: 'Tag or untag the selected process'},
	{command: 'tag-subtree', keys: [{input: 'c'}], modes: LIST, help: 'Tag the selected process and all its descendants'},
	{command: 'untag-all', keys: [{input: 'U'}], modes: LIST, help: 'Untag all processes'},
	{command: 'kill-subtree', keys: [{input: 'X'}], modes: LIST, help: 'Kill the selected subtree (asks first): SIGTERM, then SIGKILL for survivors', acts: true},
	// As htop: ] raises the priority (nice −1), [ lowers it (nice +1); F7/F8 are htop's Nice − / Nice +.
	{command: 'nice-down', keys: [{input: ']'}, {fkey: 7}], modes: LIST, help: 'Raise the priority (nice −1, usually needs root)', acts: true},
	{command: 'nice-up', keys: [{input: '['}, {fkey: 8}], modes: LIST, help: 'Lower the priority (nice +1)', acts: true},
	{command: 'nice-set', keys: [{input: 'R'}], modes: LIST, help: 'Set the nice value (renice)', acts: true},
	{command: 'yes', keys: [{input: 'y'}], modes: ['confirm'], help: 'Confirm: yes', hint: 'Yes'},
	{command: 'cancel', keys: [{input: 'n'}, {key: 'escape'}], modes: ['confirm'], help: 'Confirm: no', hint: 'No'},
	{command: 'cancel', keys: [{key: 'escape'}, {input: 'q'}], modes: ['details'], help: 'Details: back to the list', hint: 'Back'},
	{command: 'whole-command', keys: [{input: 'w'}], modes: ['details'], help: 'Details: the whole command line, or its first lines', hint: 'Whole command'},
	{command: 'details-environment', keys: [{input: 'e'}], modes: ['details'], help: 'Details: its environment variables (e again: back)', hint: 'Environment'},
	{command: 'details-files', keys: [{input: 'l'}], modes: ['details'], help: "Details: its open files, as htop's lsof screen (l again: back)", hint: 'Files'},
	{command: 'accept', keys: [{key: 'return'}], modes: ['search', 'filter'], help: 'Search/filter: keep it and return to the list', hint: 'Done'},
	{command: 'cancel', keys: [{key: 'escape'}], modes: ['search', 'filter'], help: 'Search/filter: clear it and return to the list', hint: 'Clear'},
	{command: 'accept', keys: [{key: 'return'}], modes: ['interval', 'nice', 'jump'], help: 'Prompts: set the value typed', hint: 'Set'},
	{command: 'accept', keys: [{key: 'return'}], modes: ['users', 'sort'], help: 'Menus: pick the highlighted entry', hint: 'Pick'},
	{command: 'accept', keys: [{key: 'return'}], modes: ['signal'], help: 'Signal menu: send the highlighted (or typed) signal', hint: 'Send'},
	{
		command: 'signal-parent',
		keys: [{key: 'tab'}],
		modes: ['signal'],
		help: 'Signal menu: target the parent that would restart it instead (npm run, nodemon, --watch)',
		acts: true,
	},
	{
		command: 'cancel',
		keys: [{key: 'escape'}],
		modes: ['interval', 'nice', 'jump', ...MENUS],
		help: 'Prompts and menus: cancel, changing nothing',
		hint: 'Cancel',
	},
	{command: 'cancel', keys: [{key: 'escape'}, {input: 'q'}, {input: 'h'}, {input: '?'}, {fkey: 1}], modes: ['help'], help: 'Help: close', hint: 'Close'},
	{command: 'cancel', keys: [{key: 'escape'}, {input: 'q'}, {input: 'x'}], modes: ['exited'], help: 'Exited processes: back to the list', hint: 'Back'},
	{
		command: 'erase',
		keys: [{key: 'backspace'}, {key: 'delete'}],
		modes: [...TYPING, 'signal'],
		help: 'Prompts and the signal menu: delete the last character typed',
	},
	{command: 'quit', keys: [{input: 'q'}, {fkey: 10}], modes: LIST, help: 'Quit', hint: 'Quit'},
	{
		command: 'quit',
		keys: [
			{input: 'c', ctrl: true},
			{input: 'd', ctrl: true},
		],
		modes: ALL,
		help: 'Quit from anywhere',
	},
	{command: 'suspend', keys: [{input: 'z', ctrl: true}], modes: ALL, help: 'Suspend to the shell (fg comes back)'},
];

function matches(spec: KeySpec, input: string, key: Key): boolean {
	if (spec.fkey !== undefined) return false;
	if (spec.key) return key[spec.key] === true && (spec.ctrl ?? false) === key.ctrl;
	if (spec.input === undefined) return false;
	if (spec.ctrl) return key.ctrl && input === spec.input;
	return !key.ctrl && !key.meta && input === spec.input;
}

/** The command bound to this key press in this mode, if any. */
export function commandFor(mode: Mode, input: string, key: Key): CommandId | undefined {
	for (const binding of KEYMAP) {
		if (!binding.modes.includes(mode)) continue;
		if (binding.keys.some(spec => matches(spec, input, key))) return binding.command;
	}
	return undefined;
}

/** The command bound to function key `number` (F1 = 1) in this mode, if any. */
export function commandForFunctionKey(mode: Mode, number: number): CommandId | undefined {
	return KEYMAP.find(binding => binding.modes.includes(mode) && binding.keys.some(spec => spec.fkey === number))?.command;
}

const SPECIAL_LABELS: Record<SpecialKey, string> = {
	upArrow: '↑',
	downArrow: '↓',
	leftArrow: '←',
	rightArrow: '→',
	pageUp: 'PgUp',
	pageDown: 'PgDn',
	home: 'Home',
	end: 'End',
	return: 'Enter',
	escape: 'Esc',
	backspace: 'Backspace',
	delete: 'Del',
	tab: 'Tab',
};

/** How a key is written in help text: "P", "Ctrl+C", "PgUp", "Space". */
export function keyLabel(spec: KeySpec): string {
	if (spec.fkey !== undefined) return `F${spec.fkey}`;
	const base = spec.key ? SPECIAL_LABELS[spec.key] : spec.input === ' ' ? 'Space' : (spec.input ?? '');
	return spec.ctrl ? `Ctrl+${base.toUpperCase()}` : base;
}

export function bindingLabel(binding: Binding): string {
	return binding.keys.map(keyLabel).join(' ');
}

/** The status bar's hints for a mode: "h Help  / Search …"; --readonly leaves out what acts. */
export function hintsFor(mode: Mode, options: {readonly?: boolean} = {}): Array<{keys: string; hint: string}> {
	return KEYMAP.filter(binding => binding.hint && binding.modes.includes(mode) && !(options.readonly && binding.acts)).map(binding => ({
		keys: keyLabel(binding.keys[0]!),
		hint: binding.hint!,
	}));
}

/** A key press with no flag set: the base for synthetic presses (split input, tests). */
export const NO_KEY: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/**
 * Ink hands over a run of plain characters as one input ("\rt" when Enter and t arrive in one
 * read, a whole paste). Split it into single key presses, decoding the control characters a
 * terminal sends for Enter, Tab, Backspace and Ctrl+letter, so each reaches the key table.
 */
export function splitKeys(input: string, key: Key): Array<{input: string; key: Key}> {
	const characters = [...input];
	if (characters.length <= 1) return [{input, key}];
	return characters.map(character => {
		const code = character.codePointAt(0)!;
		if (character === '\r' || character === '\n') return {input: '', key: {...NO_KEY, return: true}};
		if (character === '\t') return {input: '', key: {...NO_KEY, tab: true}};
		if (code === 0x7f || code === 0x08) return {input: '', key: {...NO_KEY, backspace: true}};
		if (code >= 1 && code <= 26) return {input: String.fromCharCode(code + 96), key: {...NO_KEY, ctrl: true}};
		return {input: character, key: {...NO_KEY, shift: character !== character.toLowerCase()}};
	});
}

/** The README's key table, generated from KEYMAP (a test checks the README matches). */
export function keysMarkdown(): string {
	const rows = KEYMAP.map(binding => `| ${binding.keys.map(spec => `\`${keyLabel(spec).replace('|', '\\|')}\``).join(' ')} | ${binding.help} |`);
	return ['| keys | action |', '|---|---|', ...rows].join('\n');
}
