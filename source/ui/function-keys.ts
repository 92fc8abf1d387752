// Function keys from raw terminal input (pure). Ink's useInput drops F1–F12 (they arrive as an
// empty input with no key flag), so htop's F1 help / F3 search / F9 kill / F10 quit would do
// nothing. These are the sequences terminals send: xterm's SS3 forms for F1–F4 (also with a
// modifier, ESC [ 1 ; m P), the VT220 forms ESC [ n ~ (xterm, rxvt, tmux, screen) and the
// Linux console's ESC [ [ A–E.

const VT220: Record<string, number> = {11: 1, 12: 2, 13: 3, 14: 4, 15: 5, 17: 6, 18: 7, 19: 8, 20: 9, 21: 10, 23: 11, 24: 12};
const SS3_LETTERS = 'PQRS';
const CONSOLE_LETTERS = 'ABCDE';

/** F-key number (F1 = 1) of one raw input chunk, or undefined when it is not a function key. */
export function functionKeyNumber(data: string): number | undefined {
	let match = /^\u001b(?:O|\[1;\d+)([PQRS])$/.exec(data);
	if (match) return SS3_LETTERS.indexOf(match[1]!) + 1;
	match = /^\u001b\[(\d+)(?:;\d+)?~$/.exec(data);
	if (match) return VT220[match[1]!];
	match = /^\u001b\[\[([A-E])$/.exec(data);
	if (match) return CONSOLE_LETTERS.indexOf(match[1]!) + 1;
	return undefined;
}
